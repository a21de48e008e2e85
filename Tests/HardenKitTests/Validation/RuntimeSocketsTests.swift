import Foundation
import Glibc
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Runtime socket paths")
struct RuntimeSocketsTests {
    @Test("paths are normalised before they are compared", arguments: [
        ("/var/run/docker.sock", "/run/docker.sock"), ("//run//docker.sock", "/run/docker.sock"), ("/run/./x/../docker.sock/", "/run/docker.sock"),
        ("/../../run", "/run"), ("/var/run", "/run"), ("/var/runner", "/var/runner"), ("/", "/"),
    ])
    func normalise(path: String, normalised: String) {
        #expect(RuntimeSockets.normalize(path) == normalised)
    }

    @Test("on this host, a symlink is followed even when the socket it points at does not exist yet")
    func liveSymlink() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/innocent", withDestinationPath: "/run/nonexistent-engine/docker.sock")
        try FileManager.default.createDirectory(atPath: dir.path + "/real/deep", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/hop", withDestinationPath: dir.path + "/real")
        #expect(FileManager.default.createFile(atPath: dir.path + "/real/deep/containerd.sock", contents: nil))
        let host = HostFacts.live(currentDirectory: dir.path)
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/innocent", host: host)?.contains("resolves to /run/nonexistent-engine/docker.sock") == true)
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/hop", host: host)?.contains("containerd.sock") == true,
                "a directory with a socket two levels down")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/real/deep/..", host: host)?.contains("containerd.sock") == true)
        try FileManager.default.createDirectory(atPath: dir.path + "/plain", withIntermediateDirectories: true)
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/plain", host: host) == nil)
    }

    @Test("harden check follows symlinks on the host too")
    func checkFollowsLinks() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/etc-link", withDestinationPath: "/etc")
        let result = CapturedConsole.run(["check", "--", "-v", dir.path + "/etc-link:/e:ro", "img:1"])
        #expect(result.status == 1)
        #expect(result.out.contains("sensitive-host-path: the mount \(dir.path)/etc-link:/e:ro exposes a sensitive host path (it resolves to /etc)"))
    }
    @Test("on this host, a home is looked into for the home socket locations, and its parent for each home in it")
    func liveHomes() throws {
        let dir = TemporaryDirectory()
        dir.write("homes/alice/.colima/work/docker.sock", "")
        dir.write("homes/bob/.bashrc", "")
        dir.write("solo/.lima/vm1/sock/anything-forwarded", "")
        let host = HostFacts.live(currentDirectory: dir.path)
        let alice = try #require(RuntimeSockets.exposure(ofHostPath: dir.path + "/homes/alice", host: host))
        #expect(alice == "\(dir.path)/homes/alice is a directory holding \(dir.path)/homes/alice/.colima/work/docker.sock (Colima)")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/homes", host: host)?.contains("alice/.colima/work/docker.sock (Colima)") == true,
                "a directory of homes holds each home's sockets")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/homes/bob", host: host) == nil)
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/solo", host: host)?.contains("(lima)") == true, "lima forwards sockets of any name into sock/")
        dir.write("carol/.config/colima/default/docker.sock", "")
        dir.write("carol/.local/share/containers/podman/machine/qemu/podman.sock", "")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/carol/.config", host: host)?.hasSuffix("/carol/.config/colima/default/docker.sock (Colima (XDG config))") == true,
                "a directory of general use is looked into for the rest of the location")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/carol/.local/share", host: host)?.contains("machine/qemu/podman.sock (podman machine)") == true)
        dir.write("dave/.config/app/settings.json", "")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path + "/dave/.config", host: host) == nil, "an ordinary ~/.config")
    }

    @Test("a socket of a name no runtime uses is not a finding: X11, PulseAudio and ssh-agent sockets are bound on purpose")
    func otherSockets() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/X0"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        try #require(path.utf8.count < capacity)
        _ = withUnsafeMutablePointer(to: &address.sun_path) { $0.withMemoryRebound(to: CChar.self, capacity: capacity) { strncpy($0, path, capacity - 1) } }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        try #require(bound == 0)
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path, host: HostFacts.live(currentDirectory: "/")) == nil)
        dir.write("docker.sock", "")
        #expect(RuntimeSockets.exposure(ofHostPath: dir.path, host: HostFacts.live(currentDirectory: "/")) == "\(dir.path) is a directory holding \(dir.path)/docker.sock")
    }

    @Test("the runtime directory the environment names is a socket location wherever it is")
    func runtimeDirectory() {
        var host = HostFacts.nothing()
        host.runtimeDirectorySockets = SocketLocations.inRuntimeDirectory("/tmp/xdg-1000/")
        #expect(RuntimeSockets.exposure(ofHostPath: "/tmp/xdg-1000", host: host) == "/tmp/xdg-1000 is a directory holding /tmp/xdg-1000/docker.sock (rootless Docker ($XDG_RUNTIME_DIR))")
        #expect(RuntimeSockets.exposure(ofHostPath: "/tmp/xdg-1000/podman", host: host)?.contains("podman/podman.sock") == true)
        #expect(RuntimeSockets.exposure(ofHostPath: "/tmp/xdg-1000/pulse", host: host) == nil)
        #expect(RuntimeSockets.exposure(ofHostPath: "/tmp/xdg-1000", host: HostFacts.nothing()) == nil)
    }

    @Test("a symlink is followed before the .. after it is folded, as the kernel does")
    func linkThenParent() {
        let links = ["/srv/lnk": "/run/containerd", "/srv/rel": "../run/k3s/containerd"]
        let resolve: @Sendable (String) -> String? = { path in HostFacts.followLinks(path) { links[$0] } }
        #expect(resolve("/srv/lnk/../docker.sock") == "/run/docker.sock")
        #expect(resolve("/srv/rel/..") == "/run/k3s")
        #expect(resolve("/srv/plain/../x") == nil, "no link: the lexical folding applies")
        let host = HostFacts(currentDirectory: "/", today: "2025-06-01", resolveSymlinks: resolve)
        #expect(RuntimeSockets.exposure(ofHostPath: "/srv/lnk/../k3s", host: host) == "/srv/lnk/../k3s resolves to /run/k3s, which is a directory holding /run/k3s/containerd/containerd.sock (k3s and RKE2's containerd)",
                "folded first, this would be /srv/k3s")
        #expect(RuntimeSockets.exposure(ofHostPath: "/srv/rel/..", host: host) == "/srv/rel/.. resolves to /run/k3s, which is a directory holding /run/k3s/containerd/containerd.sock (k3s and RKE2's containerd)")
    }
}
