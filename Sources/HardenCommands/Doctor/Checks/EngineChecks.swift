import HardenFormats
import HardenModel
/// The engine's own security settings, as `docker info` or `podman info` reports them.
enum EngineChecks {
    static func from(_ input: DoctorInput, _ field: String) -> SourcePosition {
        SourcePosition(context: "\(input.engine) info: \(field)")
    }

    static func seccompUnavailable(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.seccomp == .unsupported else { return [] }
        return [DoctorHit("\(info.engine) reports no seccomp support: no container gets a system call filter, harden's included",
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security.seccompEnabled"))]
    }

    static func defaultSeccompOff(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.seccomp == .unconfined else { return [] }
        return [DoctorHit("the daemon's default seccomp profile is off (name=seccomp,profile=unconfined)",
                          at: from(input, "SecurityOptions"))]
    }

    static func rootful(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.rootless else { return [] }
        return [DoctorHit("\(info.engine) \(info.version) runs as root" + (input.engine == "docker" ? " (no name=rootless in SecurityOptions)" : ""),
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security.rootless"),
                          fix: input.engine == "docker" ? nil : "run podman as an unprivileged user (rootless), which needs no daemon and no setup beyond /etc/subuid")]
    }

    static func noUsernsRemap(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.engine == "docker", !info.rootless, !info.userNamespaceRemap else { return [] }
        return [DoctorHit("dockerd runs as root without user namespace remapping (no name=userns in SecurityOptions)",
                          at: from(input, "SecurityOptions"))]
    }

    static func noMandatoryAccessControl(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.apparmor, !info.selinux else { return [] }
        return [DoctorHit("neither AppArmor nor SELinux is active for \(info.engine), which then accepts `--security-opt apparmor=...` without effect",
                          at: from(input, input.engine == "docker" ? "SecurityOptions" : "host.security"))]
    }

    static func insecureRegistries(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, !info.insecureRegistries.isEmpty else { return [] }
        return [DoctorHit("images are pulled without TLS from \(info.insecureRegistries.joined(separator: ", "))",
                          at: from(input, "RegistryConfig"))]
    }

    static func cgroupV1(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.cgroupVersion == "1" else { return [] }
        return [DoctorHit("the host uses cgroup v1\(info.cgroupDriver.map { " (\($0) driver)" } ?? "")",
                          at: from(input, input.engine == "docker" ? "CgroupVersion" : "host.cgroupVersion"))]
    }

    static func crunHybridCgroup(_ input: DoctorInput) -> [DoctorHit] {
        guard let crun = input.crunOnHybridCgroup else { return [] }
        return [DoctorHit("\(crun) is installed and the host mounts cgroup v2 at /sys/fs/cgroup/unified beside v1",
                          at: SourcePosition(file: "/proc/self/mountinfo"))]
    }

    static func liveRestoreOff(_ input: DoctorInput) -> [DoctorHit] {
        guard let info = input.info, info.liveRestore == false else { return [] }
        return [DoctorHit("live-restore is off",
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
