import FoundationEssentials
import Glibc

/// Recognises host paths that expose a container runtime's API socket. Mounting one hands the
/// container root on the host, whatever the mount's read-only flag says (connect() needs no write
/// permission on a bind mount), so these are refused before anything runs.
///
/// The rule is about a path's relation to the places engines put their sockets
/// (`SocketLocations.all`), not a list of paths: the socket itself, anything below it, and every
/// directory above it is a socket mount, on any host. Where the path exists on this host, a bounded
/// look inside also finds sockets in homes (`/home/alice` holding `.colima/default/docker.sock`),
/// which no relation can know of for a home harden cannot see.
public enum RuntimeSockets {
    /// File names that are a runtime's socket wherever they are found.
    public static let socketNames: Set<String> = [
        "docker.sock", "containerd.sock", "crio.sock", "podman.sock", "dockershim.sock",
        "buildkitd.sock", "cri-dockerd.sock", "docker.raw.sock", "docker-cli.sock", "balena-engine.sock",
        "containerd.sock.ttrpc",
    ]

    /// Folded as `PathLexical` folds an absolute path (a relative one is read from `/`), and
    /// `/var/run` read as `/run` (a symlink on every distribution).
    public static func normalize(_ path: String) -> String {
        var parts = PathLexical.components(path, absolute: true)
        if parts.count >= 2, parts[0] == "var", parts[1] == "run" { parts.removeFirst() }
        return "/" + parts.joined(separator: "/")
    }

    enum ProcLink: Equatable { case directory(String), openFile }

    /// What a path through a process's magic links in the host's /proc reaches, as dockerd (which
    /// binds it from the host) follows them whatever this host lets harden read: `/proc/PID/root`
    /// and `/proc/PID/cwd` are that process's root and directory, the host's `/` for PID 1 and the
    /// engines; `/proc/PID/fd/N` and `map_files` are its open files.
    static func procLink(_ normalized: String) -> ProcLink? {
        guard normalized.hasPrefix("/proc/") else { return nil }
        let parts = normalized.split(separator: "/")
        let isNumber: (Substring) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        let isProcess: (Substring) -> Bool = { $0 == "self" || $0 == "thread-self" || isNumber($0) }
        guard parts.count >= 3, parts[0] == "proc", isProcess(parts[1]) else { return nil }
        var index = 2
        if parts[index] == "task", parts.count >= index + 3, isNumber(parts[index + 1]) { index += 2 }
        switch parts[index] {
        case "root", "cwd": return .directory("/" + parts[(index + 1)...].joined(separator: "/"))
        case "fd", "map_files": return .openFile
        default: return nil
        }
    }

    /// Why an absolute host path exposes a runtime socket, or nil when it does not. The path is
    /// judged as written (folded) and as the host resolves it: symlinks followed component by
    /// component before `..` is folded, since the kernel reads `lnk/..` as the parent of the
    /// link's target, so `/srv/lnk/../docker.sock` with `lnk -> /run/x` is `/run/docker.sock`.
    public static func exposure(ofHostPath path: String, host: HostFacts) -> String? {
        let written = normalize(path)
        var candidates = [written]
        if let resolved = host.resolveSymlinks(path).map(normalize), resolved != written { candidates.append(resolved) }
        switch procLink(written) {
        case .directory(let inside): candidates.append(normalize(inside))
        case .openFile: return "\(path) reaches the open files of a host process, and dockerd, containerd and the other engines hold their API sockets open"
        case nil: break
        }
        for candidate in candidates {
            let via = candidate == written ? "\(path)" : "\(path) resolves to \(candidate), which"
            let name = candidate.split(separator: "/").last.map(String.init) ?? ""
            if socketNames.contains(name) {
                return candidate == written ? "\(path) is the \(name) runtime socket" : "\(path) resolves to \(candidate), the \(name) runtime socket"
            }
            if let relation = SocketLocations.relation(of: candidate, host: host) {
                return "\(via) \(relation)"
            }
            // Where /var/run is a directory of its own rather than a link to /run, the sockets are in it.
            if candidate == "/var" {
                return "\(path) is a directory holding /var/run, where runtime sockets live on hosts that do not link it to /run"
            }
            if let found = host.socketBelow(candidate) {
                return "\(via) is a directory holding \(found)"
            }
        }
        return nil
    }

    /// A bounded look inside an existing host directory, for the live host:
    /// - each known home location, taking the directory as a home or as a directory on the way
    ///   (`~/.config`), and each of its entries as a home (`/home` holds
    ///   `/home/alice/.docker/run/docker.sock`), whatever the file is;
    /// - then, breadth first and `depth` levels down, a file with a runtime socket's name.
    /// A socket of another name is not a finding: an X11, PulseAudio, D-Bus or ssh-agent socket is
    /// not a runtime, and a hard rule that no policy can lift must not refuse `/tmp/.X11-unix`.
    /// At most `budget` directory entries are read, so binding a large tree does not stall the launch.
    static func socketBelow(_ directory: String, depth: Int = 2, budget: Int = 20_000) -> String? {
        var remaining = budget
        func entries(_ path: String) -> [String] {
            guard remaining > 0, let stream = opendir(path) else { return [] }
            defer { closedir(stream) }
            var names: [String] = []
            while remaining > 0, let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                remaining -= 1
                names.append(name)
            }
            return names
        }
        func exists(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0
        }
        func isDirectory(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }
        guard isDirectory(directory) else { return nil }
        let join = { (base: String, name: String) in base == "/" ? "/" + name : base + "/" + name }
        // Each entry could be a home; the first few hundred are looked at, as /home and /Users hold.
        let homes = [directory] + entries(directory).prefix(512).map { join(directory, $0) }.filter(isDirectory)
        // Wildcards are expanded by listing, one level at a time, within the same budget.
        func probe(_ base: String, _ parts: ArraySlice<Substring>) -> String? {
            var found = [base]
            for part in parts {
                found = part == "*" ? found.flatMap { base in entries(base).map { join(base, $0) } } : found.map { join($0, String(part)) }
                found = found.filter(exists)
                if found.isEmpty { return nil }
            }
            return found.first
        }
        let components = directory.split(separator: "/")
        for location in SocketLocations.all where location.home || location.general > 0 {
            // The directory as a home, or as one of the directories of general use on the way to the
            // socket (`~/.config` for `~/.config/colima/*/docker.sock`): the rest is looked for below it.
            guard location.home else {
                // A system place whose first directories are of general use (macOS's $TMPDIR).
                if components.count <= location.general, SocketLocations.partsMatch(components[...], location.parts[...]),
                   let found = probe(directory, location.parts.dropFirst(components.count)) { return "\(found) (\(location.engine))" }
                continue
            }
            for taken in 0..<location.parts.count where taken <= components.count {
                let tail = components.suffix(taken)
                guard SocketLocations.partsMatch(tail, location.parts[...]) else { continue }
                if let found = probe(directory, location.parts.dropFirst(taken)) { return "\(found) (\(location.engine))" }
            }
        }
        for home in homes.dropFirst() {
            for location in SocketLocations.all where location.home {
                if let found = probe(home, location.parts[...]) { return "\(found) (\(location.engine))" }
            }
        }
        var level = [directory]
        for _ in 0..<depth {
            var next: [String] = []
            for current in level {
                for entry in entries(current) {
                    let path = join(current, entry)
                    if socketNames.contains(entry) { return path }
                    // Links are not followed below the top: a link inside points wherever it likes.
                    if isDirectory(path) { next.append(path) }
                }
            }
            level = next
        }
        return nil
    }
}
