/// Host directories whose exposure hands the container the host: its configuration, its kernel
/// interfaces, its devices, its binaries and the state of the engines.
package enum SensitivePaths {
    struct Entry: Sendable {
        let path: String
        let why: String
        /// Read-only access below it gives away nothing secret (system binaries, kernel modules).
        let readOnlyBelowIsHarmless: Bool
    }

    static let table: [Entry] = [
        Entry(path: "/etc", why: "the host's configuration and credentials", readOnlyBelowIsHarmless: false),
        Entry(path: "/proc", why: "the host's kernel and process interfaces", readOnlyBelowIsHarmless: false),
        Entry(path: "/sys", why: "the host's kernel and device interfaces", readOnlyBelowIsHarmless: false),
        Entry(path: "/dev", why: "the host's devices", readOnlyBelowIsHarmless: false),
        Entry(path: "/boot", why: "the host's kernel and boot loader", readOnlyBelowIsHarmless: true),
        Entry(path: "/lib/modules", why: "the host's kernel modules", readOnlyBelowIsHarmless: true),
        Entry(path: "/usr", why: "the host's programs and libraries", readOnlyBelowIsHarmless: true),
        // On distributions without the merged /usr these are real directories of system programs.
        Entry(path: "/bin", why: "the host's programs", readOnlyBelowIsHarmless: true),
        Entry(path: "/sbin", why: "the host's programs", readOnlyBelowIsHarmless: true),
        Entry(path: "/lib", why: "the host's libraries", readOnlyBelowIsHarmless: true),
        Entry(path: "/lib64", why: "the host's libraries", readOnlyBelowIsHarmless: true),
        Entry(path: "/root", why: "root's home, keys and credentials", readOnlyBelowIsHarmless: false),
        Entry(path: "/var/lib/docker", why: "Docker's state: every container's files and secrets", readOnlyBelowIsHarmless: false),
        Entry(path: "/var/lib/containerd", why: "containerd's state: every container's files", readOnlyBelowIsHarmless: false),
        Entry(path: "/var/lib/containers", why: "podman's state: every container's files", readOnlyBelowIsHarmless: false),
        Entry(path: "/var/lib/kubelet", why: "the kubelet's state: pod secrets and service account tokens", readOnlyBelowIsHarmless: false),
    ]

    /// Files below /etc that containers commonly read and that hold nothing secret.
    static let harmlessReadOnly = [
        "/etc/localtime", "/etc/timezone", "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust/extracted",
        "/etc/pki/tls/certs", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/etc/machine-id", "/etc/os-release",
        "/etc/passwd", "/etc/group",
    ]

    /// Why exposing this normalised absolute path is dangerous, or nil when it is not.
    static func danger(of path: String, readOnly: Bool) -> String? {
        if path == "/" { return "/ is the host's whole filesystem" }
        for entry in table {
            if path == entry.path { return "\(path) is \(entry.why)" }
            if entry.path.hasPrefix(path + "/") { return "\(path) holds \(entry.path), \(entry.why)" }
            if path.hasPrefix(entry.path + "/") {
                if readOnly, entry.readOnlyBelowIsHarmless { return nil }
                if readOnly, harmlessReadOnly.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return nil }
                return "\(path) is part of \(entry.path), \(entry.why)" + (readOnly ? "" : ", and the mount is writable")
            }
        }
        return nil
    }
}
