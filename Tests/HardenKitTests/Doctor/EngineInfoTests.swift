import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Reading what the engine says about itself")
struct EngineInfoTests {
    @Test("recorded docker info outputs: rootful, rootless, userns-remap, TCP without TLS", arguments: [
        ("rootful", false, false, false, "1", "cgroupfs", 0),
        ("rootless", true, false, false, "2", "systemd", 0),
        ("userns-remap", false, true, true, "1", "cgroupfs", 0),
        ("tcp-without-tls", false, false, false, "1", "cgroupfs", 1),
    ])
    func docker(variant: String, rootless: Bool, remap: Bool, apparmor: Bool, cgroup: String, driver: String, warnings: Int) throws {
        let info = try #require(try DoctorFixtures.dockerInfo(variant))
        #expect(info.engine == "docker" && info.version == "20.10.24+dfsg1" && info.apiVersion == "1.41")
        #expect(info.rootless == rootless)
        #expect(info.userNamespaceRemap == remap)
        #expect(info.seccomp == .defaultProfile)
        #expect(info.apparmor == apparmor && !info.selinux)
        #expect(info.cgroupVersion == cgroup && info.cgroupDriver == driver)
        #expect(info.liveRestore == false)
        #expect(info.insecureRegistries.isEmpty, "127.0.0.0/8 is dockerd's own default")
        #expect(info.warnings.count == warnings)
    }

    @Test("the client's half printed without a daemon is no engine")
    func unreachable() throws {
        var text = JSONWriter.pretty(try DoctorFixtures.json("docker-info-rootful"))
        text = text.replacingOccurrences(of: #""ServerVersion": "20.10.24+dfsg1""#, with: #""ServerVersion": """#)
        #expect(EngineInfo.docker(info: try JSONParser.parse(text)) == nil)
    }

    @Test("the seccomp entry of SecurityOptions, in every form dockerd writes it", arguments: [
        (["name=seccomp,profile=default"], EngineInfo.Seccomp.defaultProfile),
        (["name=seccomp,profile=builtin"], .defaultProfile),
        (["name=seccomp,profile=unconfined"], .unconfined),
        (["name=seccomp,profile=/etc/docker/seccomp.json"], .custom("/etc/docker/seccomp.json")),
        (["name=apparmor"], .unsupported),
    ])
    func seccomp(options: [String], seccomp: EngineInfo.Seccomp) throws {
        let json = #"{"ServerVersion": "27.0.1", "SecurityOptions": [\#(options.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        #expect(EngineInfo.docker(info: try JSONParser.parse(json))?.seccomp == seccomp)
    }

    @Test("registries reached without TLS beyond loopback")
    func insecureRegistries() throws {
        let json = #"{"ServerVersion": "27.0.1", "RegistryConfig": {"InsecureRegistryCIDRs": ["127.0.0.0/8", "10.0.0.0/8"], "IndexConfigs": {"docker.io": {"Secure": true}, "registry.lan:5000": {"Secure": false}}}}"#
        #expect(EngineInfo.docker(info: try JSONParser.parse(json))?.insecureRegistries == ["10.0.0.0/8", "registry.lan:5000"])
    }

    @Test("recorded podman info from a rootful podman 4.3")
    func podman() throws {
        let info = try #require(EngineInfo.podman(info: try DoctorFixtures.json("podman-info-rootful")))
        #expect(info.engine == "podman" && info.version == "4.3.1")
        #expect(!info.rootless && !info.userNamespaceRemap)
        #expect(info.seccomp == .defaultProfile, "/usr/share/containers/seccomp.json is the packaged default")
        #expect(!info.apparmor && !info.selinux)
        #expect(info.cgroupVersion == "1" && info.cgroupDriver == "cgroupfs")
        #expect(info.liveRestore == nil, "podman has no daemon to restart")
    }
}
