import FoundationEssentials
import HardenModel

/// A compose file read as written: YAML, compose's variables filled in from the environment and
/// `.env`, `!reset` and `!override` applied, and `compose.override.yaml` (or
/// `docker-compose.override.yml`) beside a default-named file merged over it as `docker compose` does.
package enum ComposeYAML {
    package struct Context {
        var environment: [String: String] = [:]
        /// Where relative paths (the file, --env-file) start.
        var currentDirectory: String = FileManager.default.currentDirectoryPath
        /// `--env-file FILE`, as given; nil reads `.env` beside the compose file.
        var envFile: String?
        package init(environment: [String: String] = [:], currentDirectory: String = FileManager.default.currentDirectoryPath, envFile: String? = nil) {
            self.environment = environment; self.currentDirectory = currentDirectory; self.envFile = envFile
        }
    }

    static let defaultNames: Set<String> = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]

    static func read(file: String, root: YAMLDocument, context: Context) throws(HardenError) -> [AuditedLaunch] {
        let absolute = absolutePath(file, context.currentDirectory)
        let directory = PathText.deletingLastComponent(absolute)
        var merged = try resolved(root, file: file, overriding: nil)
        var overrideShown: String?
        if let override = overrideFile(beside: absolute) {
            let shown = PathText.deletingLastComponent(file).isEmpty ? PathText.lastComponent(override) : PathText.deletingLastComponent(file) + "/" + PathText.lastComponent(override)
            let text = try AuditInput.text(of: override, currentDirectory: "/")
            let document = ComposeOverridePositions.shifted(try load(text, file: shown))
            overrideShown = shown
            do {
                merged = try resolved(document, file: shown, overriding: merged)
            } catch {
                throw ComposeOverridePositions.restored(error, file: shown, override: shown)
            }
        }
        var envFile: String?
        if let given = context.envFile { envFile = absolutePath(given, context.currentDirectory) }
        let environment = try ComposeEnvironment.load(environment: context.environment, envFile: envFile, directory: directory.isEmpty ? "/" : directory, shownEnvFile: context.envFile)
        guard let overrideShown else { return try ComposeReader.read(merged, file: file, environment: environment) }
        do {
            return try ComposeReader.read(merged, file: file, environment: environment).map {
                ComposeOverridePositions.restored($0, override: overrideShown)
            }
        } catch {
            throw ComposeOverridePositions.restored(error, file: file, override: overrideShown)
        }
    }

    static func absolutePath(_ path: String, _ directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// The override file compose loads with a default-named file, if one is beside it.
    static func overrideFile(beside absolute: String) -> String? {
        let name = PathText.lastComponent(absolute)
        guard defaultNames.contains(name) else { return nil }
        let stem = name.hasPrefix("docker-compose") ? "docker-compose" : "compose"
        let directory = PathText.deletingLastComponent(absolute)
        for candidate in [stem + ".override.yaml", stem + ".override.yml"] {
            let path = directory + "/" + candidate
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// An override file given beside the file it overrides is read merged into it, not on its own.
    package static func isMergedElsewhere(_ file: String, among files: [String], currentDirectory: String) -> Bool {
        guard PathText.lastComponent(file).contains(".override.") else { return false }
        let absolute = absolutePath(file, currentDirectory)
        return files.contains { other in
            other != file && overrideFile(beside: absolutePath(other, currentDirectory)) == absolute
        }
    }

    /// One YAML document, refused with the file's name and place when it is not YAML.
    static func load(_ text: String, file: String) throws(HardenError) -> YAMLDocument {
        let documents: [YAMLDocument]
        do { documents = try YAMLReader.load(text) } catch {
            throw .input("\(file):\(error.location.line):\(error.location.column): \(error.message)")
        }
        guard documents.count == 1 else {
            let second = documents.count > 1 ? documents[1].root.location : SourceLocation(line: 1, column: 1)
            throw .input("\(file):\(second.line):\(second.column): a compose file is one YAML document, found \(documents.count); fix: keep one document (one file per project file)")
        }
        return documents[0]
    }

    /// The document with its compose tags applied, merged over `base` when it overrides one.
    static func resolved(_ document: YAMLDocument, file: String, overriding base: JSONNode?) throws(HardenError) -> JSONNode {
        // A number or boolean key is read as its text, as compose-go's YAML decoder reads it into a string.
        for location in document.complexKeys {
            throw .input("\(file):\(location.line):\(location.column): a key that is not text (null, a list or a mapping as key); fix: write the key as text, quoted if needed")
        }
        for (location, tag) in document.tags where tag != "!reset" && tag != "!override" {
            throw .input("\(file):\(location.line):\(location.column): the tag \(tag) is not one compose reads; fix: remove it (compose knows !reset and !override)")
        }
        guard let base else { return strip(document.root, tags: document.tags) }
        return merge(base, document.root, key: nil, tags: document.tags)
    }

    /// A single file's `!reset` removes the key (compose reads nothing there); `!override` changes nothing.
    static func strip(_ node: JSONNode, tags: [SourceLocation: String]) -> JSONNode {
        guard !tags.isEmpty else { return node }
        switch node.kind {
        case .object(let members):
            let kept = members.filter { tags[$0.value.location] != "!reset" }.map { member in
                JSONMember(key: member.key, keyLocation: member.keyLocation, value: strip(member.value, tags: tags))
            }
            return JSONNode(.object(kept), at: node.location)
        case .array(let items):
            return JSONNode(.array(items.filter { tags[$0.location] != "!reset" }.map { strip($0, tags: tags) }), at: node.location)
        default:
            return node
        }
    }

    /// compose-go's override merge: mappings key by key; sequences add up (the judged result holds
    /// every mount, capability and option either file names), except those compose replaces whole;
    /// `!override` replaces, `!reset` removes.
    static func merge(_ base: JSONNode, _ local: JSONNode, key: String?, tags: [SourceLocation: String]) -> JSONNode {
        guard case .object(let baseMembers) = base.kind, case .object(let localMembers) = local.kind else {
            return ComposeExtends.merge(base, strip(local, tags: tags), key: key)
        }
        var result = baseMembers
        for member in localMembers {
            let tag = tags[member.value.location]
            let existing = result.firstIndex(where: { $0.key == member.key })
            if tag == "!reset" {
                if let existing { result.remove(at: existing) }
                continue
            }
            let value = strip(member.value, tags: tags)
            if let existing, tag != "!override" {
                result[existing].value = merge(result[existing].value, member.value, key: member.key, tags: tags)
                result[existing].keyLocation = member.keyLocation
            } else if let existing {
                result[existing] = JSONMember(key: member.key, keyLocation: member.keyLocation, value: value)
            } else {
                result.append(JSONMember(key: member.key, keyLocation: member.keyLocation, value: value))
            }
        }
        return JSONNode(.object(result), at: local.location)
    }
}
