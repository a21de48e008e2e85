import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader sees either the old content or the whole new one, never a part:
/// a temporary file in the same directory, fsync, rename over the target, fsync the directory.
/// Two harden processes writing the same cache entry at once both succeed, and either one wins.
public enum AtomicFile {
    /// Throws a one-line description of what failed (the caller adds what it was writing).
    /// With `replace: false` an existing file is never touched, even one created a moment before:
    /// the finished temporary file is hard-linked into place, which fails with EEXIST where a
    /// rename would overwrite (`harden init` promises not to overwrite anything).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644, replace: Bool = true) throws(AtomicFileError) {
        let directory = PathText.deletingLastComponent(path)
        let name = PathText.lastComponent(path)
        let temporary = directory + "/." + name + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AtomicFileError(operation: "create \(temporary)", errno: errno) }
        var failure: AtomicFileError?
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count, failure == nil {
            let count = bytes.withUnsafeMutableBytes { buffer in systemWrite(fd, buffer.baseAddress! + written, buffer.count - written) }
            if count < 0, errno != EINTR { failure = AtomicFileError(operation: "write \(temporary)", errno: errno) }
            if count > 0 { written += count }
        }
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

    public var description: String { "cannot \(operation): \(String(cString: strerror(errno)))" }

    /// What the user can do about it, by cause: the same hint for a full disk and a missing
    /// directory would send them looking in the wrong place.
    public var advice: String {
        switch errno {
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
