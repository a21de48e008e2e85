import HardenModel
/// config.json text for a spec. Members come in the order `runc spec` writes them, so a generated
/// config reads side by side with runc's own; empty optional parts are left out, as runc leaves them.
extension OCISpec {
    public var json: JSONNode {
        var members: [(String, JSONNode)] = [("ociVersion", .str(ociVersion)), ("process", process.json), ("root", root.json)]
        if let hostname { members.append(("hostname", .str(hostname))) }
        members.append(("mounts", .arr(mounts.map(\.json))))
        members.append(("linux", linux.json))
        return .obj(members)
    }

    /// The file's text: two-space indent, a trailing newline, the same bytes for the same spec.
    public var text: String { JSONWriter.pretty(json) }
}

extension OCISpec.Process {
    var json: JSONNode {
        var members: [(String, JSONNode)] = [("terminal", .bool(terminal)), ("user", user.json), ("args", strings(args)),
                                             ("env", strings(env)), ("cwd", .str(cwd)), ("capabilities", capabilities.json)]
        if !rlimits.isEmpty {
            members.append(("rlimits", .arr(rlimits.map { .obj([("type", .str($0.type)), ("hard", .num(String($0.hard))), ("soft", .num(String($0.soft)))]) })))
        }
        members.append(("noNewPrivileges", .bool(noNewPrivileges)))
        if let apparmorProfile { members.append(("apparmorProfile", .str(apparmorProfile))) }
        if let oomScoreAdj { members.append(("oomScoreAdj", .int(oomScoreAdj))) }
        return .obj(members)
    }
}

extension OCISpec.User {
    var json: JSONNode {
        var members: [(String, JSONNode)] = [("uid", .int(uid)), ("gid", .int(gid))]
        if !additionalGids.isEmpty { members.append(("additionalGids", .arr(additionalGids.map { .int($0) }))) }
        return .obj(members)
    }
}

extension OCISpec.Capabilities {
    /// Every set is written, empty ones too: an absent set and an empty one read differently to a
    /// reviewer, and the point of this file is to say exactly what the process holds.
    var json: JSONNode {
        .obj([("bounding", strings(bounding)), ("effective", strings(effective)), ("inheritable", strings(inheritable)),
              ("permitted", strings(permitted)), ("ambient", strings(ambient))])
    }
}

extension OCISpec.Root {
    var json: JSONNode { .obj([("path", .str(path)), ("readonly", .bool(readonly))]) }
}

extension OCISpec.Mount {
    var json: JSONNode {
        var members: [(String, JSONNode)] = [("destination", .str(destination)), ("type", .str(type)), ("source", .str(source))]
        if !options.isEmpty { members.append(("options", strings(options))) }
        return .obj(members)
    }
}

extension OCISpec.Linux {
    var json: JSONNode {
        var members: [(String, JSONNode)] = []
        func mappings(_ list: [OCISpec.IDMapping]) -> JSONNode {
            .arr(list.map { .obj([("containerID", .int($0.containerID)), ("hostID", .int($0.hostID)), ("size", .int($0.size))]) })
        }
        if !uidMappings.isEmpty { members.append(("uidMappings", mappings(uidMappings))) }
        if !gidMappings.isEmpty { members.append(("gidMappings", mappings(gidMappings))) }
        if !sysctl.isEmpty { members.append(("sysctl", .obj(sysctl.map { ($0.0, .str($0.1)) }))) }
        if let resources { members.append(("resources", resources.json)) }
        members.append(("namespaces", .arr(namespaces.map { namespace in
            .obj([("type", .str(namespace.type))] + (namespace.path.map { [("path", .str($0))] } ?? []))
        })))
        if let seccomp { members.append(("seccomp", seccomp)) }
        members.append(("maskedPaths", strings(maskedPaths)))
        members.append(("readonlyPaths", strings(readonlyPaths)))
        return .obj(members)
    }
}

extension OCISpec.Resources {
    var json: JSONNode {
        var members: [(String, JSONNode)] = [("devices", .arr(devices.map(\.json)))]
        if let memory {
            var fields: [(String, JSONNode)] = []
            if let limit = memory.limit { fields.append(("limit", .num(String(limit)))) }
            if let reservation = memory.reservation { fields.append(("reservation", .num(String(reservation)))) }
            if let swap = memory.swap { fields.append(("swap", .num(String(swap)))) }
            if let swappiness = memory.swappiness { fields.append(("swappiness", .int(swappiness))) }
            if let disable = memory.disableOOMKiller { fields.append(("disableOOMKiller", .bool(disable))) }
            members.append(("memory", .obj(fields)))
        }
        if let cpu {
            var fields: [(String, JSONNode)] = []
            if let shares = cpu.shares { fields.append(("shares", .int(shares))) }
            if let quota = cpu.quota { fields.append(("quota", .int(quota))) }
            if let period = cpu.period { fields.append(("period", .int(period))) }
            if let cpus = cpu.cpus { fields.append(("cpus", .str(cpus))) }
            if let mems = cpu.mems { fields.append(("mems", .str(mems))) }
            members.append(("cpu", .obj(fields)))
        }
        if let pids { members.append(("pids", .obj([("limit", .int(pids.limit))]))) }
        return .obj(members)
    }
}

extension OCISpec.DeviceRule {
    var json: JSONNode {
        var members: [(String, JSONNode)] = [("allow", .bool(allow))]
        if let type { members.append(("type", .str(type))) }
        if let major { members.append(("major", .int(major))) }
        if let minor { members.append(("minor", .int(minor))) }
        members.append(("access", .str(access)))
        return .obj(members)
    }
}

private func strings(_ list: [String]) -> JSONNode { .arr(list.map { .str($0) }) }
