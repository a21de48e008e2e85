import Foundation
import Glibc
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `-o` onto what is already at the name: a device or FIFO is written into, never renamed over (as
/// root, `harden oci -o /dev/null` once replaced the host's /dev/null with a regular file).
@Suite("Atomic file writes onto devices, FIFOs, sockets and symlinks")
struct AtomicFileDestinationTests {
    static func type(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    /// makedev(1, 3), which Swift does not import (it is a macro): Linux's encoding for small numbers.
    static let nullDevice = dev_t(1 << 8 | 3)

    static func oci(_ output: String) -> (status: Int32, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(["oci", "web", "-o", output, "--", "sh"], console: captured.console())
        return (status, captured.err)
    }

    // mknod(2) of a character device needs CAP_MKNOD: as another user this test does not run (and
    // Swift Testing lists it as skipped), since a device node borrowed from the host is host state.
    @Test("harden oci -o onto a character device writes into it, and it is still a character device afterwards",
          .enabled(if: geteuid() == 0, "mknod of a character device needs root"))
    func characterDevice() throws {
        let directory = TemporaryDirectory()
        let node = directory.path + "/null"
        // 1:3 is the kernel's null device: what is written is discarded, so nothing reaches the host.
        try #require(mknod(node, S_IFCHR | 0o666, Self.nullDevice) == 0, "mknod: \(String(cString: strerror(errno)))")
        let result = Self.oci(node)
        #expect(result.status == 0, "\(result.err)")
        #expect(Self.type(node) == S_IFCHR, "the device node was replaced")
        var status = stat()
        #expect(stat(node, &status) == 0 && status.st_rdev == Self.nullDevice)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["null"], "no temporary file is left")
    }

    @Test("a FIFO is written into: the reader gets the whole config and the FIFO stays a FIFO")
    func fifo() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        // Opened for reading first (without blocking), so the writer's open finds a reader.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try AtomicFile.write("{\"ociVersion\":\"1.2.0\"}\n", to: path)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[..<max(0, count)], as: UTF8.self) == "{\"ociVersion\":\"1.2.0\"}\n")
        #expect(Self.type(path) == S_IFIFO)
    }

    @Test("a unix socket is refused with a one-line error and left a socket")
    func socket() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/s.sock"
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        try #require(path.utf8.count < capacity)
        _ = withUnsafeMutablePointer(to: &address.sun_path) { $0.withMemoryRebound(to: CChar.self, capacity: capacity) { strncpy($0, path, capacity - 1) } }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        try #require(bound == 0)
        let result = Self.oci(path)
        #expect(result.status == 2)
        #expect(result.err.hasSuffix("harden: \(path): cannot write to \(path), a socket: No such device or address; name a regular file, a character device or a FIFO; the previous file, if any, is unchanged\n"), "\(result.err)")
        #expect(Self.type(path) == S_IFSOCK)
    }

    @Test("a symlink to a regular file: the target is replaced atomically and the link stays a link")
    func symlinkToFile() throws {
        let directory = TemporaryDirectory()
        let target = directory.write("real/config.json", "old\n")
        let link = directory.path + "/config.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/config.json")
        try AtomicFile.write("new\n", to: link)
        #expect(Self.type(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/real") == ["config.json"])
    }

    @Test("a dangling symlink is refused, and nothing is created at its target")
    func danglingSymlink() throws {
        let directory = TemporaryDirectory()
        let link = directory.path + "/config.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.path + "/elsewhere.json")
        #expect(throws: AtomicFileError(operation: "write through the symlink \(link) (its target is missing)", errno: ENOENT,
                                        hint: "write to the target by its own name, or remove the link")) {
            try AtomicFile.write("x", to: link)
        }
        #expect(Self.type(directory.path + "/elsewhere.json") == nil)
        #expect(Self.type(link) == S_IFLNK)
    }

    @Test("another user's symlink is refused, as protected_symlinks would in a sticky directory, and the file it names is untouched",
          .enabled(if: geteuid() == 0, "giving a link to another owner needs root"))
    func foreignLinkInStickyDirectory() throws {
        let directory = TemporaryDirectory()
        let shared = directory.path + "/tmp"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        try #require(chmod(shared, 0o1777) == 0)
        let victim = directory.write("shadow", "secret\n")
        let link = shared + "/out.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        try #require(lchown(link, 4242, 4242) == 0)
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: link) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "secret\n")
    }

    @Test("a directory is refused with advice to name a file inside it")
    func directoryTarget() throws {
        let directory = TemporaryDirectory()
        #expect(throws: AtomicFileError(operation: "write to \(directory.path)", errno: EISDIR, hint: "name a file inside the directory")) {
            try AtomicFile.write("x", to: directory.path)
        }
    }

    @Test("names of open descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N) are written into, appending")
    func descriptorNames() throws {
        #expect(AtomicFile.reachesDescriptor("/proc/self/fd/1"))
        #expect(AtomicFile.reachesDescriptor("/dev/fd/1"))
        let directory = TemporaryDirectory()
        let log = directory.write("log", "before\n")
        // A link into /proc stands for /dev/stdout, whose target is /proc/self/fd/1 on Linux.
        let fd = open(log, O_WRONLY | O_APPEND)
        try #require(fd >= 0)
        defer { close(fd) }
        let link = directory.path + "/stdout"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/self/fd/\(fd)")
        #expect(try AtomicFile.destination(of: link) == .into(O_APPEND))
        try AtomicFile.write("after\n", to: link)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "before\nafter\n")
        #expect(Self.type(link) == S_IFLNK)
    }
}
