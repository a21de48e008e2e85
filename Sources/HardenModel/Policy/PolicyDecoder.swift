import FoundationEssentials

/// Strict decoding of a policy file, with the same file:line:column errors as profiles: a misspelt
/// key in a security policy must never pass as a policy that says nothing.
public enum PolicyDecoder {
    public static let topLevelKeys = ["description", "severities", "require", "capabilities", "registries", "hooks", "exceptions", "broker"]

    public static func decode(_ text: String, file: String) throws(HardenError) -> Policy {
        try decode(StrictReader.parse(text, file: file), file: file)
    }

    public static func decode(_ root: JSONNode, file: String) throws(HardenError) -> Policy {
        let top = StrictReader(file: file, node: root)
        _ = try top.members(allowed: topLevelKeys)
        var policy = Policy()
        policy.file = file
        _ = try top.child("description")?.string()
        if let r = top.child("require") { try require(r, into: &policy) }
        if let r = top.child("severities") { try severities(r, into: &policy) }
        if let r = top.child("capabilities") {
            _ = try r.members(allowed: ["allow"])
            if let list = r.child("allow") {
                for (index, spelling) in try list.strings().enumerated() {
                    let name = Capability.canonicalName(spelling)
                    if name == "ALL" { throw item(list, index).error("ALL cannot be allowed: it is every capability; list the ones the workloads need by name") }
                    guard let capability = Capability.named(name) else {
                        let hint = StrictReader.nearest(name, in: Capability.all.map(\.name)).map { "did you mean \($0)?" } ?? "use a name such as NET_ADMIN"
                        throw item(list, index).error("\"\(spelling)\" is not a Linux capability; \(hint)")
                    }
                    policy.allowedCapabilities.insert(capability.name)
                }
            }
        }
        if let r = top.child("hooks") {
            _ = try r.members(allowed: ["allow"])
            if let list = r.child("allow") {
                for (index, path) in try list.strings().enumerated() {
                    guard path.hasPrefix("/"), !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
                        throw item(list, index).error("\"\(path)\" is not an absolute path; name the hook program exactly, e.g. /usr/bin/nvidia-container-runtime-hook")
                    }
                    policy.allowedHooks.insert(path)
                }
            }
        }
        if let r = top.child("registries") {
            _ = try r.members(allowed: ["allow", "requireDigest"])
            if let list = r.child("allow") {
                let registries = try list.strings()
                for (index, entry) in registries.enumerated() where entry.isEmpty || entry.contains(" ") || entry.contains("*") {
                    throw item(list, index).error("\"\(entry)\" is not a registry; write a host such as ghcr.io or a prefix such as docker.io/library")
                }
                policy.allowedRegistries = registries
            }
            policy.requireDigest = try r.child("requireDigest")?.bool() ?? false
        }
        if let r = top.child("broker") {
            _ = try r.members(allowed: ["image"])
            if let image = r.child("image") {
                let reference = try image.string()
                guard reference.contains("@sha256:"), !reference.contains(" ") else {
                    throw image.error("\"\(reference)\" is not pinned by digest; write the broker image as NAME@sha256:DIGEST (`docker images --digests` shows it)")
                }
                policy.brokerImage = reference
            }
        }
        if let r = top.child("exceptions") { policy.exceptions = try exceptions(r) }
        return policy
    }

    static func item(_ list: StrictReader, _ index: Int) -> StrictReader {
        StrictReader(file: list.file, path: list.path + ["\(index)"], node: list.node.arrayValue![index])
    }

    static func rule(_ r: StrictReader, id: String, at location: SourceLocation? = nil) throws(HardenError) -> Rule {
        guard let rule = RuleTable.rule(id) else {
            let hint = StrictReader.nearest(id, in: RuleTable.ids).map { "did you mean \"\($0)\"?" } ?? "`harden rules` lists them"
            throw r.error("\"\(id)\" is not a rule id; \(hint)", at: location)
        }
        return rule
    }

    static func require(_ r: StrictReader, into policy: inout Policy) throws(HardenError) {
        let names = Policy.requirements.map(\.name)
        for (index, name) in try r.strings().enumerated() {
            guard let ruleID = Policy.requirements.first(where: { $0.name == name })?.rule else {
                let hint = StrictReader.nearest(name, in: names).map { "did you mean \"\($0)\"?" } ?? "use one of \(names.joined(separator: ", "))"
                throw item(r, index).error("\"\(name)\" is not a setting a policy can require; \(hint)")
            }
            policy.levels[ruleID] = .error
        }
    }

    static func severities(_ r: StrictReader, into policy: inout Policy) throws(HardenError) {
        guard let members = r.node.objectMembers else { throw r.error("expected an object of rule id → error, warning, note or off, found \(r.node.typeName)") }
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            let rule = try rule(entry, id: member.key, at: member.keyLocation)
            let text = try entry.string()
            guard let level = Policy.Level(rawValue: text) else {
                throw entry.error("\"\(text)\" is not a severity; use error, warning, note or off")
            }
            if rule.hard, level != .error {
                throw entry.error("\(rule.id) is a hard rejection and is always an error; remove this line")
            }
            if let required = policy.levels[rule.id], required != level {
                throw entry.error("\(rule.id) is required by \"require\" (an error) and set to \(text) here; keep one")
            }
            policy.levels[rule.id] = level
        }
    }

    static func exceptions(_ r: StrictReader) throws(HardenError) -> [Policy.Exception] {
        guard let items = r.node.arrayValue else { throw r.error("expected an array of exceptions, found \(r.node.typeName)") }
        var result: [Policy.Exception] = []
        for index in items.indices {
            let entry = item(r, index)
            _ = try entry.members(allowed: ["rule", "image", "profile", "reason", "expires"])
            guard let ruleReader = entry.child("rule") else { throw entry.error("an exception needs a \"rule\" id") }
            let rule = try rule(ruleReader, id: try ruleReader.string())
            if rule.hard {
                throw ruleReader.error("\(rule.id) is a hard rejection and takes no exceptions; remove this exception")
            }
            let image = try entry.child("image")?.string()
            let profile = try entry.child("profile")?.string()
            guard image != nil || profile != nil else {
                throw entry.error("an exception must be scoped to an \"image\" or a \"profile\" (or both)")
            }
            guard let reasonReader = entry.child("reason"), case let reason = try reasonReader.string(),
                  !reason.trimmingWhitespace().isEmpty else {
                throw entry.error("an exception needs a \"reason\" saying why the rule does not apply")
            }
            guard let expiresReader = entry.child("expires") else {
                throw entry.error("an exception needs an \"expires\" date, YYYY-MM-DD")
            }
            let expires = try expiresReader.string()
            guard isDate(expires) else { throw expiresReader.error("\"\(expires)\" is not a date; write YYYY-MM-DD, e.g. 2026-06-30") }
            result.append(Policy.Exception(rule: rule.id, image: image, profile: profile, reason: reason, expires: expires,
                                           position: SourcePosition(file: r.file, entry.node.location)))
        }
        return result
    }

    /// A real calendar date written YYYY-MM-DD, so that dates compare as strings.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
