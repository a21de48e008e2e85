import FoundationEssentials
import HardenModel

/// The `docker run` argument vector for a plan: deterministic, every option spelled as Docker
/// documents it, hardening first, the image and its command last. podman and nerdctl read the same.
public enum DockerArguments {
    /// Arguments after the engine binary, starting with `run`.
    /// `engine` adjusts the few spellings podman reads differently from docker.
    public static func emit(_ plan: LaunchPlan, engine: String = "docker") -> [String] {
        let podman = PathText.lastComponent(engine) == "podman"
        var args = ["run"]
        func add(_ name: String, _ value: String) {
            // `--opt=value` where a bare value could be misread as an option or lost when empty.
            if value.isEmpty || value.hasPrefix("-") { args.append("--\(name)=\(value)") } else { args += ["--\(name)", value] }
        }
        if let user = plan.user { add("user", user) }
        if plan.capabilities != Capability.dockerDefault {
            if plan.capabilities == Set(Capability.all) {
                add("cap-add", "ALL")
            } else {
                add("cap-drop", "ALL")
                for capability in plan.capabilities.sorted() { add("cap-add", capability.name) }
            }
        }
        if plan.noNewPrivileges { add("security-opt", "no-new-privileges:true") }
        switch plan.seccomp {
        case .engineDefault: break
        case .unconfined: add("security-opt", "seccomp=unconfined")
        case .file(let path): add("security-opt", "seccomp=\(path)")
        }
        for option in plan.securityOptions { add("security-opt", securityOptionSpelling(option)) }
        if plan.privileged { args.append("--privileged") }
        if plan.readOnlyRootFilesystem {
            args.append("--read-only")
            // podman's --read-only also mounts writable, executable tmpfs on /run, /tmp and /var/tmp
            // unless told not to; docker mounts nothing the plan does not name.
            if podman { args.append("--read-only-tmpfs=false") }
        }
        for mount in plan.tmpfs {
            var options = mount.kernelOptions
            // podman refuses tmpfs uid=/gid= and offers U (owned by the container's user) instead.
            if podman, mount.uid != nil || mount.gid != nil {
                options = mount.options.filter { option in
                    switch option { case .uid, .gid: false; default: true }
                }.map(\.kernelSpelling) + ["U"]
            }
            // podman copies the image's files at the target into a new tmpfs (tmpcopyup), docker
            // does not: nginx's root-owned error.log, copied up, stops it under a non-root user.
            if podman { options.append("notmpcopyup") }
            add("tmpfs", options.isEmpty ? mount.target : "\(mount.target):\(options.joined(separator: ","))")
        }
        for mount in plan.mounts {
            if needsMountSyntax(mount) { add("mount", mountSpelling(mount)) } else { add("volume", volumeSpelling(mount)) }
        }
        for secret in plan.secrets { add("mount", secretSpelling(secret)) }
        if let memory = plan.memory { add("memory", Units.sizeSpelling(memory)) }
        if let swap = plan.memorySwap { add("memory-swap", swap == -1 ? "-1" : Units.sizeSpelling(swap)) }
        if let cpus = plan.cpus { add("cpus", Units.cpusSpelling(cpus)) }
        if let pids = plan.pidsLimit { add("pids-limit", String(pids)) }
        if let shm = plan.shmSize { add("shm-size", Units.sizeSpelling(shm)) }
        for limit in plan.ulimits { add("ulimit", "\(limit.name)=\(limit.soft):\(limit.hard)") }
        if let network = plan.network { add("network", network.description) }
        let namespaces = plan.namespaces
        for (name, mode) in [("pid", namespaces.pid), ("ipc", namespaces.ipc), ("uts", namespaces.uts),
                             ("userns", namespaces.userns), ("cgroupns", namespaces.cgroupns)] {
            if let mode { add(name, mode.description) }
        }
        for port in plan.ports { add("publish", portSpelling(port)) }
        for device in plan.devices {
            add("device", ([device.hostPath] + [device.containerPath, device.permissions].compactMap { $0 }).joined(separator: ":"))
        }
        for rule in plan.deviceCgroupRules { add("device-cgroup-rule", rule.cgroupSpelling) }
        for sysctl in plan.sysctls { add("sysctl", "\(sysctl.name)=\(sysctl.value)") }
        if plan.useAPISocket { args.append("--use-api-socket") }
        if let restart = plan.restart { add("restart", restartSpelling(restart)) }
        let check = plan.healthcheck
        if let command = check.command { add("health-cmd", command) }
        if let interval = check.interval { add("health-interval", interval) }
        if let timeout = check.timeout { add("health-timeout", timeout) }
        if let start = check.startPeriod { add("health-start-period", start) }
        if let retries = check.retries { add("health-retries", String(retries)) }
        if check.disabled { args.append("--no-healthcheck") }
        for variable in plan.environment { add("env", variable) }
        settings(of: plan, add: add, flag: { args.append("--" + $0) })
        for option in plan.engine.engineOnly {
            if DockerOptionTable.spec(long: option.option)?.kind == .boolean {
                args.append(option.value == "true" ? "--\(option.option)" : "--\(option.option)=\(option.value)")
            } else {
                add(option.option, option.value)
            }
        }
        // Docker reads an image that starts with '-' as one more option: an image of `--privileged`
        // would start a privileged container. After `--` it is the image, which docker then refuses.
        if plan.image.hasPrefix("-") { args.append("--") }
        args.append(plan.image)
        return args + plan.command
    }

    /// What docker cannot be told about this plan with the syntax harden writes, as a one-line
    /// error naming the setting and the way out; nil when every setting can be written so that
    /// docker reads back the same launch. Callers that run or print the argv check it first.
    public static func inexpressible(_ plan: LaunchPlan) -> String? {
        // docker makes a bind source absolute only when it starts with `.` (for -v and --mount alike,
        // docker/cli opts.go); any other relative source is a volume name to -v and refused by dockerd
        // with --mount, so the plan's bind cannot be said.
        for mount in plan.mounts where mount.kind == .bind {
            if let source = mount.source, !source.hasPrefix("/"), !source.hasPrefix(".") {
                return "the bind mount of \(quoted(source)) at \(quoted(mount.target)) has a source docker does not read as a host path; write it as ./\(source) or as an absolute path"
            }
        }
        for mount in plan.mounts where needsMountSyntax(mount) {
            let shown = "the mount of \(quoted(mount.source ?? "(anonymous)")) at \(quoted(mount.target))"
            if let flag = mount.flags.first(where: { mountFlagSpelling($0, mount) == nil }) {
                return "\(shown) needs --mount (a path holds ':'), which has no '\(flag)' option; rename the path or drop '\(flag)'"
            }
            if ([mount.source ?? "", mount.target].contains(where: holdsCRLF)) {
                return "\(shown) holds a carriage return before a newline, which docker's --mount CSV reader turns into a newline; rename the path"
            }
        }
        for secret in plan.secrets where holdsCRLF(secret.source) {
            return "the secret \(secret.name)=\(quoted(secret.source)) holds a carriage return before a newline, which docker's --mount CSV reader turns into a newline; rename the file"
        }
        for mount in plan.tmpfs {
            if mount.target.contains(":") {
                return "the tmpfs at \(quoted(mount.target)) holds a ':', which --tmpfs reads as the start of its options; choose a target without ':'"
            }
        }
        for device in plan.devices {
            if ([device.hostPath, device.containerPath ?? ""].contains { $0.contains(":") }) {
                return "the device \(quoted(device.hostPath)) holds a ':' in a path, which --device reads as the next field; use a path without ':' (a symlink to the device)"
            }
        }
        return nil
    }

    /// By bytes: "\r\n" is one Character, and a String search for it is not what docker's reader sees.
    private static func holdsCRLF(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast().contains { bytes[$0] == 0x0D && bytes[$0 + 1] == 0x0A }
    }

    /// The argv, or the one-line reason docker cannot be told this plan.
    public static func emitChecked(_ plan: LaunchPlan, engine: String = "docker") throws(HardenError) -> [String] {
        if let problem = inexpressible(plan) { throw .input(problem) }
        return emit(plan, engine: engine)
    }

    /// A path as an error message shows it: on one line, quoted when it holds a blank or a quote.
    /// By scalars, since "\r\n" is one Character and would not compare equal to "\n".
    private static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\"" || $0 == "\t" }) else { return text }
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown.append(contentsOf: "\\n".unicodeScalars)
            case "\r": shown.append(contentsOf: "\\r".unicodeScalars)
            case "\t": shown.append(contentsOf: "\\t".unicodeScalars)
            case "\"": shown.append(contentsOf: "\\\"".unicodeScalars)
            default: shown.append(scalar)
            }
        }
        return "\"" + String(shown) + "\""
    }

    /// `-v` cannot carry this mount as it is: docker's `-v` splits at every `:` (the daemon's
    /// parser takes at most three fields). `--mount` says it whole, with CSV quoting (docker CLI 28
    /// against a recording engine: `"source=/srv/a,b:c=d""e",target=/x:y` arrives as written).
    static func needsMountSyntax(_ mount: LaunchPlan.Mount) -> Bool {
        mount.target.contains(":") || mount.source?.contains(":") == true
    }

    /// A `-v` mode word as a --mount field, nil when --mount has none (SELinux relabelling z/Z).
    static func mountFlagSpelling(_ flag: String, _ mount: LaunchPlan.Mount) -> String?? {
        switch flag.lowercased() {
        case "rw": return .some(nil)
        case "nocopy" where mount.kind == .volume: return "volume-nocopy"
        case "cached", "delegated", "consistent": return "consistency=\(flag.lowercased())"
        default: return nil
        }
    }

    static func volumeSpelling(_ mount: LaunchPlan.Mount) -> String {
        guard let source = mount.source else { return mount.target }
        let flags = (mount.readOnly ? ["ro"] : []) + (mount.propagation.map { [$0] } ?? []) + mount.flags
        return flags.isEmpty ? "\(source):\(mount.target)" : "\(source):\(mount.target):\(flags.joined(separator: ","))"
    }

    static func mountSpelling(_ mount: LaunchPlan.Mount) -> String {
        var fields = ["type=\(mount.kind.rawValue)", "target=\(mount.target)"]
        if let source = mount.source { fields.append("source=\(source)") }
        if mount.readOnly { fields.append("readonly") }
        if let propagation = mount.propagation { fields.append("bind-propagation=\(propagation)") }
        // What has no field here is refused by `inexpressible` before anything runs.
        fields += mount.flags.compactMap { mountFlagSpelling($0, mount) ?? nil }
        return fields.map(csvField).joined(separator: ",")
    }

    /// `--mount` rather than `-v`: a missing source is an error there instead of a new directory,
    /// and a path may hold `:`. Fields are quoted as Docker's CSV reader reads them.
    static func secretSpelling(_ secret: LaunchPlan.Secret) -> String {
        ["type=bind", "source=\(secret.source)", "target=\(secret.target)", "readonly"].map(csvField).joined(separator: ",")
    }

    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingText("\"", with: "\"\"") + "\""
    }

    static func portSpelling(_ port: LaunchPlan.PortMapping) -> String { port.description }

    /// What a docker run line cannot say about this plan: each names the setting, the target and the way out.
    public static func fidelityWarnings(_ plan: LaunchPlan, engine: String = "docker") -> [String] {
        var warnings: [String] = []
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            warnings.append("userNamespace mappings are not applied by \(engine): it has no per-container UID/GID mapping; enable the daemon's user namespace remapping (dockerd --userns-remap=default) or use `harden oci` with runc/crun, which applies them")
        }
        if plan.namespaces.mount != nil {
            warnings.append("the mount namespace setting is not applied by \(engine): it always gives a container its own; only `harden oci` can express it")
        }
        if plan.engine.publishAll {
            warnings.append("--publish-all publishes every exposed port on all interfaces, ignoring the profile's publish address; publish ports one by one with -p instead")
        }
        return warnings
    }

    /// The process, tuning and engine settings, in a fixed order.
    private static func settings(of plan: LaunchPlan, add: (String, String) -> Void, flag: (String) -> Void) {
        let process = plan.process
        if let name = process.name { add("name", name) }
        if let hostname = process.hostname { add("hostname", hostname) }
        if let domainname = process.domainname { add("domainname", domainname) }
        if let workdir = process.workdir { add("workdir", workdir) }
        if let entrypoint = process.entrypoint { add("entrypoint", entrypoint) }
        if process.tty { flag("tty") }
        if process.interactive { flag("interactive") }
        if let initProcess = process.initProcess { flag(initProcess ? "init" : "init=false") }
        if let signal = process.stopSignal { add("stop-signal", signal) }
        if let timeout = process.stopTimeout { add("stop-timeout", String(timeout)) }
        for group in process.groupAdd { add("group-add", group) }
        for file in process.environmentFiles { add("env-file", file) }
        for label in process.labels { add("label", label) }
        let cpu = plan.cpu
        if let shares = cpu.shares { add("cpu-shares", String(shares)) }
        if let quota = cpu.quota { add("cpu-quota", String(quota)) }
        if let period = cpu.period { add("cpu-period", String(period)) }
        if let cpus = cpu.cpusetCPUs { add("cpuset-cpus", cpus) }
        if let mems = cpu.cpusetMems { add("cpuset-mems", mems) }
        let memory = plan.memoryTuning
        if let reservation = memory.reservation { add("memory-reservation", Units.sizeSpelling(reservation)) }
        if let swappiness = memory.swappiness { add("memory-swappiness", String(swappiness)) }
        if memory.oomKillDisable { flag("oom-kill-disable") }
        if let adjustment = memory.oomScoreAdj { add("oom-score-adj", String(adjustment)) }
        let engine = plan.engine
        if engine.autoRemove { flag("rm") }
        if engine.detach { flag("detach") }
        if let pull = engine.pull { add("pull", pull.rawValue) }
        if engine.publishAll { flag("publish-all") }
        for source in engine.volumesFrom { add("volumes-from", source) }
        for entry in engine.extraHosts { add("add-host", hostEntrySpelling(entry)) }
        for mount in engine.driverMounts { add("mount", mount.dockerValue) }
    }

    /// `--security-opt` as docker reads it back.
    public static func securityOptionSpelling(_ option: LaunchPlan.SecurityOption) -> String {
        option.key + "=" + option.value
    }

    public static func restartSpelling(_ policy: LaunchPlan.RestartPolicy) -> String { policy.description }

    /// `--add-host`, with an IPv6 address in brackets so the first ':' still ends the name.
    public static func hostEntrySpelling(_ entry: LaunchPlan.EngineSettings.HostEntry) -> String {
        "\(entry.host):" + (entry.address.contains(":") ? "[\(entry.address)]" : entry.address)
    }
}
