import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader sees either the old content or the whole new one, never a part:
/// a temporary file in the same directory, fsync, rename over the target, fsync the directory.
/// Two harden processes writing the same cache entry at once both succeed, and either one wins.
///
/// Every file harden writes goes through here (`oci -o`/`--bundle`, the seccomp profiles of
/// `compose` and `k8s`, the seccomp cache, `init`), so what the name already is decides how:
/// - nothing there, or a regular file: the atomic rename;
/// - a character device or a FIFO (`/dev/null`, a terminal, a pipe): written into, as a shell's `>`
///   does. Renaming over one replaced `/dev/null` itself with a regular file when run as root;
/// - a name reached through a process's descriptors (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`):
///   written into that descriptor's file, appending, so `-o /dev/stdout >> log` keeps the log;
/// - a symlink to a regular file: the link's final target is replaced atomically and the link kept
///   (a config managed through a link stays managed). A dangling link, and a link owned by another
///   user than the caller or root (in /tmp, or in another user's bundle directory), are refused:
///   following them writes where the link's owner chose, not the caller;
/// - a socket, a block device or a directory: refused, as nothing sensible is written into them.
public enum AtomicFile {
    /// Throws a one-line description of what failed (the caller adds what it was writing).
    /// With `replace: false` an existing file is never touched, even one created a moment before:
    /// the finished temporary file is hard-linked into place, which fails with EEXIST where a
    /// rename would overwrite (`harden init` promises not to overwrite anything).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644, replace: Bool = true) throws(AtomicFileError) {
        guard replace else { return try writeAtomically(text, to: path, mode: mode, replace: false) }
        switch try destination(of: path) {
        case .replace(let target): try writeAtomically(text, to: target, mode: mode, replace: true)
        case .into(let flags): try writeInto(text, path: path, flags: flags)
        }
    }

    enum Destination: Equatable {
        /// The regular file (or free name) to rename over.
        case replace(String)
        /// Opened and written in place with these extra open flags.
        case into(Int32)
    }

    /// How `path` is to be written, from what is at it now.
    static func destination(of path: String) throws(AtomicFileError) -> Destination {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .replace(path) }
        if isType(link, S_IFLNK) {
            if reachesDescriptor(path) { return .into(O_APPEND) }
            if let owner = foreignLinkOwner(path, link) {
                throw AtomicFileError(operation: "write through the symlink \(path) (owned by uid \(owner), neither this user nor root)", errno: EPERM,
                                     hint: "write to the link's target by its own name")
            }
            var target = stat()
            guard stat(path, &target) == 0 else {
                throw AtomicFileError(operation: "write through the symlink \(path) (its target is missing)", errno: errno,
                                     hint: "write to the target by its own name, or remove the link")
            }
            if isType(target, S_IFREG) {
                guard let real = realpath(path, nil) else { return .replace(path) }
                defer { free(real) }
                return .replace(String(cString: real))
            }
            return try kind(target, path)
        }
        return try kind(link, path)
    }

    private static func kind(_ status: stat, _ path: String) throws(AtomicFileError) -> Destination {
        if isType(status, S_IFREG) { return .replace(path) }
        if isType(status, S_IFCHR) || isType(status, S_IFIFO) { return .into(O_TRUNC) }
        if isType(status, S_IFDIR) { throw AtomicFileError(operation: "write to \(path)", errno: EISDIR, hint: "name a file inside the directory") }
        if isType(status, S_IFSOCK) { throw AtomicFileError(operation: "write to \(path), a socket", errno: ENXIO, hint: "name a regular file, a character device or a FIFO") }
        throw AtomicFileError(operation: "write to \(path), a block device", errno: EINVAL, hint: "name a regular file, a character device or a FIFO")
    }

    private static func isType(_ status: stat, _ type: mode_t) -> Bool { status.st_mode & S_IFMT == type }

    /// Whether the link chain from `path` passes through `/proc` (`/dev/stdout` -> `/proc/self/fd/1`):
    /// those are names of open descriptors, whose files are not to be replaced by name.
    static func reachesDescriptor(_ path: String) -> Bool {
        var current = path
        for _ in 0..<40 {
            if current.hasPrefix("/proc/") || current.hasPrefix("/dev/fd/") { return true }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return false }
            current = target.hasPrefix("/") ? target : PathText.appending(PathText.deletingLastComponent(current), target)
        }
        return false
    }

    /// The owner of a link this process does not follow: one owned neither by us nor by root. The
    /// kernel's protected_symlinks refuses such links only in sticky world-writable directories;
    /// a root harden writing a bundle in another user's directory would otherwise replace whatever
    /// file that user's `config.json` link names (/etc/shadow).
    private static func foreignLinkOwner(_ path: String, _ link: stat) -> uid_t? {
        link.st_uid == geteuid() || link.st_uid == 0 ? nil : link.st_uid
    }

    /// Writes into what is already there; no temporary file, no rename, nothing created.
    private static func writeInto(_ text: String, path: String, flags: Int32) throws(AtomicFileError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | flags)
        guard fd >= 0 else { throw AtomicFileError(operation: "open \(path)", errno: errno) }
        var failure = writeAll(text, to: fd, shown: path)
        if close(fd) != 0, failure == nil, errno != EINTR { failure = AtomicFileError(operation: "close \(path)", errno: errno) }
        if let failure { throw failure }
    }

    private static func writeAll(_ text: String, to fd: Int32, shown: String) -> AtomicFileError? {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in systemWrite(fd, buffer.baseAddress! + written, buffer.count - written) }
            if count < 0, errno != EINTR { return AtomicFileError(operation: "write \(shown)", errno: errno) }
            if count > 0 { written += count }
        }
        return nil
    }

    private static func writeAtomically(_ text: String, to path: String, mode: mode_t, replace: Bool) throws(AtomicFileError) {
        let directory = PathText.deletingLastComponent(path)
        let name = PathText.lastComponent(path)
        let temporary = directory + "/." + name + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AtomicFileError(operation: "create \(temporary)", errno: errno) }
        var failure = writeAll(text, to: fd, shown: temporary)
        if failure == nil, fsync(fd) != 0 { failure = AtomicFileError(operation: "fsync \(temporary)", errno: errno) }
        if close(fd) != 0, failure == nil { failure = AtomicFileError(operation: "close \(temporary)", errno: errno) }
        if failure == nil, replace, rename(temporary, path) != 0 { failure = AtomicFileError(operation: "rename to \(path)", errno: errno) }
        if failure == nil, !replace, link(temporary, path) != 0 { failure = AtomicFileError(operation: "create \(path)", errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        if !replace { unlink(temporary) }
        // The rename is durable only once the directory entry is; a failure here loses nothing
        // that a rerun would not rewrite, so it is not an error.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}

public struct AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var errno: Int32
    /// Advice for a refusal whose cause errno alone does not tell (a dangling link, a socket).
    public var hint: String?

    public init(operation: String, errno: Int32, hint: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.hint = hint
    }

    public var description: String { "cannot \(operation): \(String(cString: strerror(errno)))" }

    /// What the user can do about it, by cause: the same hint for a full disk and a missing
    /// directory would send them looking in the wrong place.
    public var advice: String {
        if let hint { return hint }
        return switch errno {
        case ENOENT, ENOTDIR: "create the directory first, or write somewhere that exists"
        case EACCES, EPERM, EROFS: "write to a directory you can write to"
        case ENOSPC, EDQUOT: "free some space on that filesystem, or write elsewhere"
        case EFBIG: "the file size limit (ulimit -f) is below the output's size; raise it"
        case EEXIST: "move the existing file away, or choose another name"
        default: "check the directory and try again"
        }
    }
}

/// `write(2)`, named apart from `AtomicFile.write` so the call inside it is not taken for a recursion.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
