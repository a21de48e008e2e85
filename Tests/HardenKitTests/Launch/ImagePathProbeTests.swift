import Foundation
import Testing
@testable import HardenCommands
@testable import HardenModel

/// The probe against a stand-in engine client (a shell script the test writes), so no daemon is needed.
@Suite("Asking the engine what an image holds at a volume's target")
struct ImagePathProbeTests {
    /// A ustar header: NAME, then mode, uid and gid in octal, as Go's archive/tar writes them.
    static func header(name: String, mode: Int, uid: Int, gid: Int, type: Character = "5", size: Int = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (index, byte) in text.utf8.enumerated() { bytes[offset + index] = byte } }
        put(name, at: 0)
        put(String(format: "%07o", mode), at: 100)
        put(String(format: "%07o", uid), at: 108)
        put(String(format: "%07o", gid), at: 116)
        put(String(format: "%011o", size), at: 124)
        put(String(type), at: 156)
        put("ustar", at: 257)
        return bytes
    }

    @Test("the first entry's owner and mode, past a PAX header")
    func tarHeader() {
        #expect(ImagePathProbe.firstEntry(Self.header(name: "nginx/", mode: 0o40755, uid: 0, gid: 0)) == .present(uid: 0, gid: 0, mode: 0o755))
        let pax = Self.header(name: "PaxHeaders/x", mode: 0o644, uid: 0, gid: 0, type: "x", size: 30) + [UInt8](repeating: 0x41, count: 512)
        #expect(ImagePathProbe.firstEntry(pax + Self.header(name: "d/", mode: 0o1777, uid: 7, gid: 8)) == .present(uid: 7, gid: 8, mode: 0o1777))
        #expect(ImagePathProbe.firstEntry(Array("not a tar stream".utf8)) == nil)
    }

    @Test("new volumes are checked, existing ones are not, and the probe container is removed")
    func engineConversation() throws {
        let directory = TemporaryDirectory()
        let tar = Self.header(name: "nginx/", mode: 0o40755, uid: 0, gid: 0) + [UInt8](repeating: 0, count: 1024)
        #expect(FileManager.default.createFile(atPath: directory.path + "/nginx.tar", contents: Data(tar)))
        let log = directory.path + "/log"
        let script = """
        #!/bin/sh
        echo "$*" >> \(log)
        case "$1" in
          volume) [ "$3" = old ] && exit 0; echo "Error: no such volume: $3" >&2; exit 1 ;;
          create) echo cid123 ;;
          cp) case "$2" in cid123:/var/lib/nginx) cat \(directory.path)/nginx.tar ;; *) echo "Error response from daemon: Could not find the file ${2#*:} in container cid123" >&2; exit 1 ;; esac ;;
          rm) ;;
        esac
        """
        let engine = directory.write("docker", script)
        chmod(engine, 0o755)
        var plan = LaunchPlan()
        plan.user = "65532:65532"
        plan.image = "img:1"
        plan.mounts = [.init(kind: .volume, source: "new", target: "/data"), .init(kind: .volume, source: "cache", target: "/var/lib/nginx"),
                       .init(kind: .volume, source: "old", target: "/srv")]
        let warnings = ImagePathProbe.warnings(plan, engine: engine, environment: ["PATH": "/usr/bin:/bin"])
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.first?.hasPrefix("volume new on /data: the image has no /data") == true)
        #expect(warnings.last?.hasPrefix("volume cache on /var/lib/nginx: the image's /var/lib/nginx belongs to 0:0 with mode 755") == true)
        let calls = try String(contentsOfFile: log, encoding: .utf8)
        #expect(calls.contains("create --pull never --entrypoint harden-volume-probe -- img:1\n"))
        #expect(!calls.contains("cp cid123:/srv"), "an existing volume keeps its owner: \(calls)")
        #expect(calls.hasSuffix("rm -f cid123\n"))
    }
}

/// What `harden run` says before it hands over to a docker client that cannot reach a daemon.
@Suite("A pointer to harden doctor when the daemon's socket is not there")
struct EngineReachabilityTests {
    @Test("no socket at docker's default or at DOCKER_HOST: one line naming it and harden doctor")
    func missingSocket() {
        let none: (String) -> Bool = { _ in false }
        let line = EngineReachability.pointer(engine: "docker", environment: ["HOME": "/nonexistent"], exists: none)
        #expect(line == "no docker daemon socket at /var/run/docker.sock (docker's default), so docker cannot reach the daemon; start dockerd or point DOCKER_HOST at it, and `harden doctor` checks the engine and the way to it")
        let custom = EngineReachability.pointer(engine: "/usr/bin/docker", environment: ["DOCKER_HOST": "unix:///run/d.sock"], exists: none)
        #expect(custom?.hasPrefix("no docker daemon socket at /run/d.sock (DOCKER_HOST)") == true)
    }

    @Test("silent where the socket is there or harden cannot tell", arguments: [
        ("docker", ["HOME": "/nonexistent"], true), ("docker", ["DOCKER_HOST": "tcp://h:2376"], false),
        ("docker", ["DOCKER_CONTEXT": "remote"], false), ("podman", [:], false), ("nerdctl", [:], false),
    ])
    func silent(engine: String, environment: [String: String], socketExists: Bool) {
        #expect(EngineReachability.pointer(engine: engine, environment: environment) { _ in socketExists } == nil)
    }
}
