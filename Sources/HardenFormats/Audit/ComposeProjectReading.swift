import FoundationEssentials
import HardenModel

/// A compose project given as one or more files (`docker compose -f a.yml -f b.yml`), read by the
/// same reader `harden check` uses: each service's plan with the place of each setting, and the
/// merged tree with compose's variables filled in, for the settings harden only carries over.
///
/// Unlike a lone default-named file, files named with `-f` bring no override file of their own;
/// they are merged in the order given, each over the ones before.
package struct ComposeProjectReading {
    package struct Service {
        package var name: String
        /// The service as written (variables filled in, `$$` read as `$`, extends merged).
        package var node: JSONNode
        package var launch: AuditedLaunch
    }

    /// The merged project, variables filled in.
    package var root: JSONNode
    package var services: [Service]
    /// The directory compose reads relative paths from: the first file's.
    package var directory: String

    /// Lines of the n-th file (n > 0) are moved past n × `stride` while the files are merged, so a
    /// position says which file it is in; they are moved back with the file's name on the way out.
    static let stride = ComposeOverridePositions.offset

    /// `files` as the user named them, read from `context.currentDirectory`.
    package static func read(files: [String], context: ComposeYAML.Context) throws(HardenError) -> ComposeProjectReading {
        guard let first = files.first else { throw .input("harden compose --from needs a compose file; usage: harden compose --from FILE") }
        let absolute = files.map { ComposeYAML.absolutePath($0, context.currentDirectory) }
        let restore = { (error: HardenError) -> HardenError in restored(error, absolute: absolute, shown: files) }
        var merged: JSONNode?
        for (index, file) in files.enumerated() {
            let text = try AuditInput.text(of: absolute[index], currentDirectory: "/")
            let document = shifted(try ComposeYAML.load(text, file: file), by: index * stride)
            do {
                merged = try ComposeYAML.resolved(document, file: absolute[0], overriding: merged)
            } catch {
                throw restore(error)
            }
        }
        let directory = PathText.deletingLastComponent(absolute[0])
        var envFile: String?
        if let given = context.envFile { envFile = ComposeYAML.absolutePath(given, context.currentDirectory) }
        let environment = try ComposeEnvironment.load(
            environment: context.environment, envFile: envFile, directory: directory.isEmpty ? "/" : directory, shownEnvFile: context.envFile)
        var variables: [ComposeInterpolation.Variable] = []
        let root: JSONNode
        let launches: [AuditedLaunch]
        do {
            root = try ComposeInterpolation.resolve(merged!, file: absolute[0], environment: environment, variables: &variables)
            launches = try ComposeReader.read(merged!, file: absolute[0], environment: environment)
        } catch {
            throw restore(error)
        }
        let top = StrictReader(file: absolute[0], node: root)
        guard let servicesReader = top.child("services") else {
            throw .input("\(first): a compose file needs \"services\"; fix: list the services to harden under services:")
        }
        let expanded: JSONNode
        do { expanded = try ComposeExtends.resolve(servicesReader) } catch { throw restore(error) }
        var services: [Service] = []
        let prefix = absolute[0] + " service "
        for launch in launches {
            let name = String(launch.name.dropFirst(prefix.count))
            guard let node = expanded.objectMembers?.first(where: { $0.key == name })?.value else { continue }
            services.append(Service(name: name, node: node, launch: restored(launch, absolute: absolute, shown: files)))
        }
        return ComposeProjectReading(root: root, services: services, directory: directory.isEmpty ? "/" : directory)
    }

    /// The file and line a merged position was written at, as the user named the file.
    package static func place(_ location: SourceLocation, files: [String]) -> (file: String, line: Int) {
        let index = min(location.line / stride, max(files.count - 1, 0))
        return (files.isEmpty ? "" : files[index], location.line - index * stride)
    }

    static func shifted(_ document: YAMLDocument, by lines: Int) -> YAMLDocument {
        guard lines > 0 else { return document }
        let move = { (location: SourceLocation) in SourceLocation(line: location.line + lines, column: location.column) }
        var tags: [SourceLocation: String] = [:]
        for (location, tag) in document.tags { tags[move(location)] = tag }
        return YAMLDocument(root: shifted(document.root, by: lines), tags: tags, nonStringKeys: document.nonStringKeys.map(move),
                            complexKeys: document.complexKeys.map(move))
    }

    static func shifted(_ node: JSONNode, by lines: Int) -> JSONNode {
        guard lines > 0 else { return node }
        let move = { (location: SourceLocation) in SourceLocation(line: location.line + lines, column: location.column) }
        switch node.kind {
        case .array(let items):
            return JSONNode(.array(items.map { shifted($0, by: lines) }), at: move(node.location))
        case .object(let members):
            return JSONNode(.object(members.map { JSONMember(key: $0.key, keyLocation: move($0.keyLocation), value: shifted($0.value, by: lines)) }),
                            at: move(node.location))
        default:
            return JSONNode(node.kind, at: move(node.location))
        }
    }

    static func restored(_ launch: AuditedLaunch, absolute: [String], shown: [String]) -> AuditedLaunch {
        var copy = launch
        copy.sources.positions = launch.sources.positions.mapValues { restored($0, absolute: absolute, shown: shown) }
        copy.sources.whole = restored(launch.sources.whole, absolute: absolute, shown: shown)
        return copy
    }

    static func restored(_ position: SourcePosition, absolute: [String], shown: [String]) -> SourcePosition {
        guard position.file == absolute.first, let line = position.line else { return position }
        let (file, moved) = place(SourceLocation(line: line, column: position.column ?? 1), files: shown)
        var copy = position
        copy.file = file
        copy.line = moved
        return copy
    }

    /// `ABSOLUTE:LINE` in a message becomes `FILE:LINE` of the file the line belongs to, as named.
    static func restored(_ error: HardenError, absolute: [String], shown: [String]) -> HardenError {
        guard let first = absolute.first else { return error }
        return error.rewritingLocations(of: first, bare: shown[0]) { line in
            let (file, moved) = place(SourceLocation(line: line, column: 1), files: shown)
            return "\(file):\(moved)"
        }
    }
}
