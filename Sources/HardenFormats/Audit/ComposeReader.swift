import FoundationEssentials
import HardenModel

/// Reads a compose file in JSON (as `docker compose config --format json` prints it) into one plan
/// per service. Values go through the same parsers as docker run's options, so `"8080:80"` in a
/// compose file and `-p 8080:80` on a command line mean one thing.
public enum ComposeReader {
    public static func read(_ root: JSONNode, file: String) throws(HardenError) -> [AuditedLaunch] {
        try read(root, file: file, environment: nil)
    }

    /// `environment`: the file is read as written, and compose's variables are filled in from it.
    static func read(_ root: JSONNode, file: String, environment: ComposeEnvironment?) throws(HardenError) -> [AuditedLaunch] {
        var variables: [ComposeInterpolation.Variable] = []
        let root = try ComposeInterpolation.resolve(root, file: file, environment: environment, variables: &variables)
        let top = StrictReader(file: file, node: root)
        guard root.objectMembers != nil else { throw top.error("a compose file is an object with \"services\"") }
        guard let services = top.child("services") else { throw top.error("a compose file needs \"services\"") }
        let directory = Self.directory(of: file)
        let declared = try ComposeTopLevel(top, directory: directory)
        let merged = StrictReader(file: file, path: services.path, node: try ComposeExtends.resolve(services))
        var launches: [AuditedLaunch] = []
        var serviceNames: [String] = []
        for (name, keyLocation, service) in try merged.entries() {
            let context = "service \(name)"
            var reading = ServiceReading(
                file: file, directory: directory, declared: declared,
                sources: PlanSources(whole: SourcePosition(file: file, keyLocation, context: context)), context: context)
            for unread in declared.everyService { reading.notUnderstood(unread.message, at: unread.location) }
            for variable in variables where variable.path.count < 2 || variable.path[0] != "services" || variable.path[1] == name {
                if !variable.unresolved.isEmpty {
                    let names = variable.unresolved.map { "$" + $0 }.joined(separator: ", ")
                    reading.notUnderstood("\(StrictReader.render(variable.path)): \(variable.text.debugDescription) is unresolved: \(names) is set neither in the environment nor in .env and has no default, so compose would fill in an empty value; set it (or write a default, ${NAME:-value}) and check again", at: variable.location)
                    continue
                }
                reading.notUnderstood("\(StrictReader.render(variable.path)): \(variable.text.debugDescription) is filled in by compose from its environment at launch, a value harden has not seen; audit `docker compose config --format json`, or write a literal $ as $$", at: variable.location)
            }
            try reading.read(service)
            launches.append(AuditedLaunch(name: "\(file) \(context)", kind: .compose, plan: reading.plan, sources: reading.sources))
            serviceNames.append(name)
        }
        ComposeVolumesFrom.inherit(&launches, services: serviceNames)
        ComposeNetworkPeers.markStrangers(&launches, services: serviceNames)
        return launches
    }
}

extension ComposeReader {
    /// The directory compose reads relative paths from, as a bind source the validator reads as
    /// one: `sub/compose.yaml` gives `./sub`, since a relative source not starting with `.` would
    /// be read from `/` (HostFacts.absolute), and `./data` there would be judged as `/sub/./data`.
    static func directory(of file: String) -> String {
        let directory = PathText.deletingLastComponent(file)
        if directory.isEmpty { return "." }
        return directory.hasPrefix("/") || directory.hasPrefix(".") ? directory : "./" + directory
    }
}

/// The reading of one service: its plan, and where each of its settings was written.
package struct ServiceReading {
    let file: String
    let directory: String
    let declared: ComposeTopLevel
    var plan = LaunchPlan()
    var sources: PlanSources
    let context: String
    var adds: [String] = []
    /// An entrypoint list's words after the first, which lead the command whichever key comes first.
    var entrypointTail: [String] = []
    var drops: [String] = []

    init(file: String, directory: String, declared: ComposeTopLevel, sources: PlanSources, context: String) {
        self.file = file; self.directory = directory; self.declared = declared; self.sources = sources; self.context = context
    }

    func bad(_ reader: StrictReader) -> (String) -> HardenError {
        { message in reader.error(message) }
    }

    mutating func place(_ key: PlanKey, _ reader: StrictReader) { sources[key] = reader.position(context: context) }

    /// Refuses the launch for something compose gives a meaning harden has not judged.
    mutating func notUnderstood(_ message: String, at location: SourceLocation) {
        sources[.notUnderstood(plan.notUnderstood.count)] = SourcePosition(file: file, location, context: context)
        plan.notUnderstood.append(message)
    }

    mutating func notUnderstood(_ unread: [ComposeTopLevel.Unread]) {
        for entry in unread { notUnderstood(entry.message, at: entry.location) }
    }

    /// Every key of `reader` outside `known` (and not `x-`) is not understood.
    mutating func only(_ known: Set<String>, in reader: StrictReader) {
        notUnderstood(ComposeTopLevel.unknownKeys(reader, known: known))
    }

    /// A bind source: compose-go makes every relative one (not only `./x`) relative to the compose file.
    func hostPath(_ source: String) -> String { ComposeTopLevel.hostPath(source, directory: directory) }

    mutating func read(_ service: StrictReader) throws(HardenError) {
        guard service.node.objectMembers != nil else { throw service.error("a service is an object, found \(service.node.typeName)") }
        for (key, keyLocation, value) in try service.entries() {
            // null is compose's "not set" for a key it knows; an unknown key is refused whatever its value.
            if case .null = value.node.kind, ComposeKeys.judged.contains(key) || ComposeKeys.harmless.contains(key) || ComposeKeys.isExtension(key) { continue }
            if case .null = value.node.kind {
                notUnderstood("\(value.keyPath): not a compose service key harden knows; compose gives it a meaning harden has not checked, so remove it", at: keyLocation)
                continue
            }
            try apply(key, keyLocation, value)
        }
        plan.securityOptions = DockerOptionApplier.keepingLast(plan.securityOptions) { $0.description }
        plan.command.insert(contentsOf: entrypointTail, at: 0)
        if !adds.isEmpty || !drops.isEmpty {
            plan.capabilities = Profile.Capabilities.apply(drop: drops, add: adds, to: Capability.dockerDefault)
        }
    }

    mutating func apply(_ key: String, _ keyLocation: SourceLocation, _ value: StrictReader) throws(HardenError) {
        switch key {
        case "image":
            plan.image = try value.string()
            if let refusal = ImageReference.refusal(plan.image) { throw value.error(refusal) }
            place(.image, value)
        case "privileged":
            if try value.composeBool() { plan.privileged = true; place(.privileged, value) }
        case "read_only": plan.readOnlyRootFilesystem = try value.composeBool(); place(.readOnlyRoot, value)
        case "user": plan.user = try value.scalarText(); place(.user, value)
        case "use_api_socket": plan.useAPISocket = try value.composeBool(); place(.useAPISocket, value)
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
                    only(ComposeKeys.longDevice, in: item)
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
            plan.network = DockerValues.namespaceMode(try value.string())
            place(.network, value)
        case "networks":
            try networks(value)
        case "pid", "ipc", "uts", "userns_mode", "cgroup":
            let mode = DockerValues.namespaceMode(try value.string())
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
        case "gpus": try gpus(value, reservation: false)
        case "oom_kill_disable":
            plan.memoryTuning.oomKillDisable = try value.composeBool()
            place(.engineOption("oom-kill-disable"), value)
        case "cgroup_parent":
            // Kept under the docker option's name: the rule reads it there for every door.
            plan.engine.engineOnly.append(.init(option: "cgroup-parent", value: try value.string()))
            place(.engineOption("cgroup-parent"), value)
        case "pids_limit": try pids(value)
        case "cpus": try cpus(value)
        case "deploy":
            try deploy(value)
        case "ports":
            for item in try value.elements() { try port(item) }
        case "restart":
            let restart = try value.string()
            guard let policy = DockerValues.restart(restart) else { throw value.error("\"\(restart)\" is not a restart policy; use no, on-failure[:N], unless-stopped or always") }
            plan.restart = policy
            place(.restart, value)
        case "environment":
            try environment(value)
        case "labels":
            try labels(value)
        case "command":
            plan.command = try words(value)
        case "entrypoint":
            // Entrypoint words then command words are one argv to the engine, and a set entrypoint
            // drops the image's command: the first word is docker's --entrypoint, the rest lead the command.
            let words = try words(value)
            plan.process.entrypoint = words.first ?? ""
            entrypointTail = Array(words.dropFirst())
        case "secrets":
            try fileReferences(value, declared: declared.secrets, kind: "secret")
        case "configs":
            try fileReferences(value, declared: declared.configs, kind: "config")
        case "volumes_from":
            for item in try value.elements() {
                let name = try item.string()
                plan.engine.volumesFrom.append(name)
                place(.volumesFrom(name), item)
            }
        case "env_file":
            // Read by compose from the host into the environment: judged as docker's --env-file is.
            let items = value.node.stringValue != nil ? [value] : try value.elements()
            for item in items {
                let path: String
                if item.node.objectMembers != nil {
                    only(ComposeKeys.envFile, in: item)
                    guard let named = try item.child("path")?.string() else { throw item.error("an env_file entry needs a \"path\"") }
                    if let required = item.child("required") { _ = try required.composeBool() }
                    path = named
                } else {
                    path = try item.string()
                }
                let absolute = hostPath(path)
                plan.process.environmentFiles.append(absolute)
                place(.envFile(absolute), item)
            }
        case "post_start", "pre_stop":
            for hook in try value.elements() {
                try self.hook(hook)
                plan.process.insideCommands.append("\(key): " + (try hook.child("command").map { (command) throws(HardenError) in try words(command) } ?? []).joined(separator: " "))
            }
        case "healthcheck":
            try healthcheck(value)
        case "build":
            try build(value)
        case "annotations":
            // compose passes them to dockerd, which hands them to the runtime (see OCIConfigReader).
            var keys: [(String, SourceLocation)] = []
            if value.node.objectMembers != nil {
                for (key, keyLocation, _) in try value.entries() { keys.append((key, keyLocation)) }
            } else {
                for item in try value.elements() { keys.append((try item.string(), item.node.location)) }
            }
            for (key, location) in keys where OCIConfigReader.runtimeAnnotationPrefixes.contains(where: { key.hasPrefix($0) }) {
                notUnderstood("\(value.keyPath): \(key) is an annotation the runtime acts on (runc's systemd properties and CRIU config, crun's run.oci.*), whose effect harden does not judge; remove it", at: location)
            }
        case "runtime":
            let runtime = try value.string()
            if !ComposeKeys.knownRuntimes.contains(runtime) {
                notUnderstood("\(value.keyPath): the runtime \"\(runtime)\" is whatever the daemon's configuration names, which harden cannot see; use runc, crun or runsc", at: value.node.location)
            }
        case "isolation":
            let isolation = try value.string()
            if isolation != "default" {
                notUnderstood("\(value.keyPath): isolation \"\(isolation)\" is a Windows setting harden does not judge; leave it out", at: value.node.location)
            }
        case "extends":
            // Same-file extends were merged before reading; what is left names another file.
            notUnderstood("\(value.keyPath): extends a service of another file, which harden does not read; audit the merged project (docker compose config --format json)", at: keyLocation)
        default:
            if let why = ComposeKeys.refused[key] {
                notUnderstood("\(value.keyPath): \(key) \(why); remove it, or run the service outside harden's audit", at: keyLocation)
            } else if ComposeKeys.harmlessBooleans.contains(key) {
                _ = try value.composeBool()
            } else if !ComposeKeys.harmless.contains(key) && !ComposeKeys.isExtension(key) {
                notUnderstood("\(value.keyPath): not a compose service key harden knows; compose gives it a meaning harden has not checked, so remove it or rename it x-\(key)", at: keyLocation)
            }
        }
    }

    /// A service joins networks by key; one whose engine network is `host` puts the container in
    /// the host's network stack, as `network_mode: host` does.
    mutating func networks(_ value: StrictReader) throws(HardenError) {
        var joined: [(String, StrictReader)] = []
        if value.node.arrayValue != nil {
            for item in try value.elements() { joined.append((try item.string(), item)) }
        } else {
            for (name, _, entry) in try value.entries() {
                if entry.node.objectMembers != nil { only(ComposeKeys.serviceNetwork, in: entry) }
                joined.append((name, entry))
            }
        }
        for (name, reader) in joined {
            guard let network = declared.networks[name] else {
                // compose-go defines `default` itself; any other name must be declared.
                if name == "default" { plan.joinedNetworks.append(.init(name: name, isInternal: false)); continue }
                throw reader.error("the service joins network \"\(name)\", which the file does not declare (compose refuses it); declare it under top-level networks")
            }
            plan.joinedNetworks.append(.init(name: name, isInternal: network.isInternal))
            if network.isHost {
                plan.network = .host
                place(.network, reader)
            }
        }
    }

    mutating func deploy(_ value: StrictReader) throws(HardenError) {
        only(ComposeKeys.deploy, in: value)
        guard let resources = value.child("resources") else { return }
        only(ComposeKeys.resources, in: resources)
        if let limits = resources.child("limits") {
            only(ComposeKeys.limits, in: limits)
            if let memory = limits.child("memory") { try self.memory(memory) }
            if let pids = limits.child("pids") { try self.pids(pids) }
            if let cpus = limits.child("cpus") { try self.cpus(cpus) }
        }
        if let reservations = resources.child("reservations") {
            only(ComposeKeys.reservations, in: reservations)
            if let devices = reservations.child("devices") { try gpus(devices, reservation: true) }
        }
    }

    /// A lifecycle hook is a process compose starts inside the container with `docker exec`: a
    /// privileged hook is a privileged exec, with every capability and no confinement.
    mutating func hook(_ hook: StrictReader) throws(HardenError) {
        guard hook.node.objectMembers != nil else { throw hook.error("a lifecycle hook is an object with \"command\", found \(hook.node.typeName)") }
        only(ComposeKeys.hook, in: hook)
        if let privileged = hook.child("privileged"), try privileged.composeBool() {
            plan.privileged = true
            if sources[.privileged] == nil { place(.privileged, privileged) }  // the service's own key first
        }
    }

    /// Building runs a build container on the host's builder; the keys that give it more than the
    /// image's own files are judged: `privileged` is a privileged container, and the rest (host
    /// network, entitlements, the caller's ssh agent, host secrets, other contexts) are refused.
    mutating func build(_ value: StrictReader) throws(HardenError) {
        guard value.node.objectMembers != nil else { _ = try value.string(); return }
        for (key, keyLocation, _) in try value.entries() where !ComposeKeys.build.contains(key) && !ComposeKeys.isExtension(key) {
            notUnderstood("\(StrictReader.render(value.path + [key])): a build setting that gives the build container host access harden does not judge; remove it", at: keyLocation)
        }
        if let privileged = value.child("privileged"), try privileged.composeBool() {
            plan.privileged = true
            if sources[.privileged] == nil { place(.privileged, privileged) }  // the service's own key first
        }
        if let noCache = value.child("no_cache") { _ = try noCache.composeBool() }
        if let pull = value.child("pull") { _ = try pull.composeBool() }
    }

    /// A service's secrets and configs name top-level entries; a file one is the host file,
    /// bind-mounted read-only. Secrets keep their own rules (who may read them); a config is judged
    /// as the read-only bind mount it is.
    mutating func fileReferences(_ value: StrictReader, declared entries: [String: ComposeTopLevel.FileSource], kind: String) throws(HardenError) {
        for item in try value.elements() {
            let source: String
            var target: String?
            if item.node.stringValue != nil {
                source = try item.string()
            } else {
                only(ComposeKeys.fileReference, in: item)
                guard let named = try item.child("source")?.string() else { throw item.error("a \(kind) needs a \"source\"") }
                source = named
                target = try item.child("target")?.string()
            }
            guard let entry = entries[source] else {
                throw item.error("the service uses \(kind) \"\(source)\", which the file does not declare (compose refuses it); declare it under top-level \(kind)s")
            }
            guard let path = entry.file else { continue }
            if kind == "secret" {
                plan.secrets.append(LaunchPlan.Secret(name: source, source: path))
                place(.secret(source), item)
            } else {
                let inside = target.map { $0.hasPrefix("/") ? $0 : "/" + $0 } ?? "/" + source
                plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: path, target: inside, readOnly: true))
                place(.mount(inside), item)
            }
        }
    }

    mutating func volume(_ item: StrictReader) throws(HardenError) {
        if let spec = item.node.stringValue {
            let short: ComposeShortVolume
            switch ComposeShortVolume.parse(spec) {
            case .success(let parsed): short = parsed
            case .failure(let failure): throw item.error("\(item.describe()) is not a compose volume: \(failure.message) (compose refuses it); write SOURCE:TARGET[:ro] or the long syntax")
            }
            let mount = short.isBind
                ? LaunchPlan.Mount(kind: .bind, source: hostPath(short.source!), target: short.target, readOnly: short.readOnly, propagation: short.propagation)
                : LaunchPlan.Mount(kind: .volume, source: short.source, target: short.target, readOnly: short.readOnly, propagation: short.propagation)
            try add(mount, item)
            // docker-compose 1.x splits at every colon (no drive letters, no `${…}`): `v:/data` is the
            // volume v there and an anonymous volume to compose v2. Where the two differ, the legacy
            // reading is judged as well, so neither engine gets past.
            if var legacy = try? DockerValues.volume(spec, bad: bad(item)) {
                if legacy.kind == .bind, let source = legacy.source { legacy.source = hostPath(source) }
                if legacy.source != mount.source || legacy.target != mount.target || legacy.kind != mount.kind,
                   legacy.kind == .bind || legacy.source.map({ declared.volumes[$0] != nil }) == true {
                    try add(legacy, item)
                }
            }
            return
        }
        only(ComposeKeys.longVolume, in: item)
        guard let target = try item.child("target")?.string() else { throw item.error("a volume needs a \"target\"") }
        let type = try item.child("type")?.string() ?? "volume"
        let source = try item.child("source")?.string()
        let readOnly = try item.child("read_only")?.composeBool() ?? false
        if let bind = item.child("bind") {
            only(ComposeKeys.bindOptions, in: bind)
            if let create = bind.child("create_host_path") { _ = try create.composeBool() }
        }
        if let options = item.child("volume") {
            only(ComposeKeys.volumeOptions, in: options)
            if let nocopy = options.child("nocopy") { _ = try nocopy.composeBool() }
        }
        if let options = item.child("tmpfs") { only(ComposeKeys.tmpfsOptions, in: options) }
        if let options = item.child("image") { only(ComposeKeys.imageOptions, in: options) }
        switch type {
        case "bind":
            guard let source else { throw item.error("a bind volume needs a \"source\"") }
            let propagation = try item.child("bind")?.child("propagation")?.string().lowercased()
            try add(LaunchPlan.Mount(kind: .bind, source: hostPath(source), target: target, readOnly: readOnly, propagation: propagation), item)
        case "volume":
            let subpath = try item.child("volume")?.child("subpath")?.string()
            try add(LaunchPlan.Mount(kind: .volume, source: source, target: target, readOnly: readOnly), subpath: subpath, item)
        case "tmpfs":
            var mount = LaunchPlan.TmpfsMount(target: target)
            // compose-go reads size as bytes or a unit string (units.RAMInBytes), mode as an integer.
            if let size = item.child("tmpfs")?.child("size") {
                guard let bytes = Units.bytes(try size.scalarText()), bytes > 0 else { throw size.error("not a size; use bytes or e.g. 64m") }
                mount.options.append(.size(bytes))
            }
            if let mode = item.child("tmpfs")?.child("mode") {
                guard let bits = mode.node.intValue, (0...0o7777).contains(bits) else { throw mode.error("not a mode; use permission bits such as 0o1777 (1023)") }
                mount.options.append(.mode(UInt32(bits)))
            }
            if readOnly { mount.options.insert(.flag(.ro), at: 0) }
            plan.tmpfs.append(mount)
            place(.mount(target), item)
        case "npipe", "cluster", "image":
            return  // a Windows pipe, a swarm cluster volume, an image's files: nothing of this host's filesystem
        default:
            notUnderstood("\(item.keyPath).type: \"\(type)\" is not a compose volume type harden knows (bind, volume, tmpfs, npipe, cluster, image)", at: item.child("type")?.node.location ?? item.node.location)
        }
    }

    /// A named volume whose local driver mounts a host path is judged as a bind of that path (with
    /// its subpath), built from the values themselves, never re-parsed from a spelling.
    mutating func add(_ mount: LaunchPlan.Mount, subpath: String? = nil, _ item: StrictReader) throws(HardenError) {
        if mount.kind == .volume, let name = mount.source {
            guard let volume = declared.volumes[name] else {
                throw item.error("the service mounts volume \"\(name)\", which the file does not declare (compose refuses it); declare it under top-level volumes")
            }
            notUnderstood(volume.unread)
            if let hostPath = volume.hostPath {
                let path = subpath.map { hostPath + "/" + $0 } ?? hostPath
                plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: path, target: mount.target, readOnly: mount.readOnly))
                place(.mount(mount.target), item)
                return
            }
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
            only(ComposeKeys.longPort, in: item)
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

    /// A healthcheck's test is a program run inside the container, unless it is switched off.
    mutating func healthcheck(_ value: StrictReader) throws(HardenError) {
        guard let test = value.child("test"), try value.child("disable")?.composeBool() != true else { return }
        let words = try words(test)
        guard let first = words.first, first != "NONE" else { return }
        plan.process.insideCommands.append("healthcheck: " + (first == "CMD" || first == "CMD-SHELL" ? words.dropFirst() : words[...]).joined(separator: " "))
    }

    /// `labels` as a list of `KEY=VALUE` (or `KEY`) or a mapping, kept as `KEY=VALUE`; anything else
    /// compose refuses, and so does harden (a label is what names a broker).
    mutating func labels(_ value: StrictReader) throws(HardenError) {
        if value.node.arrayValue != nil {
            for item in try value.elements() { plan.process.labels.append(try item.scalarText()) }
            return
        }
        for (name, _, reader) in try value.entries() {
            if case .null = reader.node.kind { plan.process.labels.append(name + "=") } else { plan.process.labels.append(name + "=" + (try reader.scalarText())) }
        }
    }

    /// A command or entrypoint: a list of strings as written, or a string split by the shell's
    /// quoting rules as compose splits it; a string it cannot split, or any other value, is refused.
    func words(_ value: StrictReader) throws(HardenError) -> [String] {
        if value.node.arrayValue != nil { return try value.elements().map { (item) throws(HardenError) in try item.scalarText() } }
        let text = try value.scalarText()
        guard let split = try? ShellQuote.split(text) else {
            throw value.error("\(text.debugDescription) is not a command compose can split into words (an unclosed quote?); write it as a list")
        }
        return split
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
