import FoundationEssentials

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
        for option in plan.securityOptions { add("security-opt", option) }
        if plan.privileged { args.append("--privileged") }
        if plan.readOnlyRootFilesystem {
            args.append("--read-only")
            // podman's --read-only also mounts writable, executable tmpfs on /run, /tmp and /var/tmp
            // unless told not to; docker mounts nothing the plan does not name.
            if podman { args.append("--read-only-tmpfs=false") }
        }
        for mount in plan.tmpfs {
            var options = mount.options
            // podman refuses tmpfs uid=/gid= and offers U (owned by the container's user) instead.
            if podman, options.contains(where: { $0.hasPrefix("uid=") || $0.hasPrefix("gid=") }) {
                options.removeAll { $0.hasPrefix("uid=") || $0.hasPrefix("gid=") }
                options.append("U")
            }
            add("tmpfs", options.isEmpty ? mount.target : "\(mount.target):\(options.joined(separator: ","))")
        }
        for mount in plan.mounts {
            // `-v` splits at every `:`, so a source or target holding one (possible with --mount) would
            // come back as another mount; --mount says it whole. Only --mount makes such a mount, and
            // it has no `-v` flags to lose.
            if ([mount.source ?? "", mount.target].contains { $0.contains(":") }), mount.flags.isEmpty {
                add("mount", mountSpelling(mount))
            } else {
                add("volume", volumeSpelling(mount))
            }
        }
        for secret in plan.secrets { add("mount", secretSpelling(secret)) }
        if let memory = plan.memory { add("memory", Units.sizeSpelling(memory)) }
        if let swap = plan.memorySwap { add("memory-swap", swap == -1 ? "-1" : Units.sizeSpelling(swap)) }
        if let cpus = plan.cpus { add("cpus", Units.cpusSpelling(cpus)) }
        if let pids = plan.pidsLimit { add("pids-limit", String(pids)) }
        if let shm = plan.shmSize { add("shm-size", Units.sizeSpelling(shm)) }
        for limit in plan.ulimits { add("ulimit", "\(limit.name)=\(limit.soft):\(limit.hard)") }
        if let network = plan.network { add("network", network) }
        let namespaces = plan.namespaces
        for (name, mode) in [("pid", namespaces.pid), ("ipc", namespaces.ipc), ("uts", namespaces.uts),
                             ("userns", namespaces.userns), ("cgroupns", namespaces.cgroupns)] {
            if let mode { add(name, mode) }
        }
        for port in plan.ports { add("publish", portSpelling(port)) }
        for device in plan.devices {
            add("device", ([device.hostPath] + [device.containerPath, device.permissions].compactMap { $0 }).joined(separator: ":"))
        }
        for rule in plan.deviceCgroupRules { add("device-cgroup-rule", rule) }
        for sysctl in plan.sysctls { add("sysctl", "\(sysctl.name)=\(sysctl.value)") }
        if plan.useAPISocket { args.append("--use-api-socket") }
        if let restart = plan.restart { add("restart", restart) }
        let check = plan.healthcheck
        if let command = check.command { add("health-cmd", command) }
        if let interval = check.interval { add("health-interval", interval) }
        if let timeout = check.timeout { add("health-timeout", timeout) }
        if let start = check.startPeriod { add("health-start-period", start) }
        if let retries = check.retries { add("health-retries", String(retries)) }
        if check.disabled { args.append("--no-healthcheck") }
        for variable in plan.environment { add("env", variable) }
        for option in plan.otherOptions {
            if DockerOptionTable.spec(long: option.name)?.kind == .boolean {
                args.append(option.value == "true" ? "--\(option.name)" : "--\(option.name)=\(option.value)")
            } else {
                add(option.name, option.value)
            }
        }
        // Docker reads an image that starts with '-' as one more option: an image of `--privileged`
        // would start a privileged container. After `--` it is the image, which docker then refuses.
        if plan.image.hasPrefix("-") { args.append("--") }
        args.append(plan.image)
        return args + plan.command
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

    static func portSpelling(_ port: LaunchPlan.PortMapping) -> String {
        var text = port.containerPort
        if !port.hostIP.isEmpty || !port.hostPort.isEmpty { text = "\(port.hostPort):" + text }
        if !port.hostIP.isEmpty { text = (port.hostIP.contains(":") ? "[\(port.hostIP)]" : port.hostIP) + ":" + text }
        if let proto = port.proto { text += "/\(proto)" }
        return text
    }

    /// What a docker run line cannot say about this plan: each names the setting, the target and the way out.
    public static func fidelityWarnings(_ plan: LaunchPlan, engine: String = "docker") -> [String] {
        var warnings: [String] = []
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            warnings.append("userNamespace mappings are not applied by \(engine): it has no per-container UID/GID mapping; enable the daemon's user namespace remapping (dockerd --userns-remap=default) or use `harden oci` with runc/crun, which applies them")
        }
        if plan.namespaces.mount != nil {
            warnings.append("the mount namespace setting is not applied by \(engine): it always gives a container its own; only `harden oci` can express it")
        }
        if plan.otherOptions.contains(where: { $0.name == "publish-all" && $0.value == "true" }) {
            warnings.append("--publish-all publishes every exposed port on all interfaces, ignoring the profile's publish address; publish ports one by one with -p instead")
        }
        return warnings
    }
}
