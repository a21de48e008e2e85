import HardenModel
/// Applies parsed docker run options to a plan: the meaning of each option Docker documents,
/// written once for both doors that take docker syntax (user options on `run`, audited lines on `check`).
public enum DockerOptionApplier {
    /// - Parameters:
    ///   - publishAddress: where a port published without an address binds; nil keeps Docker's
    ///     reading (every interface), which is what an audited command line means.
    ///   - argumentNumber: turns an option's position into the argument number messages show.
    public static func apply(
        _ parsed: ParsedRun, to plan: inout LaunchPlan, publishAddress: String?,
        argumentNumber: (Int) -> Int = { $0 + 1 }
    ) throws(HardenError) {
        var sources = PlanSources()
        try apply(parsed, to: &plan, publishAddress: publishAddress, argumentNumber: argumentNumber, sources: &sources)
    }

    /// As above, also recording in `sources` the argument each setting came from.
    public static func apply(
        _ parsed: ParsedRun, to plan: inout LaunchPlan, publishAddress: String?,
        argumentNumber: (Int) -> Int = { $0 + 1 }, sources: inout PlanSources
    ) throws(HardenError) {
        var drops: [String] = []
        var adds: [String] = []
        let swapWasPinned = plan.memorySwap != nil && plan.memorySwap == plan.memory
        var userSetSwap = false
        var userSetMemory = false
        // docker refuses host networking beside another network; should it ever accept the pair, the
        // host one must not hide behind the last value.
        var sawHostNetwork = false

        for option in parsed.options {
            // Built only for an error: `check --file` applies millions of options that are fine.
            func bad(_ expected: String) -> HardenError {
                let where_ = "--\(option.name) \(option.value.isEmpty ? "\"\"" : "\"\(option.value)\"") (argument \(argumentNumber(option.position)))"
                return .input("\(where_): \(expected)")
            }
            func record(_ key: PlanKey) { sources[key] = SourcePosition(argument: argumentNumber(option.position)) }
            // A value harden cannot judge refuses the launch, by name and argument.
            func notUnderstood(_ message: String) {
                plan.notUnderstood.append(HardenError.oneLine("--\(option.name) \(option.value): \(message)"))
                record(.notUnderstood(plan.notUnderstood.count - 1))
            }
            let value = option.value
            // Passed through to the runtime, which acts on them: see OCIConfigReader and ComposeKeys.
            if option.name == "annotation", OCIConfigReader.runtimeAnnotationPrefixes.contains(where: { value.hasPrefix($0) }) {
                notUnderstood("an annotation the runtime acts on (runc's systemd properties and CRIU config, crun's run.oci.*), whose effect harden does not judge; remove it")
            }
            if option.name == "runtime", !ComposeKeys.knownRuntimes.contains(value) {
                notUnderstood("the runtime \"\(value)\" is whatever the daemon's configuration names, which harden cannot see; use runc, crun or runsc")
            }
            switch option.name {
            case "user":
                plan.user = value.isEmpty ? nil : value
                record(.user)
            case "cap-add", "cap-drop":
                for spelling in value.splitASCII(",").map(String.init) {
                    let name = Capability.canonicalName(spelling)
                    guard name == "ALL" || Capability.named(name) != nil else {
                        let hint = StrictReader.nearest(name, in: Capability.all.map(\.name)).map { "did you mean \($0)?" } ?? "use a name such as NET_BIND_SERVICE or ALL"
                        throw bad("\"\(spelling)\" is not a Linux capability; \(hint)")
                    }
                    if option.name == "cap-add" { adds.append(name); record(.capability(name)) } else { drops.append(name); record(.capabilities) }
                }
            case "privileged":
                plan.privileged = value == "true"
                record(.privileged)
            case "read-only":
                plan.readOnlyRootFilesystem = value == "true"
                record(.readOnlyRoot)
            case "security-opt":
                if let problem = DockerValues.securityOptionProblem(value) { notUnderstood(problem) }
                let key = try applySecurityOption(value, to: &plan, bad: bad)
                record(key)
            case "tmpfs":
                let mount = try DockerValues.tmpfs(value, bad: bad)
                plan.tmpfs.append(mount)
                record(.mount(mount.target))
            case "volume":
                let mount = try DockerValues.volume(value, bad: bad)
                plan.mounts.append(mount)
                record(.mount(mount.target))
            case "mount":
                switch try DockerValues.mount(value, bad: bad) {
                case .tmpfs(let mount):
                    plan.tmpfs.append(mount)
                    record(.mount(mount.target))
                case .mount(let mount):
                    plan.mounts.append(mount)
                    record(.mount(mount.target))
                case .unmodelled(let mount):
                    plan.engine.driverMounts.append(mount)
                    record(.mountOption(value))
                case .notUnderstood(let problem):
                    notUnderstood(problem)
                }
            case "use-api-socket":
                plan.useAPISocket = value == "true"
                record(.useAPISocket)
            case "device":
                let device = try DockerValues.device(value, bad: bad)
                plan.devices.append(device)
                record(.device(device.hostPath))
            case "device-cgroup-rule":
                let rule = try DockerValues.deviceCgroupRule(value, bad: bad)
                plan.deviceCgroupRules.append(rule)
                record(.deviceCgroupRule(rule.cgroupSpelling))
            case "sysctl":
                let sysctl = try DockerValues.sysctl(value, bad: bad)
                plan.sysctls.append(sysctl)
                record(.sysctl(sysctl.name))
            case "pid", "ipc", "uts", "userns", "cgroupns":
                if let problem = DockerValues.namespaceModeProblem(option.name, value) { notUnderstood(problem) }
                let mode = value.isEmpty ? nil : DockerValues.namespaceMode(value)
                switch option.name {
                case "pid": plan.namespaces.pid = mode
                case "ipc": plan.namespaces.ipc = mode
                case "uts": plan.namespaces.uts = mode
                case "userns": plan.namespaces.userns = mode
                default: plan.namespaces.cgroupns = mode
                }
                record(.namespace(option.name))
            case "memory":
                guard let bytes = Units.bytes(value), bytes > 0 else { throw bad("not a size; use e.g. 512m or 1g") }
                plan.memory = bytes
                userSetMemory = true
                record(.memory)
            case "memory-swap":
                if value == "-1" { plan.memorySwap = -1 } else {
                    guard let bytes = Units.bytes(value), bytes > 0 else { throw bad("not a size; use e.g. 1g, or -1 for unlimited swap") }
                    plan.memorySwap = bytes
                }
                userSetSwap = true
            case "cpus":
                guard let cpus = Units.cpus(value) else { throw bad("not a CPU count; use a number from 0.01 to 4096 with at most nine decimals, such as 1 or 0.5") }
                plan.cpus = cpus
                record(.cpus)
            case "pids-limit":
                guard let limit = Int(value), limit >= -1 else { throw bad("not a process count; use a whole number such as 256") }
                plan.pidsLimit = limit > 0 ? limit : nil
                record(.pids)
            case "shm-size":
                guard let bytes = Units.bytes(value), bytes > 0 else { throw bad("not a size; use e.g. 64m") }
                plan.shmSize = bytes
            case "ulimit":
                let limit = try DockerValues.ulimit(value, bad: bad)
                plan.ulimits.removeAll { $0.name == limit.name }
                plan.ulimits.append(limit)
                plan.ulimits.sort { $0.name < $1.name }
            case "network" where value.hasPrefix("slirp4netns:") || value.hasPrefix("pasta:"):
                // podman's user-mode networks with options, some of which reach the host's loopback.
                notUnderstood("harden does not model podman's \(value.prefix { $0 != ":" }) options")
            case "network":
                // The long syntax's network when it is a mode (host, none, container:…) rather than a
                // network of the user's, whose aliases and addresses the value keeps.
                let target = try DockerValues.networkTarget(value, bad: bad)
                let lowered = target.lowercased()
                let isMode = ["host", "none", "bridge", "default", "private"].contains(lowered) || lowered.contains(":")
                let network = DockerValues.namespaceMode(target != value && isMode ? target : value)
                if !sawHostNetwork { plan.network = network }
                if lowered == "host" { sawHostNetwork = true; plan.network = network }
                record(.network)
            case "publish":
                var ports = try DockerValues.ports(value, bad: bad)
                for index in ports.indices where ports[index].hostIP.isEmpty {
                    ports[index].hostIP = publishAddress ?? ""
                }
                for index in ports.indices { record(.port(plan.ports.count + index)) }
                plan.ports += ports
            case "restart":
                guard let policy = DockerValues.restart(value) else {
                    throw bad("not a restart policy; use no, on-failure[:N], unless-stopped or always")
                }
                plan.restart = policy
                record(.restart)
            case "health-cmd":
                plan.healthcheck.command = value
            case "health-interval", "health-timeout", "health-start-period":
                guard Units.seconds(value) != nil else { throw bad("not a duration; use e.g. 30s or 1m30s") }
                switch option.name {
                case "health-interval": plan.healthcheck.interval = value
                case "health-timeout": plan.healthcheck.timeout = value
                default: plan.healthcheck.startPeriod = value
                }
            case "health-retries":
                guard let retries = Int(value), retries >= 0 else { throw bad("not a count; use a whole number such as 3") }
                plan.healthcheck.retries = retries
            case "no-healthcheck":
                plan.healthcheck.disabled = value == "true"
            case "env":
                let key = value.splitASCII("=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? value
                guard !key.isEmpty else { throw bad("not an environment variable; use NAME=value or NAME") }
                plan.environment.append(value)
                record(.environment(key))
            default:
                try applyEngineOption(option.name, value, to: &plan, bad: bad)
                if option.name == "publish-all" { record(.publishAll) }
                if option.name == "volumes-from" { record(.volumesFrom(value)) }
                if option.name == "env-file" { record(.envFile(value)) }
                if option.name == "gpus" || option.name == "cgroup-parent" || option.name == "oom-kill-disable" { record(.engineOption(option.name)) }
            }
        }
        collapseRepeats(in: &plan)
        if !drops.isEmpty || !adds.isEmpty {
            plan.capabilities = Profile.Capabilities.apply(drop: drops, add: adds, to: plan.capabilities)
        }
        if userSetMemory, !userSetSwap, swapWasPinned { plan.memorySwap = plan.memory }
        plan.image = parsed.image ?? ""
        plan.command = parsed.command
    }

    /// Returns the key findings about this option are filed under.
    @discardableResult
    static func applySecurityOption(
        _ value: String, to plan: inout LaunchPlan, bad: (String) -> HardenError
    ) throws(HardenError) -> PlanKey {
        let (key, argument) = securityOptionParts(value)
        switch key {
        case "no-new-privileges":
            guard let flag = argument.map(GoBool.parse) ?? true else { throw bad("no-new-privileges takes true or false") }
            plan.noNewPrivileges = flag
            return .noNewPrivileges
        case "seccomp":
            guard let argument, !argument.isEmpty else { throw bad("seccomp needs a profile file or unconfined") }
            plan.seccomp = argument == "unconfined" ? .unconfined : .file(argument)
            return .seccomp
        default:
            // Repeats are collapsed once at the end (`collapseRepeats`), not here, so that a line of
            // a million options costs a million steps rather than a million squared.
            guard let option = securityOption(key: key, argument: argument) else {
                // Already refused as not understood (`securityOptionProblem`), and filed there.
                return plan.notUnderstood.isEmpty ? .securityOption(value) : .notUnderstood(plan.notUnderstood.count - 1)
            }
            plan.securityOptions.append(option)
            return .securityOption(DockerArguments.securityOptionSpelling(option))
        }
    }

    /// The typed option for a key docker (or podman) takes; nil for one `securityOptionProblem` names.
    static func securityOption(key: String, argument: String?) -> LaunchPlan.SecurityOption? {
        switch key {
        case "apparmor": return .apparmor(argument ?? "")
        case "systempaths" where argument == "unconfined": return .systemPathsUnconfined
        case "mask": return .mask(argument ?? "")
        case "unmask": return .unmask(argument ?? "")
        case "label":
            // Blanks make docker refuse the value (not understood, filed apart); trimmed, the
            // option is still judged for what it would be without them, never looser.
            let label = (argument ?? "").trimmingWhitespace(newlines: true)
            if label == "disable" { return .label(.disable) }
            if label == "nested" { return .label(.nested) }
            let parts = label.splitASCII(":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            switch parts[0] {
            case "user": return .label(.user(parts[1]))
            case "role": return .label(.role(parts[1]))
            case "type": return .label(.type(parts[1]))
            case "level": return .label(.level(parts[1]))
            case "filetype": return .label(.filetype(parts[1]))
            default: return nil
            }
        default: return nil
        }
    }

    /// The docker options that tune the process, its resources and the engine, each read as the
    /// docker CLI and daemon read it, into the plan's typed settings.
    static func applyEngineOption(
        _ name: String, _ value: String, to plan: inout LaunchPlan, bad: (String) -> HardenError
    ) throws(HardenError) {
        let on = value == "true"
        func integer(_ range: ClosedRange<Int64>, _ expected: String) throws(HardenError) -> Int64 {
            guard let number = Int64(value), range.contains(number) else { throw bad(expected) }
            return number
        }
        switch name {
        case "name": plan.process.name = value
        case "hostname": plan.process.hostname = value
        case "domainname": plan.process.domainname = value
        case "workdir":
            guard value.isEmpty || value.hasPrefix("/") else { throw bad("the working directory must be an absolute path, e.g. /srv/app") }
            plan.process.workdir = value.isEmpty ? nil : value
        case "entrypoint": plan.process.entrypoint = value
        case "tty": plan.process.tty = on
        case "interactive": plan.process.interactive = on
        case "init": plan.process.initProcess = on
        case "stop-signal": plan.process.stopSignal = value
        case "stop-timeout": plan.process.stopTimeout = Int(try integer(-1...Int64(Int32.max), "not a number of seconds; use a whole number such as 10"))
        case "group-add": plan.process.groupAdd.append(value)
        case "env-file": plan.process.environmentFiles.append(value)
        case "label": plan.process.labels.append(value)
        case "cpu-shares":
            // docker passes 1 on and the kernel raises it to 2; 0 is docker's default.
            plan.cpu.shares = Int(try integer(0...262_144, "not a CPU weight; use a whole number from 2 to 262144 (1024 is one CPU's)"))
        case "cpu-quota": plan.cpu.quota = try integer(-1...Int64(Int32.max) * 1000, "not a CFS quota; use microseconds of 1000 or more, or -1")
        case "cpu-period": plan.cpu.period = try integer(0...1_000_000, "not a CFS period; use microseconds from 1000 to 1000000")
        case "cpuset-cpus", "cpuset-mems":
            guard DockerValues.isCPUSet(value) else { throw bad("not a CPU list; use numbers and ranges such as 0-3,6") }
            if name == "cpuset-cpus" { plan.cpu.cpusetCPUs = value } else { plan.cpu.cpusetMems = value }
        case "memory-reservation":
            guard let bytes = Units.bytes(value), bytes > 0 else { throw bad("not a size; use e.g. 256m") }
            plan.memoryTuning.reservation = bytes
        case "memory-swappiness":
            let swappiness = Int(try integer(-1...100, "expected a whole number from 0 to 100 (or -1 for the default)"))
            plan.memoryTuning.swappiness = swappiness == -1 ? nil : swappiness
        case "oom-kill-disable": plan.memoryTuning.oomKillDisable = on
        case "oom-score-adj": plan.memoryTuning.oomScoreAdj = Int(try integer(-1000...1000, "expected a whole number from -1000 to 1000"))
        case "rm": plan.engine.autoRemove = on
        case "detach": plan.engine.detach = on
        case "pull":
            guard let policy = LaunchPlan.EngineSettings.PullPolicy(rawValue: value) else { throw bad("not a pull policy; use always, missing or never") }
            plan.engine.pull = policy
        case "publish-all": plan.engine.publishAll = on
        case "volumes-from": plan.engine.volumesFrom.append(value)
        case "add-host": plan.engine.extraHosts.append(try DockerValues.hostEntry(value, bad: bad))
        default: plan.engine.engineOnly.append(.init(option: name, value: value))
        }
    }

    /// A later mount, tmpfs, sysctl, variable or security option with the same target or name
    /// replaces the earlier one and takes its place at the end, as Docker reads repeated options.
    public static func collapseRepeats(in plan: inout LaunchPlan) {
        plan.tmpfs = keepingLast(plan.tmpfs) { $0.target }
        plan.mounts = keepingLast(plan.mounts) { $0.target }
        plan.sysctls = keepingLast(plan.sysctls) { $0.name }
        plan.environment = keepingLast(plan.environment) { $0.splitASCII("=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? $0 }
        plan.securityOptions = keepingLast(plan.securityOptions) { DockerArguments.securityOptionSpelling($0) }
    }

    /// The last item of each key, in the order those last items appear.
    static func keepingLast<Item>(_ items: [Item], key: (Item) -> String) -> [Item] {
        // Lists are short and rarely repeat a key: say so without building a table for every launch.
        guard items.count > 1 else { return items }
        if items.count <= 8 {
            let keys = items.map(key)
            if !keys.indices.contains(where: { first in keys[(first + 1)...].contains(keys[first]) }) { return items }
        }
        var last: [String: Int] = [:]
        for (index, item) in items.enumerated() { last[key(item)] = index }
        guard last.count < items.count else { return items }
        return items.enumerated().filter { last[key($0.element)] == $0.offset }.map(\.element)
    }

    /// Splits a `--security-opt` value as docker does: at the first `=`, or only when there is none, at
    /// the first `:` (the older spelling, `seccomp:unconfined`).
    public static func securityOptionParts(_ value: String) -> (key: String, argument: String?) {
        // On bytes when plain ASCII (a Character is then one byte): every audited line has one or more.
        let ascii = value.utf8.allSatisfy { $0 < 0x80 }
        let found = ascii
            ? value.utf8.firstIndex(of: UInt8(ascii: "=")) ?? value.utf8.firstIndex(of: UInt8(ascii: ":"))
            : value.firstIndex(of: "=") ?? value.firstIndex(of: ":")
        guard let separator = found else { return (value, nil) }
        return (String(value[..<separator]), String(value[value.index(after: separator)...]))
    }
}
