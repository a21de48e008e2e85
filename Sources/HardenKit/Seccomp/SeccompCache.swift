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
        let name = SHA256.hex(text) + ".json"
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
            let path = directory + "/" + name
            if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) { return path }
            do {
                try AtomicFile.write(text, to: path)
                return path
            } catch {
                reasons.append("\(directory): \(error)")
            }
        }
        throw .input("cannot write the generated seccomp filter (\(reasons.joined(separator: "; "))); set XDG_CACHE_HOME to a writable directory, or write it with `harden seccomp PROFILE > FILE` and pass --security-opt seccomp=FILE")
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
