import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `harden run` keeps generated filters for the engine to read: one file per content,
/// named by its SHA-256, so a file is written once and reused by every later run that needs it.
///
/// Directories, first usable wins: `$XDG_CACHE_HOME/harden/seccomp`, `~/.cache/harden/seccomp`,
/// then `$TMPDIR/harden-UID/seccomp` (or /tmp), so harden runs without a writable home (CI, a
/// read-only home, a service account). The temporary fallback is shared with other users, so its
/// top directory must be ours, a real directory and closed to others; otherwise it is passed over.
public enum SeccompCache {
    public struct Candidate: Sendable, Equatable {
        public var directory: String
        /// A directory that must already exist for this candidate to be used: harden creates its
        /// own folders below a home or temporary directory, never the home itself.
        public var base: String?
    }

    public static func candidates(environment: [String: String], uid: UInt32) -> [Candidate] {
        func clean(_ path: String) -> String { path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path }
        // A replacement costs more than the rest of this; most paths have no "//".
        func single(_ path: String) -> String {
            var previous: UInt8 = 0
            for byte in path.utf8 {
                if byte == 0x2F && previous == 0x2F { return path.replacingText("//", with: "/") }
                previous = byte
            }
            return path
        }
        var result: [Candidate] = []
        // The XDG spec says a relative value is invalid and must be ignored, and that a missing
        // directory is created.
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { result.append(Candidate(directory: clean(cache) + "/harden/seccomp")) }
        if let home = environment["HOME"], home.hasPrefix("/") {
            result.append(Candidate(directory: single(clean(home) + "/.cache/harden/seccomp"), base: clean(home)))
        }
        let temporary = environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? clean($0) : nil } ?? "/tmp"
        result.append(Candidate(directory: single(temporary + "/harden-\(uid)/seccomp"), base: temporary))
        return result
    }

    /// Stores `text` and returns the file's path. An existing file with exactly this content is
    /// reused; anything else under that name is replaced atomically.
    public static func store(_ text: String, environment: [String: String], uid: UInt32 = getuid()) throws(HardenError) -> String {
        try store(key: nil, environment: environment, uid: uid) { text }
    }

    /// What a generated filter depends on: the profile's seccomp section, no-new-privileges, the
    /// file format, and the code and tables of this very binary (its build ID). Nil without a build
    /// ID: a cache keyed by anything less could hand a new harden an old harden's filter.
    package static func inputKey(_ policy: Profile.SeccompPolicy, noNewPrivileges: Bool, format: SeccompJSON.Format,
                         build: String? = BuildID.executable) -> String? {
        guard let build else { return nil }
        // Counted lists, so no two different inputs can run together into the same text.
        func list(_ items: [String]) -> String { "\(items.count):" + items.map { "\($0.utf8.count):\($0)" }.joined() }
        let families = policy.socketFamilies.map(list) ?? "default"
        return SHA256.hex("harden seccomp input 1\n\(build)\n\(format == .oci ? "oci" : "docker")\n\(noNewPrivileges)\n"
            + "\(list(policy.allow))\n\(list(policy.deny))\n\(list([policy.defaultAction]))\n\(families)\n"
            // A resolved profile has none (the merge folds them into allow and deny); keys without them stay as they were.
            + (policy.add.isEmpty && policy.remove.isEmpty ? "" : "\(list(policy.add))\n\(list(policy.remove))\n"))
    }

    /// The filter `generate` writes, stored as `store(_:)` does. With `key` (see `inputKey`), a filter
    /// generated before from the same inputs is found through `by-input/KEY`, a link to its file,
    /// and reused once its content still matches its name, without generating it again: generating
    /// is most of what `harden run` costs before it starts the engine.
    package static func store(key: String?, environment: [String: String], uid: UInt32 = getuid(),
                      generate: () -> String) throws(HardenError) -> String {
        var generated: (text: String, name: String)?
        var reasons: [String] = []
        for candidate in candidates(environment: environment, uid: uid) {
            let directory = candidate.directory
            if let base = candidate.base, !isDirectory(base) {
                reasons.append("\(directory): \(base) is not an existing directory")
                continue
            }
            if let problem = prepare(directory, uid: uid) {
                reasons.append("\(directory): \(problem)")
                continue
            }
            if let key, let path = linked(key, in: directory) { return path }
            let (text, name) = generated ?? { let text = generate(); return (text, SHA256.hex(text) + ".json") }()
            generated = (text, name)
            let path = directory + "/" + name
            if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) {
                if let key { link(key, to: name, in: directory) }
                return path
            }
            do {
                try AtomicFile.write(text, to: path)
                if let key { link(key, to: name, in: directory) }
                return path
            } catch {
                reasons.append("\(directory): \(error)")
            }
        }
        throw .input("cannot write the generated seccomp filter (\(reasons.joined(separator: "; "))); set XDG_CACHE_HOME to a writable directory, or write it with `harden seccomp PROFILE > FILE` and pass --security-opt seccomp=FILE")
    }

    /// The file `by-input/KEY` leads to, if it is there and still what its name says. The link is
    /// made after the file is written or checked, and any later write, chmod or replacement of the
    /// file moves its change time (which no user can set) past the link's: only then is the
    /// content hashed again, which would otherwise be a sixth of a start.
    static func linked(_ key: String, in directory: String) -> String? {
        let link = directory + "/by-input/" + key
        var target = [CChar](repeating: 0, count: 128)
        let length = readlink(link, &target, target.count - 1)
        guard length == 3 + 64 + 5 else { return nil }
        let name = String(decoding: target[3..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard target[0..<3].elementsEqual("../".utf8.map { CChar(bitPattern: $0) }), name.hasSuffix(".json"),
              name.utf8.prefix(64).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        let path = directory + "/" + name
        var linkInfo = stat(), fileInfo = stat()
        guard lstat(link, &linkInfo) == 0, stat(path, &fileInfo) == 0, fileInfo.st_mode & S_IFMT == S_IFREG else { return nil }
        let changed = (fileInfo.st_ctim.tv_sec, fileInfo.st_ctim.tv_nsec), linked = (linkInfo.st_ctim.tv_sec, linkInfo.st_ctim.tv_nsec)
        // Strictly earlier: timestamps are taken from a clock that ticks every few milliseconds.
        if changed < linked { return path }
        guard let content = FileManager.default.contents(atPath: path), SHA256.hex(bytes: content) + ".json" == name else { return nil }
        // Made anew, the link is now later than the file, and the next run need not hash it.
        Self.link(key, to: name, in: directory)
        return path
    }

    /// Points `by-input/KEY` at the file, replacing any older link atomically. Best effort: without
    /// the link the next run generates the filter again, which is slower and no less right.
    static func link(_ key: String, to name: String, in directory: String) {
        let links = directory + "/by-input"
        guard mkdir(links, 0o700) == 0 || errno == EEXIST else { return }
        let temporary = links + "/.\(key).tmp-\(getpid())"
        unlink(temporary)
        guard symlink("../" + name, temporary) == 0 else { return }
        if rename(temporary, links + "/" + key) != 0 { unlink(temporary) }
    }

    /// Creates the directory if needed; a reason it cannot be used, or nil.
    static func prepare(_ directory: String, uid: UInt32) -> String? {
        let marker = "/harden-\(uid)/"
        if let range = directory.rangeOfText(marker) {
            // The per-user directory in a shared temporary directory.
            let top = String(directory[..<range.upperBound].dropLast())
            if mkdir(top, 0o700) != 0, errno != EEXIST { return "cannot create \(top): \(String(cString: strerror(errno)))" }
            var info = stat()
            guard lstat(top, &info) == 0 else { return "cannot inspect \(top): \(String(cString: strerror(errno)))" }
            guard info.st_mode & S_IFMT == S_IFDIR else { return "\(top) is not a directory (a symbolic link?); remove it" }
            guard info.st_uid == uid else { return "\(top) belongs to uid \(info.st_uid), not \(uid); remove it" }
            guard info.st_mode & 0o077 == 0 else { return "\(top) is open to other users (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 700 it" }
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "cannot create it (\(describe(error)))"
        }
        guard access(directory, W_OK) == 0 else { return "not writable" }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory
    }

    private static func describe(_ error: Error) -> String {
        SystemError.describe(error)
    }
}
