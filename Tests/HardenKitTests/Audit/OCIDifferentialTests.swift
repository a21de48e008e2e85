import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// harden's OCI reader against a small decoder written here the way Go's encoding/json decodes into
/// the runtime spec's structs (an exact field name first, else `bytes.EqualFold` by walking each
/// rune's simple-folding orbit; a repeated field decoded again, the last scalar or array winning and
/// objects merging). On generated configs with keys in every spelling, both must read the same
/// values for every field harden judges, or harden must refuse.
@Suite("OCI reader agrees with a Go-style decoder")
struct OCIDifferentialTests {
    indirect enum GoType: Sendable { case scalar, array(GoType), object([String: GoType]) }

    indirect enum GoValue: Equatable {
        case absent, scalar(JSONNode.Kind), array([GoValue]), object([String: GoValue])
        subscript(_ key: String) -> GoValue { if case .object(let fields) = self { return fields[key] ?? .absent }; return .absent }
        var items: [GoValue] { if case .array(let list) = self { return list }; return [] }
        var string: String? { if case .scalar(.string(let text)) = self { return text }; return nil }
        var bool: Bool? { if case .scalar(.bool(let value)) = self { return value }; return nil }
        var number: String? { if case .scalar(.number(let text)) = self { return text }; return nil }
    }

    static let hookType: GoType = .object(["path": .scalar])
    static let schema: GoType = .object([
        "process": .object([
            "user": .object(["uid": .scalar, "gid": .scalar]),
            "capabilities": .object(["bounding": .array(.scalar), "effective": .array(.scalar), "permitted": .array(.scalar),
                                     "inheritable": .array(.scalar), "ambient": .array(.scalar)]),
            "noNewPrivileges": .scalar, "args": .array(.scalar),
        ]),
        "root": .object(["path": .scalar, "readonly": .scalar]),
        "mounts": .array(.object(["destination": .scalar, "type": .scalar, "source": .scalar, "options": .array(.scalar)])),
        "hooks": .object(["prestart": .array(hookType), "poststop": .array(hookType)]),
        "linux": .object([
            "namespaces": .array(.object(["type": .scalar, "path": .scalar])),
            "seccomp": .object(["defaultAction": .scalar]),
            "maskedPaths": .array(.scalar), "readonlyPaths": .array(.scalar),
        ]),
    ])

    /// The runes Go's unicode.SimpleFold cycles through from `scalar`, for what these keys can hold.
    static func orbit(_ scalar: Unicode.Scalar) -> Set<UInt32> {
        switch scalar.value {
        case 0x73, 0x53, 0x17F: return [0x73, 0x53, 0x17F]
        case 0x6B, 0x4B, 0x212A: return [0x6B, 0x4B, 0x212A]
        case 0x61...0x7A: return [scalar.value, scalar.value - 0x20]
        case 0x41...0x5A: return [scalar.value, scalar.value + 0x20]
        default: return [scalar.value]
        }
    }

    static func equalFold(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        return x.count == y.count && zip(x, y).allSatisfy { orbit($0).contains($1.value) }
    }

    static func decode(_ node: JSONNode, as type: GoType, into existing: GoValue) -> GoValue {
        if case .null = node.kind { return .absent }
        switch type {
        case .scalar: return .scalar(node.kind)
        case .array(let element): return .array((node.arrayValue ?? []).map { decode($0, as: element, into: .absent) })
        case .object(let fields):
            guard case .object(var out) = existing else { return decode(node, as: type, into: .object([:])) }
            for member in node.objectMembers ?? [] {
                guard let name = fields[member.key] != nil ? member.key : fields.keys.sorted().first(where: { equalFold($0, member.key) }) else { continue }
                out[name] = decode(member.value, as: fields[name]!, into: out[name] ?? .absent)
            }
            return .object(out)
        }
    }

    // MARK: - Generated configs

    struct Doc { var node: JSONNode; var tricky = false }

    /// A key as written: mostly exact, else with letters in other cases and s/k as ſ/K.
    static func spell(_ key: String, _ g: inout Gen) -> String {
        guard g.chance(0.4) else { return key }
        var text = ""
        for character in key {
            if character == "s" || character == "S", g.chance(0.3) { text.append("\u{17F}"); continue }
            if character == "k" || character == "K", g.chance(0.3) { text.append("\u{212A}"); continue }
            text += g.chance(0.5) ? character.uppercased() : character.lowercased()
        }
        return text
    }

    static func object(_ members: [(String, JSONNode)], _ g: inout Gen, _ doc: inout Doc) -> JSONNode {
        var written = members.map { (spell($0.0, &g), $0.1) }
        if let (key, value) = members.first, g.chance(0.02) {
            // The same field again in another spelling, with another value.
            written.append((spell(key, &g) == key ? key.uppercased() : key, value.arrayValue != nil ? .arr([]) : .null))
            doc.tricky = true
        }
        if g.chance(0.015) {
            written.insert(("privileged", .bool(true)), at: g.int(0...written.count))
            doc.tricky = true
        }
        return .obj(written)
    }

    static func generate(_ g: inout Gen) -> Doc {
        var doc = Doc(node: .null)
        let capabilities = ["CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_KILL"]
        var sets: [(String, JSONNode)] = []
        for set in ["bounding", "effective", "permitted", "inheritable", "ambient"] where g.chance(0.5) {
            sets.append((set, .arr(g.subset(capabilities, p: 0.4).map(JSONNode.str))))
        }
        var process: [(String, JSONNode)] = [("args", .arr([.str("/app")]))]
        if g.chance(0.7) { process.append(("user", object([("uid", .int(g.pick([0, 1000]))), ("gid", .int(g.pick([0, 1000])))], &g, &doc))) }
        if !sets.isEmpty { process.append(("capabilities", object(sets, &g, &doc))) }
        if g.chance(0.7) { process.append(("noNewPrivileges", .bool(g.chance(0.5)))) }

        let mounts: [JSONNode] = (0..<g.int(0...3)).map { index in
            var fields: [(String, JSONNode)] = [("destination", .str("/d\(index)")), ("source", .str(g.pick(["/srv/x", "/etc", "/var/run/docker.sock", "data"])))]
            if g.chance(0.8) { fields.append(("type", .str(g.pick(["bind", "none", "tmpfs"])))) }
            if g.chance(0.8) { fields.append(("options", .arr(g.pick([["rbind"], ["rbind", "ro"], [], ["nosuid"], ["bind"]]).map(JSONNode.str)))) }
            return object(fields, &g, &doc)
        }
        var linux: [(String, JSONNode)] = []
        let namespaces: [JSONNode] = ["pid", "network", "ipc", "uts", "mount", "cgroup"].filter { _ in g.chance(0.8) }.map { type in
            var fields: [(String, JSONNode)] = [("type", .str(type))]
            if type == "network", let path = g.maybe(0.3, { $0.pick(["/proc/self/ns/net", "/var/run/netns/x"]) }) { fields.append(("path", .str(path))) }
            return object(fields, &g, &doc)
        }
        linux.append(("namespaces", .arr(namespaces)))
        if g.chance(0.8) { linux.append(("seccomp", object([("defaultAction", .str(g.pick(["SCMP_ACT_ERRNO", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG"])))], &g, &doc))) }
        if g.chance(0.8) {
            linux.append(("maskedPaths", .arr([.str("/proc/kcore"), .str("/proc/keys")])))
            linux.append(("readonlyPaths", .arr([.str("/proc/sys"), .str("/proc/sysrq-trigger")])))
        }
        var top: [(String, JSONNode)] = [("ociVersion", .str("1.0.2")), ("process", object(process, &g, &doc)),
                                         ("root", object([("path", .str("rootfs")), ("readonly", .bool(g.chance(0.5)))], &g, &doc)),
                                         ("mounts", .arr(mounts)), ("linux", object(linux, &g, &doc))]
        if g.chance(0.2) { top.append(("hooks", object([("prestart", .arr([object([("path", .str("/usr/bin/hook"))], &g, &doc)]))], &g, &doc))) }
        doc.node = object(top, &g, &doc)
        return doc
    }

    // MARK: - What each reads

    /// The fields harden judges, as the Go-style decoder's values give them.
    static func expectations(_ go: GoValue) -> [String: String] {
        var out: [String: String] = [:]
        let process = go["process"]
        if case .object = process["user"] { out["user"] = "\(process["user"]["uid"].number ?? "0"):\(process["user"]["gid"].number ?? "nil")" }
        var caps: Set<String> = []
        for set in ["bounding", "effective", "permitted", "inheritable", "ambient"] {
            for item in process["capabilities"][set].items { if let name = item.string, let capability = Capability.named(name) { caps.insert(capability.name) } }
        }
        out["capabilities"] = caps.sorted().joined(separator: ",")
        out["noNewPrivileges"] = String(process["noNewPrivileges"].bool ?? false)
        out["readonly"] = String(go["root"]["readonly"].bool ?? false)
        var binds: [String] = [], tmpfs: [String] = []
        for mount in go["mounts"].items {
            let options = mount["options"].items.compactMap(\.string)
            let type = mount["type"].string ?? ""
            let target = mount["destination"].string ?? ""
            if type == "bind" || options.contains("bind") || options.contains("rbind") {
                let source = mount["source"].string ?? ""
                binds.append("\(source.hasPrefix("/") ? source : "./" + source)->\(target)")
            } else if type == "tmpfs" { tmpfs.append(target) }
        }
        out["binds"] = binds.joined(separator: " ")
        out["tmpfs"] = tmpfs.joined(separator: " ")
        let network = go["linux"]["namespaces"].items.last { $0["type"].string == "network" }
        switch network?["path"].string {
        case nil: out["network"] = network == nil ? "host" : "private"
        case let path? where path.hasPrefix("/proc/"): out["network"] = "host"
        case let path?: out["network"] = "container:\(path)"
        }
        switch go["linux"]["seccomp"]["defaultAction"].string {
        case "SCMP_ACT_ERRNO": out["seccomp"] = "filter"
        default: out["seccomp"] = "off"
        }
        out["hooks"] = (go["hooks"]["prestart"].items + go["hooks"]["poststop"].items).compactMap { $0["path"].string }.joined(separator: " ")
        return out
    }

    static func readings(_ plan: LaunchPlan) -> [String: String] {
        [
            "user": plan.user, "capabilities": plan.capabilities.map(\.name).sorted().joined(separator: ","),
            "noNewPrivileges": String(plan.noNewPrivileges), "readonly": String(plan.readOnlyRootFilesystem),
            "binds": plan.mounts.map { "\($0.source ?? "")->\($0.target)" }.joined(separator: " "),
            "tmpfs": plan.tmpfs.map(\.target).joined(separator: " "),
            "network": plan.network?.description ?? "private", "seccomp": plan.seccomp == .unconfined ? "off" : "filter",
            "hooks": plan.hooks.map(\.path).joined(separator: " "),
        ].compactMapValues { $0 }
    }

    @Test("on generated configs, harden reads what Go would decode, or refuses")
    func agree() {
        var refused = 0, compared = 0
        PropertyRun.check("OCI differential", seed: 0x0C1D_1FF5, iterations: PropertyRun.iterations(default: 400)) { g, _ in
            let doc = Self.generate(&g)
            let go = Self.decode(doc.node, as: Self.schema, into: .absent)
            let launch: AuditedLaunch
            do { launch = try OCIConfigReader.read(doc.node, file: "config.json") } catch { return "harden could not read it: \(error)" }
            if !launch.plan.notUnderstood.isEmpty { refused += 1; return nil }
            if doc.tricky { return "a config with a colliding or unknown key was not refused: \(JSONWriter.compact(doc.node))" }
            compared += 1
            let (want, got) = (Self.expectations(go), Self.readings(launch.plan))
            let differing = want.keys.sorted().filter { want[$0] != got[$0] }
            return differing.isEmpty ? nil : differing.map { "\($0): Go \(want[$0] ?? "-"), harden \(got[$0] ?? "-")" }.joined(separator: "; ") + "\n\(JSONWriter.compact(doc.node))"
        }
        // Both sides of the property must actually be exercised.
        #expect(refused > 10 && compared > 100, "refused \(refused), compared \(compared)")
    }
}
