import HardenModel
/// The one conversion from a launch plan to an OCI runtime config: every profile field lands where
/// the runtime spec puts it, and every setting that cannot land is either an error or a note.
/// Pure: the host's facts come in as `OCIHost`, so the same input always gives the same bytes.
/// `--rootless` is a transform over the result (`OCIRootless`), as in `runc spec --rootless`.
public enum OCIConfig {
    public struct Output: Sendable, Equatable {
        public var spec: OCISpec
        /// What the user should hear on stderr: limits lowered or left out, and why.
        public var notes: [String]
    }

    /// - Parameter profile: the profile's name, the default hostname.
    public static func convert(_ plan: LaunchPlan, profile: String, bundle: OCIBundleOptions, host: OCIHost) throws(HardenError) -> Output {
        var notes: [String] = []
        try refuseInexpressible(plan)
        noteProfileSettings(plan, notes: &notes)
        guard !plan.image.isEmpty || !plan.command.isEmpty else {
            throw .input("no command to run; give it after --, e.g. harden oci \(profile) -- /bin/sh -c 'exec httpd -f -p 8080'")
        }

        let process = try self.process(plan, bundle: bundle, host: host, notes: &notes)
        var spec = OCISpec(
            ociVersion: OCIDefaults.ociVersion, process: process,
            root: .init(path: bundle.rootfs, readonly: plan.readOnlyRootFilesystem), linux: try linux(plan, bundle: bundle, host: host, notes: &notes))
        // The profile's name when none is given, so a shell prompt inside says which profile it runs under.
        let hostname = plan.process.hostname ?? profile
        spec.hostname = hostname.isEmpty ? nil : hostname
        spec.mounts = try OCIMounts.mounts(for: plan, currentDirectory: bundle.currentDirectory)

        if bundle.rootless {
            let rootless = OCIRootless.apply(spec, user: host.user, cgroup: host.cgroup)
            spec = rootless.spec
            notes += rootless.notes
        }
        return Output(spec: spec, notes: notes)
    }

    // MARK: - What a bundle cannot say

    static func refuseInexpressible(_ plan: LaunchPlan) throws(HardenError) {
        // The validator refuses these before a config is asked for; a config that quietly left
        // them out would differ from the launch that was judged.
        if plan.privileged {
            throw .input("--privileged: harden oci never writes a privileged config; add only the capabilities the workload needs with --cap-add")
        }
        if plan.useAPISocket {
            throw .input("--use-api-socket: a bundle has no engine whose socket could be mounted; leave it out")
        }
        for (option, value, row) in DoorTable.settings(of: plan) {
            if case .refused(let reason) = row.oci { throw .input("--\(option) \(value): \(reason ?? OCIDockerOptions.generic)") }
        }
        if let port = plan.ports.first {
            throw .input("--publish \(DockerArguments.portSpelling(port)): \(OCIDockerOptions.refusal("publish")!)")
        }
        if let device = plan.devices.first {
            throw .input("--device \(device.hostPath): \(OCIDockerOptions.refusal("device")!)")
        }
        for (name, mode) in plan.namespaces.all where mode.joinedContainer != nil {
            throw .input("--\(name) \(mode): runc knows no other containers by name; to join a namespace, edit linux.namespaces to give its path (/proc/PID/ns/\(name == "cgroupns" ? "cgroup" : name))")
        }
        if let network = plan.network, ![.empty, .host, .named("bridge"), .named("default"), .private].contains(network) {
            if network.joinedContainer != nil {
                throw .input("--network \(network): runc knows no other containers by name; to join a network namespace, edit linux.namespaces to give its path (/proc/PID/ns/net)")
            }
            throw .input("--network \(network): a bundle gets its own network namespace with loopback only (--network none); connect it with a CNI plugin or a runtime hook")
        }
        // Docker keeps the last of several AppArmor profiles and the validator judges every one; a
        // config holds one, so which was meant must be said.
        let apparmor = Set(plan.securityOptions.compactMap(\.appArmorProfile))
        if apparmor.count > 1 {
            throw .input("--security-opt apparmor: \(apparmor.sorted().joined(separator: " and ")) contradict each other; keep one AppArmor profile")
        }
        for option in plan.securityOptions {
            guard ["apparmor", "systempaths"].contains(option.key) else {
                throw .input("--security-opt \(option): harden oci writes no \(option.key) setting; leave it out, or set it in config.json by hand")
            }
        }
    }

    /// Settings a profile may carry that no runtime config holds; the user hears of each. Not the
    /// profile's restart policy: every built-in has one, a bundle is started by whatever supervises
    /// runc, and `harden oci --help` says so once instead of on every run.
    static func noteProfileSettings(_ plan: LaunchPlan, notes: inout [String]) {
        if plan.healthcheck.command != nil {
            notes.append("the profile's health check is not in the config: runc and crun run none; have the supervisor probe the service")
        }
    }

    // MARK: - process

    static func process(_ plan: LaunchPlan, bundle: OCIBundleOptions, host: OCIHost, notes: inout [String]) throws(HardenError) -> OCISpec.Process {
        let args = plan.image.isEmpty ? plan.command : [plan.image] + plan.command

        let user = try self.user(plan, users: bundle.users, notes: &notes)
        let cwd = bundle.cwd ?? plan.process.workdir ?? "/"
        guard cwd.hasPrefix("/") else { throw .input("--cwd \(cwd): the working directory (--cwd or -w) must be an absolute path inside the container, e.g. /srv/app") }

        var process = OCISpec.Process(user: user, args: args, env: environment(plan), cwd: cwd, capabilities: capabilities(plan, uid: user.uid))
        process.terminal = plan.process.tty
        if process.terminal { process.env.append("TERM=xterm") }
        process.rlimits = try rlimits(plan, host: host, notes: &notes)
        process.noNewPrivileges = plan.noNewPrivileges
        for profile in plan.securityOptions.compactMap(\.appArmorProfile) { process.apparmorProfile = profile }
        if let value = plan.memoryTuning.oomScoreAdj {
            process.oomScoreAdj = value
        } else {
            // Set, not inherited: a runtime started from a protected service (an agent at -900)
            // would otherwise hand that protection from the OOM killer to the workload.
            process.oomScoreAdj = 0
        }
        return process
    }

    static func user(_ plan: LaunchPlan, users: UserDatabase, notes: inout [String]) throws(HardenError) -> OCISpec.User {
        let passwd = users.source.map { "\($0)/etc/passwd" } ?? "the rootfs's /etc/passwd"
        var user = OCISpec.User(uid: 0, gid: 0)
        if let text = plan.user {
            switch users.resolve(user: text) {
            case .success(let ids): user = .init(uid: ids.uid, gid: ids.gid)
            case .failure(.unknownUser(let name)):
                throw .input("--user \(text): no user \(name) in \(passwd); give numeric ids such as 65532:65532, or a user the image defines")
            case .failure(.unknownGroup(let name)):
                throw .input("--user \(text): no group \(name) in \(passwd.dropLast(6))group; give a numeric gid such as 65532")
            }
            if !text.contains(":"), user.uid != 0, !users.users.contains(where: { $0.uid == user.uid || $0.name == text }) {
                notes.append("--user \(text) names no group and \(passwd) has no entry for it, so its group is 0 (root's), as docker and runc do; give --user \(user.uid):\(user.uid) for a group of its own")
            }
        }
        for text in plan.process.groupAdd {
            guard case .success(let gid) = users.resolve(group: text) else {
                throw .input("--group-add \(text): no such group in \(passwd.dropLast(6))group; give a numeric gid")
            }
            if !user.additionalGids.contains(gid) { user.additionalGids.append(gid) }
        }
        return user
    }

    /// PATH first so commands resolve as under docker; then the plan's variables, a later value of
    /// a name replacing an earlier one in its place. A bare `KEY` the command line could not fill
    /// from the caller's environment is left out, as docker leaves it out.
    static func environment(_ plan: LaunchPlan) -> [String] {
        var names: [String] = []
        var values: [String: String] = [:]
        for entry in [OCIDefaults.path] + plan.environment {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let name = String(entry[..<equals])
            if values[name] == nil { names.append(name) }
            values[name] = entry
        }
        return names.map { values[$0]! }
    }

    /// The plan's set bounds, grants and keeps every capability. A non-root process loses its
    /// permitted set at execve unless the set is also ambient (and so inheritable), so a user such
    /// as 65532 keeps NET_BIND_SERVICE only through those two; root needs neither.
    static func capabilities(_ plan: LaunchPlan, uid: Int) -> OCISpec.Capabilities {
        let names = plan.capabilities.sorted().map(\.ociName)
        var sets = OCISpec.Capabilities()
        sets.bounding = names
        sets.effective = names
        sets.permitted = names
        if uid != 0 {
            sets.inheritable = names
            sets.ambient = names
        }
        return sets
    }

    static func rlimits(_ plan: LaunchPlan, host: OCIHost, notes: inout [String]) throws(HardenError) -> [OCISpec.Rlimit] {
        var limits: [OCISpec.Rlimit] = []
        for limit in plan.ulimits {
            guard let type = OCIDefaults.rlimitNames[limit.name] else {
                throw .input("--ulimit \(limit.name): not a resource limit; use one of \(OCIDefaults.rlimitNames.keys.sorted().joined(separator: ", "))")
            }
            // docker writes -1 for unlimited; the spec's numbers are unsigned, RLIM_INFINITY is all ones.
            var hard = limit.hard < 0 ? UInt64.max : UInt64(limit.hard)
            var soft = limit.soft < 0 ? UInt64.max : UInt64(limit.soft)
            if let ceiling = host.hardLimits[type], hard > ceiling {
                notes.append("\(limit.name): hard limit \(spell(hard)) lowered to this host's \(ceiling): raising a hard limit needs CAP_SYS_RESOURCE, and the runtime would fail to start the container")
                hard = ceiling
                soft = min(soft, hard)
            }
            limits.append(.init(type: type, hard: hard, soft: soft))
        }
        return limits
    }

    static func spell(_ value: UInt64) -> String { value == UInt64.max ? "unlimited" : String(value) }

    // MARK: - linux

    static func linux(_ plan: LaunchPlan, bundle: OCIBundleOptions, host: OCIHost, notes: inout [String]) throws(HardenError) -> OCISpec.Linux {
        var linux = OCISpec.Linux()
        linux.uidMappings = plan.uidMappings.map { .init(containerID: $0.containerID, hostID: $0.hostID, size: $0.size) }
        linux.gidMappings = plan.gidMappings.map { .init(containerID: $0.containerID, hostID: $0.hostID, size: $0.size) }
        linux.sysctl = plan.sysctls.map { ($0.name, $0.value) }
        linux.resources = try resources(plan, host: host, notes: &notes)
        linux.namespaces = namespaces(plan, userNamespace: !linux.uidMappings.isEmpty || !linux.gidMappings.isEmpty)
        switch plan.seccomp {
        case .engineDefault: linux.seccomp = OCISeccomp.filter(for: plan, architecture: host.architecture, notes: &notes)
        case .unconfined: linux.seccomp = nil
        case .file(let path):
            guard let filter = bundle.seccompFile else {
                throw .input("--security-opt seccomp=\(path): the file was not read; give a readable seccomp profile in Docker's or the runtime spec's format")
            }
            linux.seccomp = filter
        }
        if !plan.securityOptions.contains(.systemPathsUnconfined) {
            linux.maskedPaths = OCIDefaults.maskedPaths
            linux.readonlyPaths = OCIDefaults.readonlyPaths
        }
        return linux
    }

    /// Each namespace the plan leaves private; `host` leaves it out, which is how a config shares
    /// the runtime's own. The order is runc's.
    static func namespaces(_ plan: LaunchPlan, userNamespace: Bool) -> [OCISpec.Namespace] {
        let modes = plan.namespaces
        let network = plan.network
        let wanted: [(String, LaunchPlan.NamespaceMode?)] = [
            ("pid", modes.pid), ("network", network), ("ipc", modes.ipc), ("uts", modes.uts), ("mount", modes.mount),
            ("cgroup", modes.cgroupns),
        ]
        var list = wanted.filter { $0.1 != .host }.map { OCISpec.Namespace(type: $0.0) }
        if userNamespace, modes.userns != .host { list.append(.init(type: "user")) }
        return list
    }

    static func resources(_ plan: LaunchPlan, host: OCIHost, notes: inout [String]) throws(HardenError) -> OCISpec.Resources {
        var resources = OCISpec.Resources()
        resources.devices = OCIDefaults.deviceRules
        for rule in plan.deviceCgroupRules { resources.devices.append(deviceRule(rule)) }

        var memory = OCISpec.Memory()
        memory.limit = plan.memory
        if let swap = plan.memorySwap, plan.memory != nil || swap == -1 {
            if host.swapAccounting {
                memory.swap = swap
            } else {
                notes.append("--memory-swap \(swap == -1 ? "-1" : Units.sizeSpelling(swap)) is left out: this kernel's memory cgroup does not account swap (boot it with swapaccount=1), and runc would refuse to start the container")
            }
        }
        memory.reservation = plan.memoryTuning.reservation
        memory.swappiness = plan.memoryTuning.swappiness
        if plan.memoryTuning.oomKillDisable { memory.disableOOMKiller = true }
        if memory != OCISpec.Memory() { resources.memory = memory }

        var cpu = OCISpec.CPU()
        if let cpus = plan.cpus {
            cpu.period = OCIDefaults.cpuPeriod
            cpu.quota = Int((cpus * Double(OCIDefaults.cpuPeriod)).rounded())
        }
        // docker leaves 0 to the kernel's default and passes 1 on for the kernel to raise to its
        // minimum of 2; runc's cgroup v2 conversion needs the 2 written.
        if let shares = plan.cpu.shares, shares > 0 { cpu.shares = max(shares, 2) }
        cpu.cpus = plan.cpu.cpusetCPUs
        cpu.mems = plan.cpu.cpusetMems
        if cpu != OCISpec.CPU() { resources.cpu = cpu }

        if let pids = plan.pidsLimit { resources.pids = .init(limit: pids) }
        return resources
    }

    static func deviceRule(_ rule: LaunchPlan.DeviceRule) -> OCISpec.DeviceRule {
        .init(allow: true, type: rule.kind.rawValue, major: rule.major, minor: rule.minor, access: rule.access)
    }
}
