import FoundationEssentials

/// Recognises host paths that expose a container runtime's API socket. Mounting one hands the
/// container root on the host, whatever the mount's read-only flag says (connect() needs no write
/// permission on a bind mount), so these are refused before anything runs.
public enum RuntimeSockets {
    public static let socketNames: Set<String> = [
        "docker.sock", "containerd.sock", "crio.sock", "podman.sock", "dockershim.sock",
        "buildkitd.sock", "cri-dockerd.sock",
    ]

    /// Where the engines put their sockets; a bind of any directory above one of these exposes it.
    static let wellKnownSockets = [
        "/run/docker.sock", "/run/containerd/containerd.sock", "/run/crio/crio.sock",
        "/run/podman/podman.sock", "/run/dockershim.sock", "/run/buildkit/buildkitd.sock",
        "/run/cri-dockerd.sock", "/run/docker/containerd/containerd.sock",
        "/run/k3s/containerd/containerd.sock", "/run/user", // rootless engines live under /run/user/UID
    ]

    /// `//`, `/./`, `..` and a trailing `/` folded away, and `/var/run` read as `/run` (a symlink on every distribution).
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        if parts.count >= 2, parts[0] == "var", parts[1] == "run" { parts.removeFirst() }
        return "/" + parts.joined(separator: "/")
    }

    /// Why an absolute host path exposes a runtime socket, or nil when it does not. Symlinks on the
    /// host are followed, so `/srv/innocent -> /run/docker.sock` is caught too.
    public static func exposure(ofHostPath path: String, host: HostFacts) -> String? {
        let written = normalize(path)
        var candidates = [written]
        if let resolved = host.resolveSymlinks(path).map(normalize), resolved != written { candidates.append(resolved) }
        for candidate in candidates {
            let name = candidate.split(separator: "/").last.map(String.init) ?? ""
            if socketNames.contains(name) {
                return candidate == written ? "\(path) is the \(name) runtime socket" : "\(path) resolves to \(candidate), the \(name) runtime socket"
            }
            if let inside = wellKnownSockets.first(where: { candidate == "/" || $0.hasPrefix(candidate + "/") }) {
                return "\(path) is a directory holding \(inside)"
            }
            // Where /var/run is a directory of its own rather than a link to /run, the sockets are in it.
            if candidate == "/var" {
                return "\(path) is a directory holding /var/run, where runtime sockets live on hosts that do not link it to /run"
            }
            if let found = host.socketBelow(candidate) {
                return "\(path) is a directory holding \(found)"
            }
        }
        return nil
    }

    /// A shallow look inside an existing host directory for a socket file with a runtime's name:
    /// breadth first, `depth` levels down, and at most `budget` entries, so that binding a large
    /// directory such as /home does not stall the launch.
    static func socketBelow(_ directory: String, depth: Int = 2, budget: Int = 20_000) -> String? {
        var level = [directory]
        var remaining = budget
        let files = FileManager.default
        for _ in 0..<depth {
            var next: [String] = []
            for current in level {
                var isDirectory = false
                guard files.fileExists(atPath: current, isDirectory: &isDirectory), isDirectory,
                      let entries = try? files.contentsOfDirectory(atPath: current) else { continue }
                for entry in entries {
                    remaining -= 1
                    if remaining < 0 { return nil }
                    let path = current == "/" ? "/" + entry : current + "/" + entry
                    if socketNames.contains(entry) { return path }
                    // Links are not followed below the top: a link inside points wherever it likes.
                    if (try? files.destinationOfSymbolicLink(atPath: path)) == nil { next.append(path) }
                }
            }
            level = next
        }
        return nil
    }
}
