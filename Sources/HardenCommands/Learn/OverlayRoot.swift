import FoundationEssentials
import HardenModel
import Glibc

/// A bundle's rootfs with an overlay on top, for one run: the workload writes to the upper
/// directory, which is also the record of what it wrote, and the user's rootfs stays as it was
/// (the runtime's mount points, made for tmpfs and binds, land in the upper directory too).
final class OverlayRoot {
    let lower: String
    let directory: String
    var merged: String { directory + "/rootfs" }
    var upper: String { directory + "/upper" }
    private var mounted = false

    private init(lower: String, directory: String) { self.lower = lower; self.directory = directory }

    /// Mounts LOWER read-only under a new overlay in `directory`, or says why it cannot.
    static func mount(lower: String, in directory: String) -> Result<OverlayRoot, LearnProblem> {
        let root = OverlayRoot(lower: lower, directory: directory)
        // The mount options are a comma-separated list with ':' between lower layers.
        if (lower + directory).contains(where: { $0 == "," || $0 == ":" }) {
            return .failure(LearnProblem("\(lower): a path with ',' or ':' cannot be an overlay layer; move the bundle or set TMPDIR to a plain path"))
        }
        for path in [directory, root.merged, root.upper, directory + "/work"] where Glibc.mkdir(path, 0o700) != 0 && errno != EEXIST {
            return .failure(LearnProblem("cannot create \(path): \(String(cString: strerror(errno))); set TMPDIR to a writable directory"))
        }
        // The overlay's root takes the upper directory's owner and mode: the lower root's, or a
        // workload that is not root could not even look up /bin.
        var top = stat()
        guard lstat(lower, &top) == 0, chown(root.upper, top.st_uid, top.st_gid) == 0, chmod(root.upper, top.st_mode & 0o7777) == 0 else {
            root.remove()
            return .failure(LearnProblem("cannot give \(root.upper) the owner and mode of \(lower): \(String(cString: strerror(errno)))"))
        }
        let options = "lowerdir=\(lower),upperdir=\(root.upper),workdir=\(directory)/work"
        guard Glibc.mount("overlay", root.merged, "overlay", 0, options) == 0 else {
            let why = errno == EPERM ? "not permitted (harden learn --bundle runs as root)" : String(cString: strerror(errno))
            root.remove()
            return .failure(LearnProblem("cannot mount an overlay over \(lower) at \(root.merged): \(why)"))
        }
        root.mounted = true
        return .success(root)
    }

    /// Unmounts and deletes the overlay's directories; the lower rootfs is never touched.
    func remove() {
        if mounted, umount2(merged, Int32(MNT_DETACH)) == 0 { mounted = false }
        guard !mounted else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { remove() }

    /// Everything in the upper directory, as paths inside the container.
    func entries() -> [RootWrites.UpperEntry] {
        var found: [RootWrites.UpperEntry] = []
        walk("") { path, info in
            let whiteout = (info.st_mode & S_IFMT) == S_IFCHR && info.st_rdev == 0
            var below = stat()
            found.append(RootWrites.UpperEntry(path: path, whiteout: whiteout, inLower: lstat(lower + path, &below) == 0))
        }
        return found
    }

    /// Bytes of the regular files written under a directory of the container.
    func size(of path: String) -> Int64 {
        var total: Int64 = 0
        walk(path == "/" ? "" : path) { _, info in
            if (info.st_mode & S_IFMT) == S_IFREG { total += Int64(info.st_size) }
        }
        return total
    }

    private func walk(_ relative: String, _ visit: (String, stat) -> Void) {
        guard let handle = opendir(upper + relative) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let path = relative + "/" + name
            var info = stat()
            guard lstat(upper + path, &info) == 0 else { continue }
            visit(path, info)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(path, visit) }
        }
    }
}
