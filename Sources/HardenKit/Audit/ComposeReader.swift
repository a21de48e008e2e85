import FoundationEssentials

/// Reads a compose file in JSON (as `docker compose config --format json` prints it) into one plan
/// per service. Values go through the same parsers as docker run's options, so `"8080:80"` in a
/// compose file and `-p 8080:80` on a command line mean one thing.
public enum ComposeReader {
    public static func read(_ root: JSONNode, file: String) throws(HardenError) -> [AuditedLaunch] {
        let top = StrictReader(file: file, node: root)
        guard let services = top.child("services") else { throw top.error("a compose file needs \"services\"") }
        let directory = PathText.deletingLastComponent(file)
        let volumes = try namedVolumes(top.child("volumes"))
        let secrets = try fileSecrets(top.child("secrets"))
        var launches: [AuditedLaunch] = []
        for (name, keyLocation, service) in try services.entries() {
            let context = "service \(name)"
            var reading = ServiceReading(
                file: file, directory: directory.isEmpty ? "." : directory, volumes: volumes,
                sources: PlanSources(whole: SourcePosition(file: file, keyLocation, context: context)), context: context)
            reading.secretFiles = secrets
            try reading.read(service)
            launches.append(AuditedLaunch(name: "\(file) \(context)", kind: .compose, plan: reading.plan, sources: reading.sources))
        }
        return launches
    }

    /// Top-level secrets that are host files (`file:`), by key: the files a service's `secrets:` mount.
    static func fileSecrets(_ secrets: StrictReader?) throws(HardenError) -> [String: String] {
        var result: [String: String] = [:]
        for (name, _, secret) in try secrets?.entries() ?? [] {
            guard secret.node.objectMembers != nil, let file = try secret.child("file")?.string() else { continue }
            result[name] = file
        }
        return result
    }

    /// Top-level volumes whose local driver binds a host path, as the `--mount` volume options that say so.
    static func namedVolumes(_ volumes: StrictReader?) throws(HardenError) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (name, _, volume) in try volumes?.entries() ?? [] {
            guard volume.node.objectMembers != nil else { continue }
            let options = try volume.child("driver_opts")?.entries() ?? []
            let pairs = try options.map { entry throws(HardenError) in "volume-opt=\(entry.key)=\(try entry.reader.scalarText())" }
            if !pairs.isEmpty { result[name] = pairs }
        }
        return result
    }
}

/// The reading of one service: its plan, and where each of its settings was written.
struct ServiceReading {
    let file: String
    let directory: String
    let volumes: [String: [String]]
    /// The top-level file secrets, by key, as written.
    var secretFiles: [String: String] = [:]
    var plan = LaunchPlan()
    var sources: PlanSources
    let context: String
    var adds: [String] = []
    var drops: [String] = []

    init(file: String, directory: String, volumes: [String: [String]], sources: PlanSources, context: String) {
        self.file = file; self.directory = directory; self.volumes = volumes; self.sources = sources; self.context = context
    }

    func bad(_ reader: StrictReader) -> (String) -> HardenError {
        { message in reader.error(message) }
    }

    mutating func place(_ key: PlanKey, _ reader: StrictReader) { sources[key] = reader.position(context: context) }

    /// A relative host path is relative to the compose file, as compose reads it.
    func hostPath(_ source: String) -> String {
        source == "." || source.hasPrefix("./") || source.hasPrefix("../") ? directory + "/" + source : source
    }

    mutating func read(_ service: StrictReader) throws(HardenError) {
        for (key, _, value) in try service.entries() {
            if case .null = value.node.kind { continue }
            try apply(key, value)
        }
        plan.securityOptions = DockerOptionApplier.keepingLast(plan.securityOptions) { $0 }
        if !adds.isEmpty || !drops.isEmpty {
            plan.capabilities = Profile.Capabilities.apply(drop: drops, add: adds, to: Capability.dockerDefault)
        }
    }

    mutating func apply(_ key: String, _ value: StrictReader) throws(HardenError) {
        switch key {
        case "image": plan.image = try value.string(); place(.image, value)
        case "privileged": plan.privileged = try value.bool(); place(.privileged, value)
        case "read_only": plan.readOnlyRootFilesystem = try value.bool(); place(.readOnlyRoot, value)
        case "user": plan.user = try value.scalarText(); place(.user, value)
        case "use_api_socket": plan.useAPISocket = try value.bool(); place(.useAPISocket, value)
        case "cap_add", "cap_drop":
            for item in try value.elements() {
                let name = Capability.canonicalName(try item.string())
                guard name == "ALL" || Capability.named(name) != nil else { throw item.error("\"\(name)\" is not a Linux capability") }
                if key == "cap_add" { adds.append(name); place(.capability(name), item) } else { drops.append(name); place(.capabilities, item) }
            }
        case "security_opt":
            for item in try value.elements() {
                place(try DockerOptionApplier.applySecurityOption(try item.string(), to: &plan, bad: bad(item)), item)
            }
        case "volumes":
            for item in try value.elements() { try volume(item) }
        case "tmpfs":
            let items = value.node.stringValue != nil ? [value] : try value.elements()
            for item in items {
                let mount = try DockerValues.tmpfs(try item.string(), bad: bad(item))
                plan.tmpfs.append(mount)
                place(.mount(mount.target), item)
            }
        case "devices":
            for item in try value.elements() {
                let device: LaunchPlan.Device
                if item.node.objectMembers != nil {
                    guard let source = try item.child("source")?.string() else { throw item.error("a device needs a \"source\"") }
                    device = LaunchPlan.Device(hostPath: source, containerPath: try item.child("target")?.string(),
                                               permissions: try item.child("permissions")?.string())
                } else {
                    device = try DockerValues.device(try item.string(), bad: bad(item))
                }
                plan.devices.append(device)
                place(.device(device.hostPath), item)
            }
        case "device_cgroup_rules":
            for item in try value.elements() {
                plan.deviceCgroupRules.append(try DockerValues.deviceCgroupRule(try item.string(), bad: bad(item)))
                place(.deviceCgroupRule(try item.string()), item)
            }
        case "network_mode":
            plan.network = service(try value.string())
            place(.network, value)
        case "pid", "ipc", "uts", "userns_mode", "cgroup":
            let mode = service(try value.string())
            switch key {
            case "pid": plan.namespaces.pid = mode
            case "ipc": plan.namespaces.ipc = mode
            case "uts": plan.namespaces.uts = mode
            case "userns_mode": plan.namespaces.userns = mode
            default: plan.namespaces.cgroupns = mode
            }
            place(.namespace(["userns_mode": "userns", "cgroup": "cgroupns"][key] ?? key), value)
        case "sysctls":
            try sysctls(value)
        case "mem_limit": try memory(value)
        case "pids_limit": try pids(value)
        case "cpus": try cpus(value)
        case "deploy":
            if let limits = value.child("resources")?.child("limits") {
                if let memory = limits.child("memory") { try self.memory(memory) }
                if let pids = limits.child("pids") { try self.pids(pids) }
                if let cpus = limits.child("cpus") { try self.cpus(cpus) }
            }
        case "ports":
            for item in try value.elements() { try port(item) }
        case "restart":
            let restart = try value.string()
            guard DockerValues.isRestartPolicy(restart) else { throw value.error("\"\(restart)\" is not a restart policy; use no, on-failure[:N], unless-stopped or always") }
            plan.restart = restart
            place(.restart, value)
        case "environment":
            try environment(value)
        case "secrets":
            // Compose bind-mounts a file secret with the host file's owner and mode; the secret
            // rules judge who can read it, as for --secret.
            for item in try value.elements() {
                let source = item.node.stringValue != nil ? try item.string() : try item.child("source")?.string()
                guard let source, let file = secretFiles[source] else { continue }
                // Relative to the compose file, as compose reads it.
                let path = file.hasPrefix("/") ? file
                    : directory.hasPrefix("/") ? SecretFiles.absolute(file, currentDirectory: directory) : directory + "/" + file
                plan.secrets.append(LaunchPlan.Secret(name: source, source: path))
                place(.secret(source), item)
            }
        case "volumes_from":
            for item in try value.elements() {
                let name = try item.string()
                plan.otherOptions.append(LaunchPlan.Option(name: "volumes-from", value: name))
                place(.volumesFrom(name), item)
            }
        default:
            return  // an audit reads what it understands and leaves the rest
        }
    }

    /// `service:db` joins another service's namespace, as `container:NAME` does.
    func service(_ mode: String) -> String {
        mode.hasPrefix("service:") ? "container:" + mode.dropFirst("service:".count) : mode
    }

    mutating func volume(_ item: StrictReader) throws(HardenError) {
        if item.node.stringValue != nil {
            var mount = try DockerValues.volume(try item.string(), bad: bad(item))
            if mount.kind == .bind, let source = mount.source { mount.source = hostPath(source) }
            try add(mount, namedVolumeOptions: mount.kind == .volume ? mount.source.flatMap { volumes[$0] } : nil, item)
            return
        }
        guard let target = try item.child("target")?.string() else { throw item.error("a volume needs a \"target\"") }
        let type = try item.child("type")?.string() ?? "volume"
        let source = try item.child("source")?.string()
        let readOnly = try item.child("read_only")?.bool() ?? false
        switch type {
        case "bind":
            guard let source else { throw item.error("a bind volume needs a \"source\"") }
            let propagation = try item.child("bind")?.child("propagation")?.string().lowercased()
            try add(LaunchPlan.Mount(kind: .bind, source: hostPath(source), target: target, readOnly: readOnly, propagation: propagation), item)
        case "volume":
            try add(LaunchPlan.Mount(kind: .volume, source: source, target: target, readOnly: readOnly),
                    namedVolumeOptions: source.flatMap { volumes[$0] }, item)
        case "tmpfs":
            let size = try item.child("tmpfs")?.child("size")?.scalarText()
            plan.tmpfs.append(LaunchPlan.TmpfsMount(target: target, options: size.map { ["size=\($0)"] } ?? []))
            place(.mount(target), item)
        default:
            return  // npipe, cluster, image: nothing of the host's filesystem
        }
    }

    /// A named volume whose driver binds a host path is kept as the `--mount` that says so, so the
    /// rules see its host path as they do on a docker run line.
    mutating func add(_ mount: LaunchPlan.Mount, namedVolumeOptions: [String]? = nil, _ item: StrictReader) throws(HardenError) {
        if let options = namedVolumeOptions, let source = mount.source {
            var fields = ["type=volume", "src=\(source)", "dst=\(mount.target)"] + options.map { option in
                option.hasPrefix("volume-opt=device=") ? "volume-opt=device=" + hostPath(String(option.dropFirst("volume-opt=device=".count))) : option
            }
            if mount.readOnly { fields.append("readonly") }
            let value = fields.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingText("\"", with: "\"\"") + "\"" : $0 }.joined(separator: ",")
            plan.otherOptions.append(LaunchPlan.Option(name: "mount", value: value))
            place(.mountOption(value), item)
            return
        }
        plan.mounts.append(mount)
        place(.mount(mount.target), item)
    }

    mutating func sysctls(_ value: StrictReader) throws(HardenError) {
        if value.node.arrayValue != nil {
            for item in try value.elements() {
                let sysctl = try DockerValues.sysctl(try item.string(), bad: bad(item))
                plan.sysctls.append(sysctl)
                place(.sysctl(sysctl.name), item)
            }
            return
        }
        for (name, keyLocation, reader) in try value.entries() {
            plan.sysctls.append(LaunchPlan.Sysctl(name: name, value: try reader.scalarText()))
            sources[.sysctl(name)] = SourcePosition(file: file, keyLocation, context: context)
        }
    }

    mutating func memory(_ value: StrictReader) throws(HardenError) {
        let text = try value.scalarText()
        guard let bytes = Units.bytes(text), bytes > 0 else { throw value.error("\(value.describe()) is not a size; use e.g. 512m") }
        plan.memory = bytes
        place(.memory, value)
    }

    mutating func pids(_ value: StrictReader) throws(HardenError) {
        let count = try value.int(min: -1)
        plan.pidsLimit = count > 0 ? count : nil
        place(.pids, value)
    }

    mutating func cpus(_ value: StrictReader) throws(HardenError) {
        let text = try value.scalarText()
        guard let cpus = Double(text), cpus >= 0 else { throw value.error("\(value.describe()) is not a CPU count; use e.g. 0.5") }
        plan.cpus = cpus > 0 ? cpus : nil
        place(.cpus, value)
    }

    mutating func port(_ item: StrictReader) throws(HardenError) {
        let mappings: [LaunchPlan.PortMapping]
        if item.node.objectMembers != nil {
            guard let target = try item.child("target")?.scalarText() else { throw item.error("a port needs a \"target\"") }
            mappings = [LaunchPlan.PortMapping(
                hostIP: try item.child("host_ip")?.string() ?? "", hostPort: try item.child("published")?.scalarText() ?? "",
                containerPort: target, proto: try item.child("protocol")?.string())]
        } else {
            mappings = try DockerValues.ports(try item.scalarText(), bad: bad(item))
        }
        for mapping in mappings {
            place(.port(plan.ports.count), item)
            plan.ports.append(mapping)
        }
    }

    mutating func environment(_ value: StrictReader) throws(HardenError) {
        if value.node.arrayValue != nil {
            for item in try value.elements() {
                let variable = try item.string()
                plan.environment.append(variable)
                place(.environment(String(variable.prefix { $0 != "=" })), item)
            }
            return
        }
        for (name, keyLocation, reader) in try value.entries() {
            if case .null = reader.node.kind { plan.environment.append(name) } else { plan.environment.append("\(name)=\(try reader.scalarText())") }
            sources[.environment(name)] = SourcePosition(file: file, keyLocation, context: context)
        }
    }
}
