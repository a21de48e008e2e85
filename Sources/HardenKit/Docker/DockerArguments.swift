/// The `docker run` argument vector for a plan: deterministic, every option spelled as Docker
/// documents it, hardening first, the image and its command last. podman and nerdctl read the same.
public enum DockerArguments {
    /// Arguments after the engine binary, starting with `run`.
    public static func emit(_ plan: LaunchPlan) -> [String] {
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
        if plan.readOnlyRootFilesystem { args.append("--read-only") }
        for mount in plan.tmpfs {
            add("tmpfs", mount.options.isEmpty ? mount.target : "\(mount.target):\(mount.options.joined(separator: ","))")
        }
        for mount in plan.mounts { add("volume", volumeSpelling(mount)) }
        if let memory = plan.memory { add("memory", Units.sizeSpelling(memory)) }
        if let swap = plan.memorySwap { add("memory-swap", swap == -1 ? "-1" : Units.sizeSpelling(swap)) }
        if let cpus = plan.cpus { add("cpus", Units.cpusSpelling(cpus)) }
        if let pids = plan.pidsLimit { add("pids-limit", String(pids)) }
        if let shm = plan.shmSize { add("shm-size", Units.sizeSpelling(shm)) }
        for limit in plan.ulimits { add("ulimit", "\(limit.name)=\(limit.soft):\(limit.hard)") }
        if let network = plan.network { add("network", network) }
        for port in plan.ports { add("publish", portSpelling(port)) }
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
        args.append(plan.image)
        return args + plan.command
    }

    static func volumeSpelling(_ mount: LaunchPlan.Mount) -> String {
        guard let source = mount.source else { return mount.target }
        let flags = (mount.readOnly ? ["ro"] : []) + mount.flags
        return flags.isEmpty ? "\(source):\(mount.target)" : "\(source):\(mount.target):\(flags.joined(separator: ","))"
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
        if plan.otherOptions.contains(where: { $0.name == "publish-all" && $0.value == "true" }) {
            warnings.append("--publish-all publishes every exposed port on all interfaces, ignoring the profile's publish address; publish ports one by one with -p instead")
        }
        return warnings
    }
}
