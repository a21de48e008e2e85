import Foundation
import Testing
@testable import HardenKit

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
}
