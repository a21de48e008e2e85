import FoundationEssentials
import Glibc

/// What `stat(2)` says about a host file, after following symlinks: enough to tell a regular file
/// from a socket or a directory, and who may read it. A value, so tests can describe files that
/// are not there.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case regular = "a regular file", directory = "a directory", socket = "a socket", other = "not a regular file"
    }

    public var kind: Kind
    public var uid: Int
    public var gid: Int
    /// The permission bits only (0o7777).
    public var mode: Int

    public init(kind: Kind, uid: Int, gid: Int, mode: Int) {
        self.kind = kind; self.uid = uid; self.gid = gid; self.mode = mode
    }

    /// `0640`, as chmod takes it.
    public var octalMode: String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The file at `path` on this machine, or nil when it does not exist or cannot be reached.
    public static func of(_ path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = Int(info.st_mode) & Int(S_IFMT)
        let kind: Kind = type == Int(S_IFREG) ? .regular : type == Int(S_IFDIR) ? .directory : type == Int(S_IFSOCK) ? .socket : .other
        return FileStatus(kind: kind, uid: Int(info.st_uid), gid: Int(info.st_gid), mode: Int(info.st_mode) & 0o7777)
    }
}
