/// Host directories whose exposure hands the container the host: its configuration, its kernel
/// interfaces, its devices, its binaries, the state of the engines and its users' credentials.
/// Graded: an error where any access gives the host away, a warning where a read-only bind is
/// usually an application's own configuration or certificates, nothing where read-only data is
/// public (docs/validator.md, "Sensitive host paths", shows the table).
package enum SensitivePaths {
    /// What a read-only bind strictly below a system root amounts to.
    enum BelowReadOnly: Sendable { case harmless, warning, error }

    struct Entry: Sendable {
        let path: String
        let why: String
        let readOnlyBelow: BelowReadOnly
    }

    static let table: [Entry] = [
        // Read-only below /etc: the credential rows below stay errors, the public files nothing, the
        // rest (an app's /etc/APP, /etc/letsencrypt) a warning: harden cannot tell them apart.
        Entry(path: "/etc", why: "the host's configuration and credentials", readOnlyBelow: .warning),
        Entry(path: "/proc", why: "the host's kernel and process interfaces", readOnlyBelow: .error),
        Entry(path: "/sys", why: "the host's kernel and device interfaces", readOnlyBelow: .error),
        Entry(path: "/dev", why: "the host's devices", readOnlyBelow: .error),
        Entry(path: "/boot", why: "the host's kernel and boot loader", readOnlyBelow: .harmless),
        Entry(path: "/lib/modules", why: "the host's kernel modules", readOnlyBelow: .harmless),
        // Before /usr: installed data, not programs, yet host programs trust it (polkit rules, udev rules).
        Entry(path: "/usr/share", why: "the host's installed data files, which its programs trust (polkit and udev rules among them)", readOnlyBelow: .harmless),
        Entry(path: "/usr", why: "the host's programs and libraries", readOnlyBelow: .harmless),
        // On distributions without the merged /usr these are real directories of system programs.
        Entry(path: "/bin", why: "the host's programs", readOnlyBelow: .harmless),
        Entry(path: "/sbin", why: "the host's programs", readOnlyBelow: .harmless),
        Entry(path: "/lib", why: "the host's libraries", readOnlyBelow: .harmless),
        Entry(path: "/lib32", why: "the host's libraries", readOnlyBelow: .harmless),
        Entry(path: "/lib64", why: "the host's libraries", readOnlyBelow: .harmless),
        Entry(path: "/libx32", why: "the host's libraries", readOnlyBelow: .harmless),
        Entry(path: "/root", why: "root's home, keys and credentials", readOnlyBelow: .error),
        Entry(path: "/var/lib/docker", why: "Docker's state: every container's files and secrets", readOnlyBelow: .error),
        Entry(path: "/var/lib/containerd", why: "containerd's state: every container's files", readOnlyBelow: .error),
        Entry(path: "/var/lib/containers", why: "podman's state: every container's files", readOnlyBelow: .error),
        Entry(path: "/var/lib/kubelet", why: "the kubelet's state: pod secrets and service account tokens", readOnlyBelow: .error),
        Entry(path: "/var/lib/rancher", why: "k3s and RKE2 state: the cluster's join token and every container's files", readOnlyBelow: .error),
    ]

    /// Files below /etc that containers commonly read and that hold nothing secret.
    static let harmlessReadOnly = [
        "/etc/localtime", "/etc/timezone", "/etc/ca-certificates", "/etc/pki/ca-trust/extracted",
        "/etc/pki/tls/certs", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/etc/machine-id", "/etc/os-release",
        "/etc/passwd", "/etc/group",
    ]

    /// Read-only binds below /etc that are a warning with a reason of their own, not the generic one.
    static let readOnlyWarnings: [(path: String, why: String)] = [
        ("/etc/ssl/certs", "the host's trusted CA certificates: read-only it changes nothing on the host, but the container then trusts whatever the host trusts, an interception CA included; prefer the image's own bundle"),
    ]

    /// Directories that hold credentials without being one: an error for the directory itself and
    /// every directory above it (a bind of /home hands in every user's ~/.ssh), nothing for the
    /// ordinary files below it, which the credential rows grade.
    static let enclosures: [(pattern: String, why: String)] = [
        ("/home/*", "a user's home, which holds their SSH keys and their registry, cluster and cloud credentials"),
        // macOS: Docker Desktop shares /Users with its VM, so `-v /Users/me:/x` reaches it.
        ("/Users/*", "a user's home, which holds their SSH keys and their registry, cluster and cloud credentials"),
        ("/~", "a user's home (an unexpanded ~), which holds their SSH keys and their registry, cluster and cloud credentials"),
        ("/run/user/*", "a user's runtime directory: their D-Bus session bus, systemd user manager, SSH and GPG agents and rootless engine sockets"),
    ]

    /// Credentials: an error however they are mounted, read-only included, since reading is the harm.
    struct Credential: Sendable {
        /// A path, or with `*` one path component of any name (`/home/*/.ssh`), or with `x*` one
        /// starting with x (`/tmp/ssh-*`).
        let pattern: String
        /// `/etc/sudoers` also matches `/etc/sudoers.d` and `/etc/sudoers.bak`.
        let namePrefix: Bool
        let why: String
    }

    static let credentials: [Credential] = [
        // Exact, with the `-` backups: /etc/shadowsocks is an application's configuration.
        Credential(pattern: "/etc/shadow", namePrefix: false, why: "the host's password hashes"),
        Credential(pattern: "/etc/shadow-", namePrefix: false, why: "the host's password hashes"),
        Credential(pattern: "/etc/gshadow", namePrefix: false, why: "the host's group password hashes"),
        Credential(pattern: "/etc/gshadow-", namePrefix: false, why: "the host's group password hashes"),
        Credential(pattern: "/etc/sudoers", namePrefix: true, why: "who may become root on the host"),
        Credential(pattern: "/etc/ssh", namePrefix: false, why: "the host's SSH private host keys"),
        Credential(pattern: "/etc/kubernetes", namePrefix: false, why: "the cluster's admin kubeconfig and CA keys"),
        Credential(pattern: "/etc/docker", namePrefix: false, why: "the Docker daemon's TLS keys and configuration"),
        // A bind source `~/x` that no engine expands is read from `/` as `/~/x`: the same home.
        Credential(pattern: "/home/*/.ssh", namePrefix: false, why: "a user's SSH keys"),
        Credential(pattern: "/~/.ssh", namePrefix: false, why: "a user's SSH keys"),
        Credential(pattern: "/home/*/.docker", namePrefix: false, why: "a user's registry credentials"),
        Credential(pattern: "/~/.docker", namePrefix: false, why: "a user's registry credentials"),
        Credential(pattern: "/home/*/.kube", namePrefix: false, why: "a user's cluster credentials"),
        Credential(pattern: "/~/.kube", namePrefix: false, why: "a user's cluster credentials"),
        Credential(pattern: "/home/*/.aws", namePrefix: false, why: "a user's cloud credentials"),
        Credential(pattern: "/~/.aws", namePrefix: false, why: "a user's cloud credentials"),
        Credential(pattern: "/home/*/.gnupg", namePrefix: false, why: "a user's GPG keys"),
        Credential(pattern: "/~/.gnupg", namePrefix: false, why: "a user's GPG keys"),
        // macOS homes, as Docker Desktop shares them.
        Credential(pattern: "/Users/*/.ssh", namePrefix: false, why: "a user's SSH keys"),
        Credential(pattern: "/Users/*/.docker", namePrefix: false, why: "a user's registry credentials"),
        Credential(pattern: "/Users/*/.kube", namePrefix: false, why: "a user's cluster credentials"),
        Credential(pattern: "/Users/*/.aws", namePrefix: false, why: "a user's cloud credentials"),
        Credential(pattern: "/Users/*/.gnupg", namePrefix: false, why: "a user's GPG keys"),
        // Agent sockets: no key is read, but while the bind lasts the container signs as the user.
        Credential(pattern: "/run/ssh-agent", namePrefix: true, why: "an SSH agent's socket, with which the container signs in as the user wherever their keys let them"),
        Credential(pattern: "/tmp/ssh-*", namePrefix: false, why: "an SSH agent's socket directory ($SSH_AUTH_SOCK), with which the container signs in as the user wherever their keys let them"),
        Credential(pattern: "/run/user/*/keyring", namePrefix: false, why: "the user's keyring agent, SSH agent included"),
        Credential(pattern: "/run/user/*/gnupg", namePrefix: false, why: "the user's GPG agent, which signs and decrypts with their keys"),
        Credential(pattern: "/run/user/*/bus", namePrefix: false, why: "the user's D-Bus session bus, through which the container drives their session and starts programs as them"),
        Credential(pattern: "/run/user/*/systemd", namePrefix: false, why: "the user's systemd manager, which starts services as them"),
        // Cloud and orchestrator credentials left on the host.
        Credential(pattern: "/run/secrets/kubernetes.io", namePrefix: false, why: "a pod's service account token"),
        Credential(pattern: "/var/lib/waagent", namePrefix: false, why: "the Azure agent's provisioning certificates and keys"),
        Credential(pattern: "/var/lib/cloud", namePrefix: false, why: "cloud-init's instance data, whose user data often carries passwords and keys"),
    ]

    /// How exposing this normalised absolute path is judged: the severity and why, or nil when harmless.
    static func grade(of path: String, readOnly: Bool) -> (severity: Severity, why: String)? {
        if path == "/" { return (.error, "/ is the host's whole filesystem") }
        // Named by its own row first: /usr is the host's programs, not a holder of /usr/share.
        if let entry = table.first(where: { $0.path == path }) { return (.error, "\(path) is \(entry.why)") }
        if let enclosure = enclosure(of: path) { return (.error, enclosure) }
        for entry in table {
            if entry.path.hasPrefix(path + "/") { return (.error, "\(path) holds \(entry.path), \(entry.why)") }
            if path.hasPrefix(entry.path + "/") {
                if !readOnly { return (.error, "\(path) is part of \(entry.path), \(entry.why), and the mount is writable") }
                if let credential = credential(of: path) { return (.error, credential) }
                switch entry.readOnlyBelow {
                case .error: return (.error, "\(path) is part of \(entry.path), \(entry.why)")
                case .harmless: return nil
                case .warning:
                    if let credential = credential(of: path) { return (.error, credential) }
                    if let own = readOnlyWarnings.first(where: { path == $0.path || path.hasPrefix($0.path + "/") }) {
                        return (.warning, path == own.path ? "\(path) is \(own.why)" : "\(path) is part of \(own.path), \(own.why)")
                    }
                    if harmlessReadOnly.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return nil }
                    return (.warning, "\(path) is part of \(entry.path), \(entry.why): read-only, it may be only the application's own configuration or certificates, which harden cannot tell")
                }
            }
        }
        return credential(of: path).map { (.error, $0) }
    }

    /// Why exposing this path is an error, or nil when it is not (a warning or harmless).
    static func danger(of path: String, readOnly: Bool) -> String? {
        guard let grade = grade(of: path, readOnly: readOnly), grade.severity == .error else { return nil }
        return grade.why
    }

    /// One path component against a pattern's: `*` any, `x*` any starting with x.
    static func component(_ pattern: Substring, matches part: Substring) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix("*") { return part.hasPrefix(pattern.dropLast()) }
        return pattern == part
    }

    /// Why the path is, or holds, a directory of credentials (a home), or nil.
    static func enclosure(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for enclosure in enclosures {
            let pattern = enclosure.pattern.split(separator: "/")
            // The directory of homes holds them; further up (/run, /) is judged by its own rows.
            guard !parts.isEmpty, parts.count <= pattern.count, parts.count >= pattern.count - 1,
                  zip(pattern, parts).allSatisfy({ component($0.0, matches: $0.1) }) else { continue }
            return parts.count == pattern.count ? "\(path) is \(enclosure.why)" : "\(path) holds \(enclosure.pattern), \(enclosure.why)"
        }
        return nil
    }

    /// Why the path is, or lies in, a credential store.
    static func credential(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for credential in credentials {
            let pattern = credential.pattern.split(separator: "/")
            guard parts.count >= pattern.count else { continue }
            let matches = zip(pattern, parts).enumerated().allSatisfy { index, pair in
                if pair.0.hasSuffix("*") { return component(pair.0, matches: pair.1) }
                if credential.namePrefix, index == pattern.count - 1 { return pair.1.hasPrefix(pair.0) }
                return pair.0 == pair.1
            }
            guard matches else { continue }
            let shown = credential.pattern + (credential.namePrefix ? "*" : "")
            let at = parts.count == pattern.count ? "\(path) is \(shown)" : "\(path) is part of \(shown)"
            return "\(at), \(credential.why): readable is enough to use them"
        }
        return nil
    }
}
