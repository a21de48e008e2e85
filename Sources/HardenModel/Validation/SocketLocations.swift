/// Where container engines put their API sockets, as path patterns: `*` stands for one component
/// (a uid, a Colima profile, a lima VM, a podman machine), and a home location stands under any
/// home. Each is recorded with its source in Tests/HardenKitTests/Fixtures/bypass/hosts/sockets.tsv.
package struct SocketLocation: Sendable {
    let engine: String
    /// Below the home for a home location, below `/` otherwise.
    let parts: [Substring]
    /// Relative to a home: found wherever its first component (a dot-directory such as `.colima`)
    /// appears in a path, since a home can be anywhere (`/home/*`, `/root`, `/Users/*`, `/var/lib/jenkins`…).
    let home: Bool
    /// How many leading parts are directories of general use (`~/.config`, `~/.local/share/containers`,
    /// macOS's `$TMPDIR`): a path that stops among them is no socket mount by relation alone, since
    /// `-v ./.config:/root/.config` is an ordinary launch. On the live host they are looked into.
    let general: Int

    init(_ engine: String, _ pattern: String, general: Int = 0) {
        self.engine = engine
        self.general = general
        home = pattern.hasPrefix("~/")
        parts = pattern.dropFirst(home ? 2 : 1).split(separator: "/")
    }

    var shown: String { (home ? "~/" : "/") + parts.joined(separator: "/") }
}

package enum SocketLocations {
    static let all: [SocketLocation] = [
        SocketLocation("Docker", "/run/docker.sock"),
        SocketLocation("Docker's containerd", "/run/docker/containerd/containerd.sock"),
        SocketLocation("containerd", "/run/containerd/containerd.sock"),
        SocketLocation("containerd (ttrpc)", "/run/containerd/containerd.sock.ttrpc"),
        SocketLocation("CRI-O", "/run/crio/crio.sock"),
        SocketLocation("podman", "/run/podman/podman.sock"),
        SocketLocation("dockershim", "/run/dockershim.sock"),
        SocketLocation("BuildKit", "/run/buildkit/buildkitd.sock"),
        SocketLocation("cri-dockerd", "/run/cri-dockerd.sock"),
        SocketLocation("k3s and RKE2's containerd", "/run/k3s/containerd/containerd.sock"),
        SocketLocation("k0s's containerd", "/run/k0s/containerd.sock"),
        SocketLocation("balenaEngine", "/run/balena-engine.sock"),
        SocketLocation("microk8s's containerd", "/var/snap/microk8s/common/run/containerd.sock"),
        SocketLocation("microk8s's dockerd (before 1.14)", "/var/snap/microk8s/current/docker.sock"),
        SocketLocation("LXD", "/var/snap/lxd/common/lxd/unix.socket"),
        SocketLocation("LXD", "/var/lib/lxd/unix.socket"),
        SocketLocation("Incus", "/var/lib/incus/unix.socket"),
        SocketLocation("rootless Docker", "/run/user/*/docker.sock"),
        SocketLocation("rootless Docker's containerd", "/run/user/*/docker/containerd/containerd.sock"),
        SocketLocation("rootless podman", "/run/user/*/podman/podman.sock"),
        SocketLocation("rootless BuildKit", "/run/user/*/buildkit/buildkitd.sock"),
        SocketLocation("rootless containerd's RootlessKit", "/run/user/*/containerd-rootless/api.sock"),
        SocketLocation("podman machine (macOS)", "/var/folders/*/*/T/podman/*", general: 5),
        SocketLocation("podman machine (macOS)", "/private/var/folders/*/*/T/podman/*", general: 6),
        SocketLocation("Finch", "/Applications/Finch/lima/data/finch/sock/*", general: 1),
        SocketLocation("Docker Desktop (macOS)", "~/.docker/run/docker.sock", general: 1),
        SocketLocation("Docker Desktop (Linux)", "~/.docker/desktop/docker.sock", general: 1),
        SocketLocation("Docker Desktop (macOS)", "~/Library/Containers/com.docker.docker/Data/docker.raw.sock", general: 2),
        SocketLocation("Colima", "~/.colima/*/docker.sock"),
        SocketLocation("Colima", "~/.colima/*/containerd.sock"),
        SocketLocation("Colima (0.3 and older)", "~/.colima/docker.sock"),
        SocketLocation("Colima (XDG config)", "~/.config/colima/*/docker.sock", general: 1),
        SocketLocation("Rancher Desktop", "~/.rd/docker.sock"),
        SocketLocation("OrbStack", "~/.orbstack/run/docker.sock"),
        SocketLocation("lima", "~/.lima/*/sock/*"),
        SocketLocation("podman machine", "~/.local/share/containers/podman/machine/*/podman.sock", general: 3),
        SocketLocation("podman machine", "~/.local/share/containers/podman/machine/*/*/podman.sock", general: 3),
    ]

    /// Sockets in a runtime directory named by the environment (`$XDG_RUNTIME_DIR`), wherever it is.
    static func inRuntimeDirectory(_ directory: String) -> [SocketLocation] {
        let base = RuntimeSockets.normalize(directory)
        let root = base == "/" ? "" : base
        return [
            SocketLocation("rootless Docker ($XDG_RUNTIME_DIR)", root + "/docker.sock"),
            SocketLocation("rootless Docker's containerd ($XDG_RUNTIME_DIR)", root + "/docker/containerd/containerd.sock"),
            SocketLocation("rootless podman ($XDG_RUNTIME_DIR)", root + "/podman/podman.sock"),
            SocketLocation("rootless BuildKit ($XDG_RUNTIME_DIR)", root + "/buildkit/buildkitd.sock"),
            SocketLocation("rootless containerd's RootlessKit ($XDG_RUNTIME_DIR)", root + "/containerd-rootless/api.sock"),
        ]
    }

    /// How a normalised absolute path relates to a known socket location: it is the socket (or
    /// below it), or a directory above it. Nil when it is neither.
    static func relation(of path: String, host: HostFacts) -> String? {
        if host.runtimeDirectorySockets.isEmpty, cannotRelate(path) { return nil }
        let components = path.split(separator: "/")
        for location in all where !location.home {
            if let found = relation(components[...], location, prefix: "") { return found }
        }
        for location in host.runtimeDirectorySockets {
            if let found = relation(components[...], location, prefix: "") { return found }
        }
        for location in all where location.home {
            // A home location under `Library` is macOS's, and only homes in /Users have one.
            let first = location.parts[0]
            if first == "Library" {
                guard components.count > 2, components[0] == "Users" else { continue }
                if let found = relation(components[2...], location, prefix: "/Users/" + components[1]) { return found }
                continue
            }
            for index in components.indices where components[index] == first {
                let home = "/" + components[..<index].joined(separator: "/")
                if let found = relation(components[index...], location, prefix: home == "/" ? "" : home) { return found }
            }
        }
        return nil
    }

    /// The first directories of the system locations, each as `/NAME` and `/NAME/`.
    private static let systemRoots: [(String, String)] = Array(Set(all.filter { !$0.home }.map { String($0.parts[0]) })).sorted()
        .map { ("/" + $0, "/" + $0 + "/") }

    /// A cheap test for most paths (`check --file` judges every bind of a hundred thousand lines):
    /// not `/`, not under a system location's first directory, and with no component that starts
    /// with `.` or is `Library`, where every home location starts.
    private static func cannotRelate(_ path: String) -> Bool {
        guard path != "/", !systemRoots.contains(where: { path == $0.0 || path.hasPrefix($0.1) }) else { return false }
        var previous: UInt8 = 0
        var bytes = path.utf8.makeIterator()
        while let byte = bytes.next() {
            if previous == UInt8(ascii: "/"), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "L") { return false }
            previous = byte
        }
        return true
    }

    /// Whether each part matches its pattern (`*` matches any), over the shorter of the two. An index
    /// loop rather than zip: the first zip of a new pair of types instantiates its metadata from a
    /// mangled name at run time, about a million instructions on a harden start.
    static func partsMatch(_ parts: ArraySlice<Substring>, _ patterns: ArraySlice<Substring>) -> Bool {
        var (i, j) = (parts.startIndex, patterns.startIndex)
        while i < parts.endIndex, j < patterns.endIndex {
            if patterns[j] != "*", parts[i] != patterns[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    private static func relation(_ path: ArraySlice<Substring>, _ location: SocketLocation, prefix: String) -> String? {
        guard partsMatch(path, location.parts[...]) else { return nil }
        let concrete = prefix + "/" + location.parts.joined(separator: "/")
        if location.general > 0, path.count <= location.general { return nil }
        if path.count >= location.parts.count {
            return path.count == location.parts.count ? "is \(location.engine)'s socket (\(concrete))" : "is inside \(location.engine)'s socket (\(concrete))"
        }
        return "is a directory holding \(concrete) (\(location.engine))"
    }
}
