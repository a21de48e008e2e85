import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// One spelling for what a profile says, built two ways: from a decoded `Profile`, and straight from
/// the JSON document as the README defines each key (sizes in bytes, a bare ulimit as soft and hard,
/// capability names canonical, `null` as "not set", defaults filled in). When the two differ, the
/// decoder dropped or changed something the file said.
enum ProfileCanonicalForm {
    // MARK: - from a decoded profile

    static func of(_ p: Profile) -> JSONNode {
        var m: [(String, JSONNode)] = [("name", .str(p.name))]
        if let v = p.extends { m.append(("extends", .str(v))) }
        if let v = p.description { m.append(("description", .str(v))) }
        if let v = p.requires { m.append(("requires", .str(v))) }
        if !p.rationale.isEmpty { m.append(("rationale", .obj(p.rationale.sorted { $0.key < $1.key }.map { ($0.key, .str($0.value)) }))) }
        if let v = p.user { m.append(("user", .str(v))) }
        if let c = p.capabilities { m.append(("capabilities", .obj([("drop", .arr(c.drop.map(JSONNode.str))), ("add", .arr(c.add.map(JSONNode.str)))]))) }
        if let v = p.noNewPrivileges { m.append(("noNewPrivileges", .bool(v))) }
        if let v = p.readOnlyRootFilesystem { m.append(("readOnlyRootFilesystem", .bool(v))) }
        if !p.tmpfs.isEmpty {
            m.append(("tmpfs", .obj(p.tmpfs.map { t in
                (t.target, .obj(compact([("size", t.size.map { .num(String($0)) }), ("mode", t.mode.map(JSONNode.str)),
                                         ("uid", t.uid.map(JSONNode.int)), ("gid", t.gid.map(JSONNode.int)),
                                         ("options", .arr(t.options.map(JSONNode.str)))])))
            })))
        }
        if !p.volumes.isEmpty {
            m.append(("volumes", .obj(p.volumes.map { v in
                (v.target, .obj(compact([("type", .str(v.kind.rawValue)), ("source", v.source.map(JSONNode.str)), ("readOnly", .bool(v.readOnly))])))
            })))
        }
        let r = p.resources
        let resources = compact([
            ("memory", r.memory.map { .num(String($0)) }), ("memorySwap", r.memorySwap.map { .num(String($0)) }),
            ("cpus", r.cpus.map { .num(String($0)) }), ("pids", r.pids.map(JSONNode.int)),
            ("nofile", r.nofile.map(ulimit)), ("nproc", r.nproc.map(ulimit)), ("shmSize", r.shmSize.map { .num(String($0)) }),
        ])
        if !resources.isEmpty { m.append(("resources", .obj(resources))) }
        if let u = p.userNamespace { m.append(("userNamespace", .obj([("uidMappings", mappings(u.uidMappings)), ("gidMappings", mappings(u.gidMappings))]))) }
        if let s = p.seccomp {
            m.append(("seccomp", .obj(compact([
                ("allow", .arr(s.allow.map(JSONNode.str))), ("deny", .arr(s.deny.map(JSONNode.str))), ("defaultAction", .str(s.defaultAction)),
                ("socketFamilies", s.socketFamilies.map { .arr($0.map(JSONNode.str)) }),
            ]))))
        }
        let network = compact([("publishAddress", p.network.publishAddress.map(JSONNode.str)), ("mode", p.network.mode.map(JSONNode.str))])
        if !network.isEmpty { m.append(("network", .obj(network))) }
        if let v = p.restart { m.append(("restart", .obj(compact([("policy", .str(v.policy)), ("maxRetries", v.maxRetries.map(JSONNode.int))])))) }
        if let h = p.healthcheck {
            m.append(("healthcheck", .obj(compact([
                ("command", h.command.map(JSONNode.str)), ("interval", h.interval.map(JSONNode.str)), ("timeout", h.timeout.map(JSONNode.str)),
                ("startPeriod", h.startPeriod.map(JSONNode.str)), ("retries", h.retries.map(JSONNode.int)), ("disable", .bool(h.disable)),
            ]))))
        }
        if !p.environment.isEmpty { m.append(("environment", .obj(p.environment.map { ($0.name, .str($0.value)) }))) }
        if !p.secrets.isEmpty { m.append(("secrets", .obj(p.secrets.map { ($0.name, .obj([("required", .bool($0.required))])) }))) }
        return .obj(m)
    }

    static func ulimit(_ u: Profile.Ulimit) -> JSONNode { .obj([("soft", .num(String(u.soft))), ("hard", .num(String(u.hard)))]) }
    static func mappings(_ list: [Profile.IDMapping]) -> JSONNode {
        .arr(list.map { .obj([("containerID", .int($0.containerID)), ("hostID", .int($0.hostID)), ("size", .int($0.size))]) })
    }

    // MARK: - from the document

    /// The document's meaning, for a document the decoder accepted; nil where a value is not what
    /// an accepted document can hold (which is itself a failure: the decoder let it through).
    static func of(document root: JSONNode, fallbackName: String) -> JSONNode? {
        guard let top = members(root) else { return nil }
        var m: [(String, JSONNode)] = [("name", top["name"].flatMap(\.stringValue).map(JSONNode.str) ?? .str(fallbackName))]
        for key in ["extends", "description", "requires"] { if let v = top[key] { guard let s = v.stringValue else { return nil }; m.append((key, .str(s))) } }
        if let r = top["rationale"], let entries = members(r) {
            let set = entries.pairs.filter { !isNull($0.1) }.sorted { $0.0 < $1.0 }
            if !set.isEmpty { m.append(("rationale", .obj(set.map { ($0.0, .str($0.1.stringValue ?? "?")) }))) }
        }
        if let v = top["user"] { m.append(("user", .str(v.stringValue ?? "?"))) }
        if let c = top["capabilities"] {
            guard let caps = members(c) else { return nil }
            func names(_ key: String) -> JSONNode {
                var seen: [String] = []
                for item in caps[key]?.arrayValue ?? [] {
                    let name = Capability.canonicalName(item.stringValue ?? "?")
                    if !seen.contains(name) { seen.append(name) }
                }
                return .arr(seen.map(JSONNode.str))
            }
            m.append(("capabilities", .obj([("drop", names("drop")), ("add", names("add"))])))
        }
        for key in ["noNewPrivileges", "readOnlyRootFilesystem"] { if let v = top[key] { m.append((key, .bool(v.boolValue ?? false))) } }
        if let t = top["tmpfs"], let entries = members(t) {
            let set = entries.pairs.filter { !isNull($0.1) }
            if !set.isEmpty {
                m.append(("tmpfs", .obj(set.map { target, value in
                    let e = members(value)
                    return (target, .obj(compact([
                        ("size", e?["size"].map(size)), ("mode", e?["mode"]), ("uid", e?["uid"].map(int)), ("gid", e?["gid"].map(int)),
                        ("options", e?["options"] ?? .arr([])),
                    ])))
                })))
            }
        }
        if let v = top["volumes"], let entries = members(v) {
            let set = entries.pairs.filter { !isNull($0.1) }
            if !set.isEmpty {
                m.append(("volumes", .obj(set.map { target, value in
                    let e = members(value)
                    return (target, .obj(compact([("type", e?["type"] ?? .str("volume")), ("source", e?["source"]), ("readOnly", e?["readOnly"] ?? .bool(false))])))
                })))
            }
        }
        if let r = top["resources"].flatMap(members) {
            let swap = r["memorySwap"].map { $0.intValue == -1 || $0.stringValue == "-1" ? JSONNode.num("-1") : size($0) }
            let resources = compact([
                ("memory", r["memory"].map(size)), ("memorySwap", swap), ("cpus", r["cpus"].map { .num(String($0.doubleValue ?? .nan)) }),
                ("pids", r["pids"].map(int)), ("nofile", r["nofile"].map(ulimit)), ("nproc", r["nproc"].map(ulimit)), ("shmSize", r["shmSize"].map(size)),
            ])
            if !resources.isEmpty { m.append(("resources", .obj(resources))) }
        }
        if let u = top["userNamespace"], let e = members(u) {
            func list(_ key: String) -> JSONNode {
                .arr((e[key]?.arrayValue ?? []).map { item in
                    let f = members(item)
                    return .obj(["containerID", "hostID", "size"].map { ($0, f?[$0].map(int) ?? .str("?")) })
                })
            }
            m.append(("userNamespace", .obj([("uidMappings", list("uidMappings")), ("gidMappings", list("gidMappings"))])))
        }
        if let s = top["seccomp"], let e = members(s) {
            m.append(("seccomp", .obj(compact([
                ("allow", e["allow"] ?? .arr([])), ("deny", e["deny"] ?? .arr([])), ("defaultAction", e["defaultAction"] ?? .str("errno")),
                ("socketFamilies", e["socketFamilies"]),
            ]))))
        }
        if let n = top["network"].flatMap(members) {
            let network = compact([("publishAddress", n["publishAddress"]), ("mode", n["mode"])])
            if !network.isEmpty { m.append(("network", .obj(network))) }
        }
        if let r = top["restart"], let e = members(r) { m.append(("restart", .obj(compact([("policy", e["policy"]), ("maxRetries", e["maxRetries"].map(int))])))) }
        if let h = top["healthcheck"], let e = members(h) {
            m.append(("healthcheck", .obj(compact([
                ("command", e["command"]), ("interval", e["interval"]), ("timeout", e["timeout"]), ("startPeriod", e["startPeriod"]),
                ("retries", e["retries"].map(int)), ("disable", e["disable"] ?? .bool(false)),
            ]))))
        }
        if let v = top["environment"], let entries = members(v) {
            let set = entries.pairs.filter { !isNull($0.1) }
            if !set.isEmpty { m.append(("environment", .obj(set.map { ($0.0, $0.1) }))) }
        }
        if let v = top["secrets"], let entries = members(v) {
            let set = entries.pairs.filter { !isNull($0.1) }
            if !set.isEmpty { m.append(("secrets", .obj(set.map { ($0.0, .obj([("required", members($0.1)?["required"] ?? .bool(true))])) }))) }
        }
        return .obj(m)
    }

    /// An object's members without their `null` values (`null` is "not set" in a single file).
    struct Members {
        var pairs: [(String, JSONNode)]
        subscript(key: String) -> JSONNode? { pairs.first { $0.0 == key }.map(\.1).flatMap { isNull($0) ? nil : $0 } }
    }

    static func members(_ node: JSONNode) -> Members? { node.objectMembers.map { Members(pairs: $0.map { ($0.key, $0.value) }) } }
    static func isNull(_ node: JSONNode) -> Bool { if case .null = node.kind { return true } else { return false } }

    static func int(_ node: JSONNode) -> JSONNode { node.intValue.map(JSONNode.int) ?? node }

    static func size(_ node: JSONNode) -> JSONNode {
        let text = node.intValue.map(String.init) ?? node.stringValue ?? "?"
        return .num(Units.bytes(text).map(String.init) ?? "not-a-size:\(text)")
    }

    static func ulimit(_ node: JSONNode) -> JSONNode {
        if let n = node.intValue { return .obj([("soft", .num(String(n))), ("hard", .num(String(n)))]) }
        let e = members(node)
        return .obj([("soft", .num(e?["soft"]?.intValue.map(String.init) ?? "?")), ("hard", .num(e?["hard"]?.intValue.map(String.init) ?? "?"))])
    }
}
