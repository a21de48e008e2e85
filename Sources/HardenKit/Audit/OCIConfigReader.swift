/// Reads an OCI runtime `config.json` into a plan, so the same rules judge it as a docker run line.
/// Where the config leaves something out, the runtime gives the container nothing: no namespace of
/// that kind (so the host's), no seccomp filter, no masked paths.
public enum OCIConfigReader {
    /// The device nodes every runtime creates, which an OCI config may list without granting anything.
    static let defaultDevices: Set<String> = [
        "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/console", "/dev/ptmx",
    ]

    /// Device access rules Docker itself grants every container (`m` everywhere, then these).
    static let defaultDeviceRules: Set<String> = [
        "c *:* m", "b *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
        "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm",
    ]

    public static func read(_ root: JSONNode, file: String) throws(HardenError) -> AuditedLaunch {
        let top = StrictReader(file: file, node: root)
        var plan = LaunchPlan()
        var sources = PlanSources(whole: top.position(context: "OCI config"))
        plan.capabilities = []
        func place(_ key: PlanKey, _ reader: StrictReader?) { if let reader { sources[key] = reader.position() } }

        let process = top.child("process")
        if let process {
            if let user = process.child("user") {
                let uid = try user.child("uid")?.int(max: 4_294_967_295) ?? 0
                let gid = try user.child("gid")?.int(max: 4_294_967_295)
                plan.user = gid.map { "\(uid):\($0)" } ?? "\(uid)"
                place(.user, user)
            }
            if let capabilities = process.child("capabilities") {
                place(.capabilities, capabilities)
                for set in ["bounding", "effective", "permitted", "inheritable", "ambient"] {
                    for item in try capabilities.child(set)?.elements() ?? [] {
                        guard let capability = Capability.named(try item.string()) else { continue }
                        plan.capabilities.insert(capability)
                        if sources[.capability(capability.name)] == nil { place(.capability(capability.name), item) }
                    }
                }
            }
            if let flag = process.child("noNewPrivileges") { plan.noNewPrivileges = try flag.bool(); place(.noNewPrivileges, flag) }
            if let apparmor = process.child("apparmorProfile"), try apparmor.string() == "unconfined" {
                plan.securityOptions.append("apparmor=unconfined")
                place(.securityOption("apparmor=unconfined"), apparmor)
            }
            if let label = process.child("selinuxLabel") {
                let text = try label.string()
                if let type = ["spc_t", "unconfined_t"].first(where: { text.split(separator: ":").contains(Substring($0)) }) {
                    plan.securityOptions.append("label=type:\(type)")
                    place(.securityOption("label=type:\(type)"), label)
                }
            }
            for item in try process.child("env")?.elements() ?? [] {
                let variable = try item.string()
                plan.environment.append(variable)
                place(.environment(String(variable.prefix { $0 != "=" })), item)
            }
            plan.command = try process.child("args")?.strings() ?? []
        }
        if let readonly = top.child("root")?.child("readonly") { plan.readOnlyRootFilesystem = try readonly.bool(); place(.readOnlyRoot, readonly) }
        for item in try top.child("mounts")?.elements() ?? [] { try mount(item, into: &plan, sources: &sources) }

        let linux = top.child("linux")
        try namespaces(linux, into: &plan, sources: &sources, whole: linux ?? top)
        try seccompAndPaths(linux, into: &plan, sources: &sources, whole: linux ?? top)
        if let linux {
            for (key, keyLocation, reader) in try linux.child("sysctl")?.entries() ?? [] {
                plan.sysctls.append(LaunchPlan.Sysctl(name: key, value: try reader.scalarText()))
                sources[.sysctl(key)] = SourcePosition(file: file, keyLocation)
            }
            for item in try linux.child("devices")?.elements() ?? [] {
                guard let path = try item.child("path")?.string(), !defaultDevices.contains(path) else { continue }
                plan.devices.append(LaunchPlan.Device(hostPath: path))
                place(.device(path), item)
            }
            if let resources = linux.child("resources") { try self.resources(resources, into: &plan, sources: &sources) }
            plan.uidMappings = try mappings(linux.child("uidMappings"))
            plan.gidMappings = try mappings(linux.child("gidMappings"))
        }
        return AuditedLaunch(name: file, kind: .oci, plan: plan, sources: sources)
    }

    static func mount(_ item: StrictReader, into plan: inout LaunchPlan, sources: inout PlanSources) throws(HardenError) {
        guard let destination = try item.child("destination")?.string() else { throw item.error("a mount needs a \"destination\"") }
        let type = try item.child("type")?.string() ?? ""
        let options = try item.child("options")?.strings() ?? []
        if type == "bind" || options.contains("bind") || options.contains("rbind") {
            guard let source = try item.child("source")?.string() else { throw item.error("a bind mount needs a \"source\"") }
            let propagation = options.last { LaunchPlan.Mount.propagationModes.contains($0) }
            plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: source, target: destination,
                                                readOnly: options.contains("ro"), propagation: propagation))
        } else if type == "tmpfs" {
            plan.tmpfs.append(LaunchPlan.TmpfsMount(target: destination, options: options))
        } else {
            return  // proc, sysfs, devpts, mqueue, cgroup: the container's own
        }
        sources[.mount(destination)] = item.position()
    }

    static func namespaces(_ linux: StrictReader?, into plan: inout LaunchPlan, sources: inout PlanSources, whole: StrictReader) throws(HardenError) {
        var declared: [String: (path: String?, reader: StrictReader)] = [:]
        for item in try linux?.child("namespaces")?.elements() ?? [] {
            guard let type = try item.child("type")?.string() else { throw item.error("a namespace needs a \"type\"") }
            declared[type] = (try item.child("path")?.string(), item)
        }
        let list = linux?.child("namespaces") ?? whole
        // OCI names → the plan's names; a missing user namespace is the ordinary case, not the host's.
        for (oci, name) in [("network", "network"), ("pid", "pid"), ("ipc", "ipc"), ("uts", "uts"), ("cgroup", "cgroupns"), ("mount", "mount"), ("user", "userns")] {
            let mode: String?
            if let entry = declared[oci] {
                // Joining PID 1's namespace is joining the host's.
                mode = entry.path.map { $0.hasPrefix("/proc/1/ns/") ? "host" : "container:\($0)" }
                sources[name == "network" ? .network : .namespace(name)] = entry.reader.position()
            } else {
                mode = oci == "user" ? nil : "host"
                sources[name == "network" ? .network : .namespace(name)] = list.position()
            }
            switch name {
            case "network": plan.network = mode
            case "pid": plan.namespaces.pid = mode
            case "ipc": plan.namespaces.ipc = mode
            case "uts": plan.namespaces.uts = mode
            case "cgroupns": plan.namespaces.cgroupns = mode
            case "mount": plan.namespaces.mount = mode
            default: plan.namespaces.userns = mode
            }
        }
    }

    static func seccompAndPaths(_ linux: StrictReader?, into plan: inout LaunchPlan, sources: inout PlanSources, whole: StrictReader) throws(HardenError) {
        if let seccomp = linux?.child("seccomp") {
            let action = try seccomp.child("defaultAction")?.string()
            let rules = try seccomp.child("syscalls")?.elements() ?? []
            // A filter that allows everything is no filter; any other one is the config's own,
            // which stands where the engine's default would (harden does not grade it further).
            plan.seccomp = action == "SCMP_ACT_ALLOW" && rules.isEmpty ? .unconfined : .engineDefault
            sources[.seccomp] = seccomp.position()
        } else {
            plan.seccomp = .unconfined
            sources[.seccomp] = whole.position()
        }
        let masked = try linux?.child("maskedPaths")?.strings() ?? []
        if masked.isEmpty {
            plan.securityOptions.append("systempaths=unconfined")
            sources[.securityOption("systempaths=unconfined")] = (linux?.child("maskedPaths") ?? whole).position()
        }
    }

    static func resources(_ resources: StrictReader, into plan: inout LaunchPlan, sources: inout PlanSources) throws(HardenError) {
        if let limit = resources.child("memory")?.child("limit"), let bytes = limit.node.intValue, bytes > 0 {
            plan.memory = Int64(bytes)
            sources[.memory] = limit.position()
        }
        if let limit = resources.child("pids")?.child("limit"), let count = limit.node.intValue, count > 0 {
            plan.pidsLimit = count
            sources[.pids] = limit.position()
        }
        if let cpu = resources.child("cpu"), let quota = cpu.child("quota")?.node.intValue, quota > 0 {
            let period = cpu.child("period")?.node.intValue ?? 100_000
            plan.cpus = Double(quota) / Double(max(period, 1))
            sources[.cpus] = cpu.position()
        }
        for item in try resources.child("devices")?.elements() ?? [] where try item.child("allow")?.bool() == true {
            let type = try item.child("type")?.string() ?? "a"
            let major = try item.child("major")?.int(min: -1).description ?? "*"
            let minor = try item.child("minor")?.int(min: -1).description ?? "*"
            let access = try item.child("access")?.string() ?? "rwm"
            let rule = "\(type) \(major == "-1" ? "*" : major):\(minor == "-1" ? "*" : minor) \(access)"
            guard !defaultDeviceRules.contains(rule) else { continue }
            plan.deviceCgroupRules.append(rule)
            sources[.deviceCgroupRule(rule)] = item.position()
        }
    }

    static func mappings(_ list: StrictReader?) throws(HardenError) -> [Profile.IDMapping] {
        try (list?.elements() ?? []).map { item throws(HardenError) in
            Profile.IDMapping(containerID: try item.child("containerID")?.int() ?? 0, hostID: try item.child("hostID")?.int() ?? 0,
                              size: try item.child("size")?.int() ?? 0)
        }
    }
}
