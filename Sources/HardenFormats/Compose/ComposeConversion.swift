import HardenModel
/// A launch plan as one compose service: the only place that decides what a plan means in compose.
///
/// What compose cannot say is not dropped: each such setting becomes a note naming it and the way
/// out, which the command prints on stderr.
public enum ComposeConversion {
    public struct Result: Sendable, Equatable {
        public var file: ComposeFile
        public var notes: [String]
    }

    /// - Parameters:
    ///   - service: the key under `services:`.
    ///   - seccomp: the generated profile the service should load, or nil to keep the engine's
    ///     default (a profile file the user named in `--security-opt` is kept either way); why
    ///     there is none is `GeneratedSeccomp.forPlan`'s note, not this conversion's.
    public static func convert(_ plan: LaunchPlan, service name: String, seccomp: GeneratedSeccomp?) -> Result {
        var service = ComposeService(name: name)
        var file = ComposeFile()
        var notes: [String] = []
        service.image = literal(plan.image)
        if !plan.command.isEmpty { service.command = plan.command.map(literal) }
        service.user = plan.user.map(literal)
        if plan.readOnlyRootFilesystem { service.readOnly = true }
        if plan.privileged { service.privileged = true }
        if plan.capabilities != Capability.dockerDefault {
            if plan.capabilities == Set(Capability.all) {
                service.capAdd = ["ALL"]
            } else {
                service.capDrop = ["ALL"]
                service.capAdd = plan.capabilities.sorted().map(\.name)
            }
        }
        if plan.noNewPrivileges { service.securityOpt.append("no-new-privileges:true") }
        switch plan.seccomp {
        case .engineDefault:
            if let seccomp { service.securityOpt.append("seccomp:" + literal(seccomp.path)) }
        case .unconfined: service.securityOpt.append("seccomp:unconfined")
        case .file(let path): service.securityOpt.append("seccomp:" + literal(path))
        }
        service.securityOpt += plan.securityOptions.map { literal(DockerArguments.securityOptionSpelling($0)) }
        service.tmpfs = plan.tmpfs.map { mount in
            literal(mount.options.isEmpty ? mount.target : "\(mount.target):\(mount.kernelOptions.joined(separator: ","))")
        }
        for mount in plan.mounts {
            service.volumes.append(ComposeVolumeSyntax.entry(mount))
            if mount.kind == .volume, let source = mount.source, !file.volumes.contains(where: { $0.key == source }) {
                // Named after the engine volume itself, so `harden run -v NAME:…` and this service share the data.
                file.volumes.append(ComposeFile.Volume(key: source, name: literal(source)))
            }
            if mount.kind == .bind, let source = mount.source, !source.hasPrefix("/") {
                notes.append("volume \(source):\(mount.target): compose reads a relative host path from the compose file's directory, docker run from the current one; keep the fragment beside the data or make the path absolute")
            }
        }
        service.ports = plan.ports.map { literal(DockerArguments.portSpelling($0)) }
        service.memLimit = plan.memory.map(Units.sizeSpelling)
        service.memswapLimit = plan.memorySwap.map { $0 == -1 ? "-1" : Units.sizeSpelling($0) }
        service.cpus = plan.cpus.map(Units.cpusSpelling)
        service.pidsLimit = plan.pidsLimit
        service.shmSize = plan.shmSize.map(Units.sizeSpelling)
        service.ulimits = plan.ulimits.map { ComposeService.Ulimit(name: $0.name, soft: $0.soft, hard: $0.hard) }
        service.networkMode = plan.network.map { literal($0.description) }
        let namespaces = plan.namespaces
        service.pid = namespaces.pid.map { literal($0.description) }
        service.ipc = namespaces.ipc.map { literal($0.description) }
        service.uts = namespaces.uts.map { literal($0.description) }
        service.usernsMode = namespaces.userns.map { literal($0.description) }
        service.cgroup = namespaces.cgroupns.map { literal($0.description) }
        // Keys of the compose specification that docker-compose 1.29 predates: it refuses the file
        // (it never runs the service without them), and compose v2 reads them.
        let newer = [("uts", service.uts), ("cgroup", service.cgroup)].filter { $0.1 != nil }.map(\.0)
            + (plan.useAPISocket ? ["use_api_socket"] : [])
        if !newer.isEmpty {
            notes.append("\(newer.joined(separator: ", ")): docker-compose 1.29 does not know \(newer.count == 1 ? "this key" : "these keys") and refuses the file; run it with compose v2 (docker compose)")
        }
        if namespaces.mount != nil {
            notes.append("the mount namespace setting has no compose key: compose always gives a container its own; only `harden oci` can express it")
        }
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            notes.append("userNamespace mappings have no compose key: docker has no per-container UID/GID mapping; enable the daemon's user namespace remapping (dockerd --userns-remap=default) or use `harden oci` with runc/crun, which applies them")
        }
        service.devices = plan.devices.map { device in
            literal(([device.hostPath] + [device.containerPath, device.permissions].compactMap { $0 }).joined(separator: ":"))
        }
        service.deviceCgroupRules = plan.deviceCgroupRules.map { literal($0.cgroupSpelling) }
        service.sysctls = plan.sysctls.map { LaunchPlan.Sysctl(name: $0.name, value: literal($0.value)) }
        if plan.useAPISocket { service.useAPISocket = true }
        service.restart = plan.restart.map(DockerArguments.restartSpelling)
        service.healthcheck = healthcheck(plan.healthcheck)
        service.environment = plan.environment.map(literal)
        for secret in plan.secrets {
            let (entry, reference, _) = fileSecret(name: secret.name, file: secret.source)
            file.secrets.append(entry)
            service.secrets.append(reference)
        }
        if !plan.secrets.isEmpty {
            // Compose mounts the host file itself: its owner and mode are all the service gets.
            let who = plan.user.map { "the service's user \($0)" } ?? "the image's user"
            let names = plan.secrets.map(\.name).joined(separator: ", ")
            notes.append("secrets \(names): compose has no uid, gid or mode for file secrets; it mounts each host file at /run/secrets/NAME with the file's own owner and mode, so keep \(plan.secrets.count == 1 ? "it" : "them") readable by \(who) (harden checked that now: secret-unreadable)")
        }
        applySettings(plan, to: &service, notes: &notes)
        file.services = [service]
        return Result(file: file, notes: notes)
    }

    /// A file secret: its top-level entry, the service's reference to it, and what compose leaves
    /// out. Compose (1.29 and v2 alike, outside swarm) bind-mounts the host file as it is, so an
    /// owner or mode asked for is a note telling the user to set it on the file instead.
    public static func fileSecret(
        name: String, file: String, target: String? = nil, uid: Int? = nil, gid: Int? = nil, mode: Int? = nil
    ) -> (secret: ComposeFile.Secret, reference: ComposeService.SecretReference, notes: [String]) {
        var notes: [String] = []
        var asked: [String] = []
        if let uid { asked.append("uid \(uid)") }
        if let gid { asked.append("gid \(gid)") }
        if let mode { asked.append("mode " + String(mode, radix: 8)) }
        if !asked.isEmpty {
            let owner = uid.map { u in gid.map { "\(u):\($0)" } ?? "\(u)" } ?? gid.map { ":\($0)" }
            let fix = [owner.map { "chown \($0) \(file)" }, mode.map { "chmod \(String($0, radix: 8)) \(file)" }].compactMap { $0 }
            notes.append("secret \(name): compose has no \(asked.joined(separator: ", ")) for file secrets (it mounts the host file with the file's own owner and mode); set them on the host file: \(fix.joined(separator: " && "))")
        }
        return (ComposeFile.Secret(key: name, file: literal(file)),
                ComposeService.SecretReference(source: name, target: target.map(literal)), notes)
    }

    /// Compose replaces `$NAME` and `${NAME}` in every value with its own environment; `$$` is a
    /// literal `$`. Values from a plan are literal, so every `$` is doubled.
    static func literal(_ text: String) -> String {
        text.replacingText("$", with: "$$")
    }

    static func healthcheck(_ setting: LaunchPlan.HealthcheckSetting) -> ComposeService.Healthcheck? {
        if setting == LaunchPlan.HealthcheckSetting() { return nil }
        var check = ComposeService.Healthcheck()
        if setting.disabled {
            check.disable = true
            return check
        }
        check.test = setting.command.map { ["CMD-SHELL", literal($0)] }
        check.interval = setting.interval.map(literal)
        check.timeout = setting.timeout.map(literal)
        check.startPeriod = setting.startPeriod.map(literal)
        check.retries = setting.retries
        return check
    }

    /// The plan's process, tuning and engine settings, as compose keys where compose has one and as
    /// `DoorTable`'s compose column says otherwise.
    static func applySettings(_ plan: LaunchPlan, to service: inout ComposeService, notes: inout [String]) {
        let process = plan.process
        if let name = process.name { service.containerName = literal(name) }
        if let hostname = process.hostname { service.hostname = literal(hostname) }
        if let workdir = process.workdir { service.workingDir = literal(workdir) }
        if process.tty { service.tty = true }
        if process.interactive { service.stdinOpen = true }
        service.initProcess = process.initProcess
        if let signal = process.stopSignal { service.stopSignal = literal(signal) }
        if let timeout = process.stopTimeout { service.stopGracePeriod = "\(timeout)s" }
        service.labels += process.labels.map(literal)
        for file in process.environmentFiles {
            service.envFile.append(literal(file))
            if !file.hasPrefix("/") {
                notes.append("--env-file \(file): compose reads a relative path from the compose file's directory, docker run from the current one; keep the fragment beside it or make the path absolute")
            }
        }
        service.extraHosts += plan.engine.extraHosts.map { literal(DockerArguments.hostEntrySpelling($0)) }
        if let pull = plan.engine.pull { service.pullPolicy = pull.rawValue }
        var lifecycle: [String] = []
        for (option, value, row) in DoorTable.settings(of: plan) {
            switch (option, row.compose) {
            case ("entrypoint", _):
                if value.isEmpty { fallthrough } else { service.entrypoint = [literal(value)] }
            case (_, .dropped(nil)), (_, .refused):
                notes.append("--\(option) \(value.isEmpty ? "\"\"" : value) is not in the fragment; add compose's equivalent to service \(service.name) by hand")
            case (_, .dropped(let note?)): notes.append(note(value))
            case ("rm", .written), ("detach", .written): lifecycle.append("--" + option)
            case (_, .written): continue
            }
        }
        if !lifecycle.isEmpty {
            notes.append("\(lifecycle.joined(separator: " and ")): compose decides that itself (docker-compose up -d, docker-compose run --rm); not in the fragment")
        }
    }
}
