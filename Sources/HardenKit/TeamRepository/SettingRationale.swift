/// Why a setting is there, for `harden docs`, when the profile's own `rationale` does not say:
/// what the setting protects against, in one line a developer reading the team's wiki can follow.
enum SettingRationale {
    static let generic: [String: String] = [
        "user": "a non-root user: root in a container is root on the host's kernel, one kernel bug or mount mistake away from the host",
        "capabilities": "only the capabilities the workload needs; each one widens what an attacker inside the container can do",
        "noNewPrivileges": "setuid and file-capability programs in the image cannot raise a process's privileges",
        "readOnlyRootFilesystem": "an attacker cannot change the image's programs or leave tools behind",
        "tmpfs": "a writable place on the read-only root: in memory, bounded, and noexec so nothing written there runs",
        "volumes": "data that outlives the container, and only where the profile says",
        "resources": "a runaway process or a fork bomb stays inside its limits instead of starving the host",
        "userNamespace": "root in the container maps to an unprivileged user on the host",
        "seccomp": "only the syscalls the role needs: most kernel exploits use calls ordinary services never make",
        "network": "published ports reach only this host unless a port names another address",
        "restart": "a crashing container comes back a few times, not in an endless loop",
        "healthcheck": "the engine notices a service that hangs",
        "environment": "settings every container of the profile gets (values are not shown here)",
    ]

    /// The profile's own reason when it was written at least as close to the profile as the value
    /// it explains; a reason written by a parent for a value a child has since changed would
    /// explain the wrong value, so then the generic one is shown.
    static func reason(for key: String, in resolved: ResolvedProfile, setBy files: [String]) -> String {
        let chain = resolved.chain.map(\.location)
        if let text = resolved.profile.rationale[key], let author = resolved.provenance[StrictReader.render(["rationale", key])],
           let authorIndex = chain.firstIndex(of: author) {
            let nearest = files.compactMap { chain.firstIndex(of: $0) }.min() ?? chain.count
            if authorIndex <= nearest { return text }
        }
        return generic[key] ?? ""
    }
}
