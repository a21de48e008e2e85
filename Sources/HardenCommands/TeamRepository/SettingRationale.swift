import HardenFormats
import HardenModel
/// Why a setting is there, for `harden docs`, when the profile's own `rationale` does not say:
/// what the setting protects against, in one line a developer reading the team's wiki can follow.
enum SettingRationale {
    /// Why each setting matters, whatever its value: the value is in the next column, and a reason
    /// that asserted the default ("ports reach only this host") would be wrong next to 0.0.0.0.
    static let generic: [String: String] = [
        "user": "who the processes are: root in a container is root on the host's kernel, one kernel bug or mount mistake away from the host",
        "capabilities": "each capability widens what an attacker inside the container can do; keep only what the workload needs",
        "noNewPrivileges": "when set, setuid and file-capability programs in the image cannot raise a process's privileges",
        "readOnlyRootFilesystem": "with a read-only root, an attacker cannot change the image's programs or leave tools behind",
        "tmpfs": "a writable place on a read-only root, in memory and bounded; noexec keeps anything written there from running",
        "volumes": "data that outlives the container; each volume is a place the container can write",
        "resources": "limits keep a runaway process or a fork bomb from starving the host",
        "userNamespace": "maps root in the container to an unprivileged user on the host",
        "seccomp": "the syscalls the container may make: most kernel exploits use calls ordinary services never make",
        "network": "loopback reaches only this host; 0.0.0.0 reaches every network the host is on",
        "restart": "how often a crashing container comes back: a bound keeps a crash loop from hammering what it depends on",
        "healthcheck": "lets the engine notice a service that hangs",
        "environment": "settings every container of the profile gets (values are not shown here)",
        "secrets": "files the workload reads at /run/secrets/NAME, passed with --secret NAME=FILE: never in the environment, the command line or a generated file",
    ]

    /// The profile's own reason when it was written at least as close to the profile as the value
    /// it explains; a reason written by a parent for a value a child has since changed would
    /// explain the wrong value, so then the generic one is shown.
    /// `path` is the row's key path (`["resources", "memory"]`); a reason for `resources.memory`
    /// comes before one for `resources` as a whole. A reason for a whole setting explains the rows
    /// of the nearest file, from its author up, that sets any of it: a child's reason for the
    /// nginx carve-outs its parent mounts is not why the grandparent mounts /tmp.
    static func reason(for path: [String], in resolved: ResolvedProfile, setBy files: [String]) -> String {
        let chain = resolved.chain.map(\.location)
        let nearest = files.compactMap { chain.firstIndex(of: $0) }.min() ?? chain.count
        let exact = path.prefix(2).joined(separator: ".")
        for key in [exact, path[0]] {
            guard let text = resolved.profile.rationale[key], let author = resolved.provenance[StrictReader.render(["rationale", key])],
                  let authorIndex = chain.firstIndex(of: author), authorIndex <= nearest else { continue }
            if key != exact, nearest != firstSetter(of: key, from: authorIndex, in: resolved) { continue }
            return text
        }
        return generic[path[0]] ?? ""
    }

    /// The chain index of the first file at or after `start` that sets `key` or anything below it.
    static func firstSetter(of key: String, from start: Int, in resolved: ResolvedProfile) -> Int? {
        let files = Set(resolved.provenance.filter { $0.key == key || $0.key.hasPrefix(key + ".") || $0.key.hasPrefix(key + "[") }.map(\.value))
        return resolved.chain.indices.first { $0 >= start && files.contains(resolved.chain[$0].location) }
    }
}
