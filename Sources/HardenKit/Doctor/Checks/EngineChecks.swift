/// The engine's own security settings, as `docker info` or `podman info` reports them.
enum EngineChecks {
    static func from(_ input: DoctorInput, _ field: String) -> SourcePosition {
        SourcePosition(context: "\(input.engine) info: \(field)")
    }

    static func seccompUnavailable(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.seccomp == .unsupported else { return [] }
        return [DoctorHit("\(info.engine) reports no seccomp support: no container gets a system call filter, neither the engine's default nor the ones harden generates",
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security.seccompEnabled"))]
    }

    static func defaultSeccompOff(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.seccomp == .unconfined else { return [] }
        return [DoctorHit("the daemon's default seccomp profile is switched off (name=seccomp,profile=unconfined): every container started without harden runs with no system call filter",
                          at: from(input, "SecurityOptions"))]
    }

    static func rootful(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.rootless else { return [] }
        return [DoctorHit("\(info.engine) \(info.version) runs as root: an escape from a container, or anyone who can drive the engine, is root on this host",
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security.rootless"),
                          fix: input.engine == "docker" ? nil : "run podman as an unprivileged user (rootless), which needs no daemon and no setup beyond /etc/subuid")]
    }

    static func noUsernsRemap(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.engine == "docker", !info.rootless, !info.userNamespaceRemap else { return [] }
        return [DoctorHit("user namespace remapping is off: uid 0 in a container is uid 0 on the host, so a container that runs as root and escapes owns the host",
                          at: from(input, "SecurityOptions"))]
    }

    static func noMandatoryAccessControl(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.apparmor, !info.selinux else { return [] }
        return [DoctorHit("neither AppArmor nor SELinux is active for \(info.engine): containers have no mandatory access control, and `--security-opt apparmor=...` is accepted without effect",
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security"))]
    }

    static func insecureRegistries(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.insecureRegistries.isEmpty else { return [] }
        return [DoctorHit("images are pulled without TLS from \(info.insecureRegistries.joined(separator: ", ")): anyone on the path can hand the engine an image of their own",
                          at: from(input, "RegistryConfig"))]
    }

    static func cgroupV1(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.cgroupVersion == "1" else { return [] }
        return [DoctorHit("the host uses cgroup v1\(info.cgroupDriver.map { " (\($0) driver)" } ?? ""): rootless engines and `harden oci --rootless` bundles get no memory, CPU or pids limits, and runc, containerd and systemd are dropping v1",
                          at: from(input, input.engine == "docker" ? "CgroupVersion" : "host.cgroupVersion"))]
    }

    static func liveRestoreOff(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.liveRestore == false else { return [] }
        return [DoctorHit("live-restore is off: stopping or upgrading dockerd stops every container, so security updates to the daemon get postponed",
                          at: from(input, "LiveRestoreEnabled"))]
    }

    /// The daemon's other warnings (no swap limit, bridge-nf-call-iptables off, …), passed on as it words them.
    static func engineWarnings(_ input: DoctorInput) -> [DoctorHit] {
        (input.info?.warnings ?? []).compactMap { warning in
            let line = warning.split(separator: "\n").first.map(String.init) ?? warning
            guard !line.hasPrefix("WARNING: API is accessible on ") else { return nil }
            return DoctorHit("the daemon says: \(line.hasPrefix("WARNING: ") ? String(line.dropFirst(9)) : line)", at: from(input, "Warnings"))
        }
    }
}
