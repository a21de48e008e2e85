import HardenModel
/// Compose replaces `$NAME` and `${NAME…}` in every value (never in keys) with its own environment
/// before it reads anything, and `$$` is a literal `$` (compose-go's template package; any other `$`
/// is an "invalid template" error). harden reads the file as compose will run it: `$$` becomes `$`,
/// a variable is a value harden cannot see, and an invalid template is bad input. YAML (and so
/// compose) refuses a mapping with the same key twice, and so does harden.
package enum ComposeInterpolation {
    /// A variable compose would fill in from the environment at launch.
    struct Variable: Equatable {
        var path: [String]
        var location: SourceLocation
        var text: String
        /// Read as written with an environment: the variables that had no value and no default.
        var unresolved: [String] = []
    }

    /// Service keys whose values go to the container unjudged by any rule (what the process is
    /// told, not what it may reach), so a variable there leaves the verdict unchanged. `image` is
    /// not one: the registry rules judge it.
    static let passedThrough: Set<String> = [
        "environment", "labels", "annotations", "command", "entrypoint", "healthcheck", "container_name", "hostname",
        "domainname", "working_dir", "extra_hosts", "dns", "dns_search", "dns_opt", "logging", "stop_signal",
        "stop_grace_period", "profiles", "depends_on", "platform", "mac_address", "expose",
    ]

    static func resolve(_ node: JSONNode, file: String, path: [String] = [], environment: ComposeEnvironment? = nil, variables: inout [Variable]) throws(HardenError) -> JSONNode {
        switch node.kind {
        case .string(let text):
            guard text.utf8.contains(UInt8(ascii: "$")) else { return node }
            if let environment { return try substitute(text, node: node, file: file, path: path, environment: environment, variables: &variables) }
            let (literal, variable) = try unescape(text, file: file, path: path, at: node.location)
            if variable {
                if isPassedThrough(path) { return node }
                // Unseen, so unread: the reader skips it, and the variable refuses the launch instead.
                variables.append(Variable(path: path, location: node.location, text: text))
                return JSONNode(.null, at: node.location)
            }
            return JSONNode(.string(literal), at: node.location)
        case .array(let items):
            var result: [JSONNode] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                let resolved = try resolve(item, file: file, path: path + [String(index)], environment: environment, variables: &variables)
                if case .null = resolved.kind, item.stringValue != nil { continue }
                result.append(resolved)
            }
            return JSONNode(.array(result), at: node.location)
        case .object(let members):
            var seen = Set<String>()
            var result: [JSONMember] = []
            result.reserveCapacity(members.count)
            for member in members {
                guard seen.insert(member.key).inserted else {
                    let where_ = member.keyLocation
                    throw .input("\(file):\(where_.line):\(where_.column): \(StrictReader.render(path + [member.key])): the key is given twice, which compose refuses (YAML mapping keys are unique); keep one")
                }
                var copy = member
                copy.value = try resolve(member.value, file: file, path: path + [member.key], environment: environment, variables: &variables)
                result.append(copy)
            }
            return JSONNode(.object(result), at: node.location)
        default:
            return node
        }
    }

    /// The text as compose fills it in. A variable without a value is reported; in a path (volumes,
    /// devices) the text is judged with the variable empty, as compose would run it, so a known
    /// socket or sensitive directory around it is still found; elsewhere the value is left unread.
    static func substitute(_ text: String, node: JSONNode, file: String, path: [String], environment: ComposeEnvironment, variables: inout [Variable]) throws(HardenError) -> JSONNode {
        let result: ComposeTemplate.Result
        do {
            result = try ComposeTemplate.substitute(text, environment.value)
        } catch {
            guard case .invalid(let reason) = error else { throw invalid(text, file: file, path: path, at: node.location) }
            throw .input("\(file):\(node.location.line):\(node.location.column): \(StrictReader.render(path)): \(text.debugDescription) is an invalid compose template (\(reason)); fix: write a literal $ as $$")
        }
        if result.unresolved.isEmpty || isPassedThrough(path) { return JSONNode(.string(result.text), at: node.location) }
        variables.append(Variable(path: path, location: node.location, text: text, unresolved: result.unresolved))
        let judgedEmpty = path.contains("volumes") || path.contains("devices")
        if judgedEmpty, !result.text.isEmpty, !result.text.hasPrefix(":") { return JSONNode(.string(result.text), at: node.location) }
        return JSONNode(.null, at: node.location)
    }

    /// `services.NAME.KEY…` under a passed-through key, or anything inside an `x-` extension.
    static func isPassedThrough(_ path: [String]) -> Bool {
        if path.contains(where: { $0.hasPrefix("x-") }) { return true }
        return path.count >= 3 && path[0] == "services" && passedThrough.contains(path[2])
    }

    /// The text with `$$` folded, and whether a variable is left in it.
    static func unescape(_ text: String, file: String, path: [String], at location: SourceLocation) throws(HardenError) -> (String, Bool) {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        var variable = false
        while let scalar = scalars.next() {
            guard scalar == "$" else { result.unicodeScalars.append(scalar); continue }
            guard let next = scalars.next() else {
                throw invalid(text, file: file, path: path, at: location)
            }
            if next == "$" { result.append("$"); continue }
            if next == "{" || next == "_" || (next.isASCII && (next.properties.isAlphabetic)) {
                variable = true
                result.unicodeScalars.append(scalar)
                result.unicodeScalars.append(next)
                continue
            }
            throw invalid(text, file: file, path: path, at: location)
        }
        return (result, variable)
    }

    static func invalid(_ text: String, file: String, path: [String], at location: SourceLocation) -> HardenError {
        .input("\(file):\(location.line):\(location.column): \(StrictReader.render(path)): \(text.debugDescription) is an invalid compose template (a lone `$`); write a literal $ as $$")
    }
}
