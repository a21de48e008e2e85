import FoundationEssentials

/// Strict decoding of one profile document. An unknown or misspelt key, a wrong type, an unknown
/// capability or a malformed size is an error: a profile that half-decodes would run a weaker
/// container than its author wrote.
public enum ProfileDecoder {
    /// The top-level keys, in the order `harden show` and the README list them.
    public static let topLevelKeys = [
        "name", "extends", "description", "requires", "rationale", "user", "capabilities", "noNewPrivileges",
        "readOnlyRootFilesystem", "tmpfs", "volumes", "resources", "userNamespace", "seccomp",
        "network", "restart", "healthcheck", "environment", "secrets",
    ]

    /// The keys that are settings of the container.
    public static let settingKeys: [String] = {
        topLevelKeys.filter { !["name", "extends", "description", "requires", "rationale"].contains($0) }
    }()

    /// What `rationale` may explain: a setting, or one limit or network key on its own.
    public static let rationaleKeys: [String] = {
        settingKeys + ["memory", "memorySwap", "cpus", "pids", "nofile", "nproc", "shmSize"].map { "resources." + $0 }
            + ["publishAddress", "mode", "unprivilegedPortStart"].map { "network." + $0 }
    }()

    /// Decodes JSON text. `file` is how messages name the input (a path, or `builtin:web.json`).
    public static func decode(_ text: String, file: String) throws(HardenError) -> Profile {
        try decode(StrictReader.parse(text, file: file), file: file)
    }

    public static func decode(_ root: JSONNode, file: String) throws(HardenError) -> Profile {
        let top = StrictReader(file: file, node: root)
        _ = try top.members(allowed: topLevelKeys)
        // Only for a document without a name: URL(fileURLWithPath:) asks the filesystem.
        var profile = Profile(name: try top.child("name")?.string() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        try checkName(profile.name, reader: top.child("name") ?? top)

        if let r = top.child("extends") { profile.extends = try r.string(); if profile.extends!.isEmpty { throw r.error("expected a profile name") } }
        profile.description = try top.child("description")?.string()
        if let r = top.child("requires") { profile.requires = try version(r) }
        if let r = top.child("rationale") { profile.rationale = try rationale(r) }
        if let r = top.child("user") { profile.user = try user(r) }
        if let r = top.child("capabilities") { profile.capabilities = try capabilities(r) }
        profile.noNewPrivileges = try top.child("noNewPrivileges")?.bool()
        profile.readOnlyRootFilesystem = try top.child("readOnlyRootFilesystem")?.bool()
        if let r = top.child("tmpfs") { profile.tmpfs = try tmpfs(r) }
        if let r = top.child("volumes") { profile.volumes = try volumes(r) }
        if let r = top.child("resources") { profile.resources = try resources(r) }
        if let r = top.child("userNamespace") { profile.userNamespace = try userNamespace(r) }
        if let r = top.child("seccomp") { profile.seccomp = try seccomp(r) }
        if let r = top.child("network") { profile.network = try network(r) }
        if let r = top.child("restart") { profile.restart = try restart(r) }
        if let r = top.child("healthcheck") { profile.healthcheck = try healthcheck(r) }
        if let r = top.child("environment") { profile.environment = try environment(r) }
        if let r = top.child("secrets") { profile.secrets = try secrets(r) }
        return profile
    }

    static func checkName(_ name: String, reader: StrictReader) throws(HardenError) {
        // ASCII letters, digits, '-', '_' and '.', checked on bytes: the same set, without Unicode tables.
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard !name.isEmpty, allowed, name.first != "." else {
            throw reader.error("\"\(name)\" is not a profile name; use letters, digits, '-', '_' and '.'")
        }
    }

    static func version(_ r: StrictReader) throws(HardenError) -> String {
        let text = try r.string()
        guard HardenVersion.parse(text) != nil else {
            throw r.error("\"\(text)\" is not a version; use MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. 0.1")
        }
        return text
    }

    /// Setting (`capabilities`, `resources.memory`) → why, one plain sentence each; `null` drops a
    /// parent's reason.
    static func rationale(_ r: StrictReader) throws(HardenError) -> [String: String] {
        guard let members = r.node.objectMembers else {
            throw r.error("expected an object of setting → reason, e.g. {\"capabilities\": \"binds port 443\"}, found \(r.node.typeName)")
        }
        var result: [String: String] = [:]
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            guard rationaleKeys.contains(member.key) else {
                let hint = StrictReader.nearest(member.key, in: rationaleKeys).map { "did you mean \"\($0)\"?" }
                    ?? "use a top-level setting (\(settingKeys.joined(separator: ", "))) or resources.NAME or network.NAME"
                throw entry.error("\"\(member.key)\" is not a setting a rationale can explain; \(hint)", at: member.keyLocation)
            }
            if case .null = member.value.kind { continue }
            result[member.key] = try entry.string()
        }
        return result
    }

    static func user(_ r: StrictReader) throws(HardenError) -> String {
        let text = try r.string()
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let valid = !text.isEmpty && parts.count <= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
        guard valid else { throw r.error("\"\(text)\" is not a user; use uid:gid (e.g. 65532:65532), uid, or a user name") }
        return text
    }

    static func capabilities(_ r: StrictReader) throws(HardenError) -> Profile.Capabilities {
        _ = try r.members(allowed: ["drop", "add"])
        var result = Profile.Capabilities()
        for key in ["drop", "add"] {
            guard let list = r.child(key) else { continue }
            var names: [String] = []
            for (index, spelling) in try list.strings().enumerated() {
                let name = Capability.canonicalName(spelling)
                guard name == "ALL" || Capability.named(name) != nil else {
                    let item = StrictReader(file: r.file, path: list.path + ["\(index)"], node: list.node.arrayValue![index])
                    var hint = "use a name such as NET_BIND_SERVICE or ALL"
                    if let near = StrictReader.nearest(name, in: Capability.all.map(\.name)) { hint = "did you mean \(near)?" }
                    throw item.error("\"\(spelling)\" is not a Linux capability; \(hint)")
                }
                if !names.contains(name) { names.append(name) }
            }
            if key == "drop" { result.drop = names } else { result.add = names }
        }
        return result
    }

    static let tmpfsFlags: Set<String> = [
        "rw", "ro", "exec", "noexec", "suid", "nosuid", "dev", "nodev", "sync", "async", "dirsync",
        "atime", "noatime", "diratime", "nodiratime", "relatime", "norelatime", "strictatime", "nostrictatime",
        "mand", "nomand", "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
    ]

    static func tmpfs(_ r: StrictReader) throws(HardenError) -> [Profile.TmpfsCarveOut] {
        guard let members = r.node.objectMembers else { throw r.error("expected an object of target path → options, found \(r.node.typeName)") }
        var result: [Profile.TmpfsCarveOut] = []
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            try checkTarget(member.key, reader: entry, location: member.keyLocation)
            if case .null = member.value.kind { continue }
            _ = try entry.members(allowed: ["size", "mode", "uid", "gid", "options"])
            var carveOut = Profile.TmpfsCarveOut(target: member.key)
            if let s = entry.child("size") { carveOut.size = try size(s) }
            if let m = entry.child("mode") {
                let mode = try m.string()
                guard (3...4).contains(mode.count), mode.allSatisfy({ ("0"..."7").contains($0) }) else {
                    throw m.error("\"\(mode)\" is not an octal mode; use e.g. 1777 or 0755")
                }
                carveOut.mode = mode
            }
            carveOut.uid = try entry.child("uid")?.int(max: 4_294_967_294)
            carveOut.gid = try entry.child("gid")?.int(max: 4_294_967_294)
            if let o = entry.child("options") {
                carveOut.options = try o.strings()
                for flag in carveOut.options where !tmpfsFlags.contains(flag) {
                    throw o.error("\"\(flag)\" is not a tmpfs mount flag; use noexec, nosuid, nodev (size, mode, uid and gid have keys of their own)")
                }
            }
            result.append(carveOut)
        }
        return result
    }

    static func checkTarget(_ target: String, reader: StrictReader, location: SourceLocation) throws(HardenError) {
        // Bytes, not Foundation's substring search: docker splits mount specs on these bytes.
        guard target.hasPrefix("/"), target != "/", !target.utf8.contains(UInt8(ascii: ":")), !target.utf8.contains(UInt8(ascii: ",")),
              !target.split(separator: "/").contains("..") else {
            throw reader.error("\"\(target)\" is not a target path; use an absolute path inside the container, e.g. /tmp", at: location)
        }
    }

    static func volumes(_ r: StrictReader) throws(HardenError) -> [Profile.VolumeCarveOut] {
        guard let members = r.node.objectMembers else { throw r.error("expected an object of target path → volume, found \(r.node.typeName)") }
        var result: [Profile.VolumeCarveOut] = []
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            try checkTarget(member.key, reader: entry, location: member.keyLocation)
            if case .null = member.value.kind { continue }
            _ = try entry.members(allowed: ["type", "source", "readOnly"])
            var volume = Profile.VolumeCarveOut(target: member.key)
            if let t = entry.child("type") {
                let text = try t.string()
                guard let kind = Profile.VolumeCarveOut.Kind(rawValue: text) else {
                    throw t.error("\"\(text)\" is not a volume type; use volume or bind")
                }
                volume.kind = kind
            }
            if let s = entry.child("source") {
                let source = try s.string()
                switch volume.kind {
                case .bind:
                    guard source.hasPrefix("/"), !source.contains(":"), !source.contains(",") else {
                        throw s.error("\"\(source)\" is not a host path; a bind source is an absolute path")
                    }
                case .volume:
                    guard let first = source.first, first.isLetter || first.isNumber,
                          source.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                        throw s.error("\"\(source)\" is not a volume name; use letters, digits, '-', '_' and '.'")
                    }
                }
                volume.source = source
            } else if volume.kind == .bind {
                throw entry.error("a bind needs a \"source\" host path")
            }
            volume.readOnly = try entry.child("readOnly")?.bool() ?? false
            result.append(volume)
        }
        return result
    }

    static func size(_ r: StrictReader) throws(HardenError) -> Int64 {
        let text: String
        if let number = r.node.intValue { text = String(number) } else { text = try r.string() }
        guard let bytes = Units.bytes(text), bytes > 0 else {
            throw r.error("\(r.describe()) is not a size; use a number with a unit b, k, m or g, e.g. 512m")
        }
        return bytes
    }

    static func resources(_ r: StrictReader) throws(HardenError) -> Profile.Resources {
        _ = try r.members(allowed: ["memory", "memorySwap", "cpus", "pids", "nofile", "nproc", "shmSize"])
        var result = Profile.Resources()
        if let m = r.child("memory") {
            result.memory = try size(m)
            guard result.memory! >= 6 << 20 else { throw m.error("\(m.describe()) is below Docker's minimum of 6m") }
        }
        if let s = r.child("memorySwap") {
            if s.node.intValue == -1 || s.node.stringValue == "-1" { result.memorySwap = -1 } else { result.memorySwap = try size(s) }
        }
        if let m = result.memory, let s = result.memorySwap, s != -1, s < m {
            throw r.child("memorySwap")!.error("memorySwap (memory plus swap) must be at least memory (\(Units.sizeSpelling(m)))")
        }
        if let c = r.child("cpus") {
            guard let value = c.node.doubleValue, Units.isCPUCount(value) else {
                throw c.error("\(c.describe()) is not a CPU count; use a number from 0.01 to 4096 with at most nine decimals, such as 1 or 0.5")
            }
            result.cpus = value
        }
        if let p = r.child("pids") { result.pids = try p.int(min: 1, max: 4_194_304) }
        if let n = r.child("nofile") { result.nofile = try ulimit(n) }
        if let n = r.child("nproc") { result.nproc = try ulimit(n) }
        if let s = r.child("shmSize") { result.shmSize = try size(s) }
        return result
    }

    /// `1024` (soft and hard alike) or `{"soft": 1024, "hard": 4096}`.
    static func ulimit(_ r: StrictReader) throws(HardenError) -> Profile.Ulimit {
        if r.node.intValue != nil {
            let value = Int64(try r.int(min: 1))
            return Profile.Ulimit(soft: value, hard: value)
        }
        guard r.node.objectMembers != nil else {
            throw r.error("expected a number or {\"soft\": N, \"hard\": N}, found \(r.describe())")
        }
        _ = try r.members(allowed: ["soft", "hard"])
        guard let soft = r.child("soft"), let hard = r.child("hard") else { throw r.error("needs both \"soft\" and \"hard\"") }
        let limit = Profile.Ulimit(soft: Int64(try soft.int(min: 1)), hard: Int64(try hard.int(min: 1)))
        guard limit.soft <= limit.hard else { throw soft.error("soft limit \(limit.soft) is above the hard limit \(limit.hard)") }
        return limit
    }

    static func userNamespace(_ r: StrictReader) throws(HardenError) -> Profile.UserNamespace {
        _ = try r.members(allowed: ["uidMappings", "gidMappings"])
        var result = Profile.UserNamespace()
        for key in ["uidMappings", "gidMappings"] {
            guard let list = r.child(key) else { continue }
            guard let items = list.node.arrayValue else { throw list.error("expected an array of mappings, found \(list.node.typeName)") }
            var mappings: [Profile.IDMapping] = []
            for (index, item) in items.enumerated() {
                let m = StrictReader(file: r.file, path: list.path + ["\(index)"], node: item)
                _ = try m.members(allowed: ["containerID", "hostID", "size"])
                guard let c = m.child("containerID"), let h = m.child("hostID"), let s = m.child("size") else {
                    throw m.error("a mapping needs containerID, hostID and size")
                }
                mappings.append(Profile.IDMapping(containerID: try c.int(max: 4_294_967_294), hostID: try h.int(max: 4_294_967_294), size: try s.int(min: 1, max: 4_294_967_295)))
            }
            if key == "uidMappings" { result.uidMappings = mappings } else { result.gidMappings = mappings }
        }
        return result
    }

    static func seccomp(_ r: StrictReader) throws(HardenError) -> Profile.SeccompPolicy {
        _ = try r.members(allowed: ["allow", "deny", "add", "remove", "defaultAction", "socketFamilies"])
        var result = Profile.SeccompPolicy()
        result.allow = try syscallEntries(r.child("allow"))
        result.deny = try syscallEntries(r.child("deny"))
        result.add = try syscallEntries(r.child("add"))
        result.remove = try syscallEntries(r.child("remove"))
        if let problem = SeccompAdditions.conflict(add: result.add, remove: result.remove), let list = r.child("remove") {
            throw list.error(problem)
        }
        if let a = r.child("defaultAction") {
            let action = try a.string()
            guard ["errno", "log", "kill", "trap"].contains(action) else {
                throw a.error("\"\(action)\" is not a seccomp default action; use errno (EPERM), log, kill or trap")
            }
            result.defaultAction = action
        }
        if let f = r.child("socketFamilies") {
            let names = try f.strings()
            for (index, name) in names.enumerated() where AddressFamilyTable.named(name) == nil {
                var hint = "use names such as inet, inet6, unix, netlink"
                if let near = AddressFamilyTable.suggestion(for: name) { hint = "did you mean \"\(near)\"?" }
                throw item(f, index).error("\"\(name)\" is not a socket address family; \(hint)")
            }
            result.socketFamilies = names
        }
        return result
    }

    /// An allow or deny list: syscall names and `@group`s the catalogue knows.
    static func syscallEntries(_ r: StrictReader?) throws(HardenError) -> [String] {
        guard let r else { return [] }
        let entries = try r.strings()
        for (index, entry) in entries.enumerated() {
            if let problem = SyscallCatalogue.problem(with: entry) { throw item(r, index).error(problem) }
        }
        return entries
    }

    /// A reader for one element of an array, so an error points at the element itself.
    static func item(_ list: StrictReader, _ index: Int) -> StrictReader {
        StrictReader(file: list.file, path: list.path + ["\(index)"], node: list.node.arrayValue![index])
    }

    static func network(_ r: StrictReader) throws(HardenError) -> Profile.Network {
        _ = try r.members(allowed: ["publishAddress", "mode", "unprivilegedPortStart"])
        var result = Profile.Network()
        if let a = r.child("publishAddress") {
            let address = try a.string()
            guard IPAddress.isValid(address) else {
                throw a.error("\"\(address)\" is not an IP address; use e.g. 127.0.0.1 or ::1")
            }
            result.publishAddress = address
        }
        if let m = r.child("mode") {
            let mode = try m.string()
            guard !mode.isEmpty, !mode.contains(" ") else { throw m.error("expected a network name such as bridge or none") }
            result.mode = mode
        }
        if let p = r.child("unprivilegedPortStart") { result.unprivilegedPortStart = try p.int(max: 65535) }
        return result
    }

    static func restart(_ r: StrictReader) throws(HardenError) -> Profile.RestartPolicy {
        _ = try r.members(allowed: ["policy", "maxRetries"])
        guard let p = r.child("policy") else { throw r.error("needs a \"policy\": no, on-failure, unless-stopped or always") }
        let policy = try p.string()
        guard ["no", "on-failure", "unless-stopped", "always"].contains(policy) else {
            throw p.error("\"\(policy)\" is not a restart policy; use no, on-failure, unless-stopped or always")
        }
        var result = Profile.RestartPolicy(policy: policy)
        if let m = r.child("maxRetries") {
            guard policy == "on-failure" else { throw m.error("maxRetries applies only to the on-failure policy") }
            result.maxRetries = try m.int(min: 0, max: 1_000_000)
        }
        return result
    }

    static func healthcheck(_ r: StrictReader) throws(HardenError) -> Profile.Healthcheck {
        _ = try r.members(allowed: ["command", "interval", "timeout", "startPeriod", "retries", "disable"])
        var result = Profile.Healthcheck()
        result.command = try r.child("command")?.string()
        for key in ["interval", "timeout", "startPeriod"] {
            guard let d = r.child(key) else { continue }
            let text = try d.string()
            guard let seconds = Units.seconds(text), seconds > 0 else {
                throw d.error("\"\(text)\" is not a duration; use e.g. 30s, 1m30s or 500ms")
            }
            switch key {
            case "interval": result.interval = text
            case "timeout": result.timeout = text
            default: result.startPeriod = text
            }
        }
        result.retries = try r.child("retries")?.int(min: 1, max: 1000)
        result.disable = try r.child("disable")?.bool() ?? false
        if result.disable, result.command != nil {
            throw r.error("\"disable\": true and a \"command\" contradict each other; keep one")
        }
        return result
    }

    static func environment(_ r: StrictReader) throws(HardenError) -> [Profile.EnvironmentVariable] {
        guard let members = r.node.objectMembers else { throw r.error("expected an object of NAME → value, found \(r.node.typeName)") }
        var result: [Profile.EnvironmentVariable] = []
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            guard !member.key.isEmpty, !member.key.contains("="), member.key.allSatisfy({ !$0.isWhitespace }) else {
                throw entry.error("\"\(member.key)\" is not an environment variable name", at: member.keyLocation)
            }
            if case .null = member.value.kind { continue }
            result.append(Profile.EnvironmentVariable(name: member.key, value: try entry.string()))
        }
        return result
    }

    /// `{"NAME": {"required": true}}`; `{}` is required too, and `null` drops a parent's secret.
    static func secrets(_ r: StrictReader) throws(HardenError) -> [Profile.SecretDeclaration] {
        guard let members = r.node.objectMembers else {
            throw r.error("expected an object of secret name → {\"required\": true|false}, found \(r.node.typeName)")
        }
        var result: [Profile.SecretDeclaration] = []
        for member in members {
            let entry = StrictReader(file: r.file, path: r.path + [member.key], node: member.value)
            if let problem = SecretName.problem(with: member.key) { throw entry.error(problem, at: member.keyLocation) }
            if case .null = member.value.kind { continue }
            _ = try entry.members(allowed: ["required"])
            result.append(Profile.SecretDeclaration(name: member.key, required: try entry.child("required")?.bool() ?? true))
        }
        return result
    }
}
