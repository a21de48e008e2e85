import FoundationEssentials
import Glibc

/// What the validator may learn from the machine it runs on, passed in so that rules stay pure and
/// tests can describe a host instead of depending on this one.
public struct HostFacts: Sendable {
    /// Where a relative bind source (`-v ./data:/data`) is read from, as the docker CLI reads it.
    public var currentDirectory: String
    /// A host path with every symlink along it followed, as far as the links exist; nil when no
    /// link was followed. The path need not exist at the end, so a link to a socket that is not
    /// there yet still counts.
    public var resolveSymlinks: @Sendable (String) -> String?
    /// A container runtime socket found inside an existing host directory, looking a few levels down.
    public var socketBelow: @Sendable (String) -> String?
    /// A small host file's text (a seccomp profile named by `seccomp=FILE`), nil when unreadable.
    public var readFile: @Sendable (String) -> String?
    /// Owner, group and mode of a host file (a secret), following symlinks; nil when it is not there.
    public var fileStatus: @Sendable (String) -> FileStatus?
    /// Today as YYYY-MM-DD (UTC), for the expiry of policy exceptions.
    public var today: String
    /// Socket locations under the runtime directory the environment names (`$XDG_RUNTIME_DIR`),
    /// judged as the known ones are, wherever that directory is.
    var runtimeDirectorySockets: [SocketLocation] = []
    /// The broker configuration harden writes for a section list as the `io.harden.broker` label
    /// spells it, nil when it writes none: how a broker is recognised (`BrokerShape`). The
    /// generator lives with the other writers, so the commands hand it in; without it, no launch
    /// is a broker and every socket mount stays `runtime-socket`.
    public var brokerConfig: @Sendable (String) -> String? = { _ in nil }

    public init(
        currentDirectory: String, today: String,
        resolveSymlinks: @escaping @Sendable (String) -> String? = { _ in nil },
        socketBelow: @escaping @Sendable (String) -> String? = { _ in nil },
        readFile: @escaping @Sendable (String) -> String? = { _ in nil },
        fileStatus: @escaping @Sendable (String) -> FileStatus? = { _ in nil }
    ) {
        self.currentDirectory = currentDirectory
        self.today = today
        self.resolveSymlinks = resolveSymlinks
        self.socketBelow = socketBelow
        self.readFile = readFile
        self.fileStatus = fileStatus
    }

    /// This machine.
    public static func live(currentDirectory: String) -> HostFacts {
        var host = HostFacts(
            currentDirectory: currentDirectory, today: isoDate(Date()),
            resolveSymlinks: { followLinks($0) },
            socketBelow: { RuntimeSockets.socketBelow($0) },
            readFile: { path in
                guard let data = FileManager.default.contents(atPath: path), data.count < 4 << 20 else { return nil }
                return String(data: data, encoding: .utf8)
            },
            fileStatus: { FileStatus.of($0) })
        if let directory = getenv("XDG_RUNTIME_DIR").map({ String(cString: $0) }), directory.hasPrefix("/") {
            host.runtimeDirectorySockets = SocketLocations.inRuntimeDirectory(directory)
        }
        return host
    }

    /// A host where nothing exists: pure reading of what was written.
    public static func nothing(currentDirectory: String = "/", today: String = "2000-01-01") -> HostFacts {
        HostFacts(currentDirectory: currentDirectory, today: today)
    }

    /// An absolute host path for a bind source, as the docker CLI makes one: a source starting with
    /// `.` (`.`, `..`, `./x`, `../x`, `.name`) is joined to the current directory (docker/cli
    /// `container/opts.go`: `!filepath.IsAbs(hostPart) && strings.HasPrefix(hostPart, ".")`, then
    /// `filepath.Abs`); nil for what no engine reads as a path (`~/x` reaches dockerd unexpanded and is refused).
    public func absolute(_ source: String) -> String? {
        if source.hasPrefix("/") { return source }
        if source.hasPrefix(".") { return currentDirectory + "/" + source }
        return nil
    }

    /// gmtime_r, not Calendar: a UTC Calendar loads ICU's time zone data, a tenth of every start.
    static func isoDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        _ = gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
    }

    /// Follows symlinks component by component (at most 40, as the kernel does), folding `..` only
    /// once the prefix before it is resolved: the kernel reads `lnk/..` as the parent of the link's
    /// target, not as the directory holding the link. What does not exist is folded as written.
    package static func followLinks(_ path: String) -> String? {
        followLinks(path) { try? FileManager.default.destinationOfSymbolicLink(atPath: $0) }
    }

    /// `readLink` is where a link points (nil for what is not a link), so tests can describe a host.
    static func followLinks(_ path: String, readLink: (String) -> String?) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var pending = path.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." { continue }
            if part == ".." { if !resolved.isEmpty { resolved.removeLast() }; continue }
            let candidate = "/" + (resolved + [part]).joined(separator: "/")
            if hops < 40, let target = readLink(candidate) {
                hops += 1
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/").map(String.init) + pending
                continue
            }
            resolved.append(part)
        }
        return hops == 0 ? nil : "/" + resolved.joined(separator: "/")
    }
}
