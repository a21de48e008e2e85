import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Docker option values")
struct DockerValuesTests {
    static func bad(_ message: String) -> HardenError { .input(message) }

    @Test("--device reads as docker's parseLinuxDevice does", arguments: [
        ("/dev/fuse", LaunchPlan.Device(hostPath: "/dev/fuse")),
        ("/dev/sdb:r", LaunchPlan.Device(hostPath: "/dev/sdb", permissions: "r")),
        ("/dev/sdb:/dev/xvdb", LaunchPlan.Device(hostPath: "/dev/sdb", containerPath: "/dev/xvdb")),
        ("/dev/sdb:/dev/xvdb:rw", LaunchPlan.Device(hostPath: "/dev/sdb", containerPath: "/dev/xvdb", permissions: "rw")),
    ])
    func device(value: String, device: LaunchPlan.Device) throws {
        #expect(try DockerValues.device(value, bad: Self.bad) == device)
    }

    @Test("-v sources starting with / or . are host paths; propagation is its own field", arguments: [
        ("/srv/a:/a:ro,rshared,z", LaunchPlan.Mount(kind: .bind, source: "/srv/a", target: "/a", readOnly: true, propagation: "rshared", flags: ["z"])),
        ("./data:/data", LaunchPlan.Mount(kind: .bind, source: "./data", target: "/data")),
        (".:/src", LaunchPlan.Mount(kind: .bind, source: ".", target: "/src")),
        ("docker.sock:/data", LaunchPlan.Mount(kind: .volume, source: "docker.sock", target: "/data")),
        ("/var/run/docker.sock", LaunchPlan.Mount(kind: .volume, source: nil, target: "/var/run/docker.sock")),
    ])
    func volume(value: String, mount: LaunchPlan.Mount) throws {
        #expect(try DockerValues.volume(value, bad: Self.bad) == mount)
    }

    @Test("malformed device, rule, sysctl and propagation values are refused", arguments: [
        "device:/a:/b:rwm:x", "rule:c 1:3", "rule:z *:* rwm", "rule:c 1:3 rwx", "sysctl:novalue", "volume:/a:/b:shared,rshared",
    ])
    func refused(spec: String) {
        let (kind, value) = (spec.prefix { $0 != ":" }, String(spec.drop { $0 != ":" }.dropFirst()))
        #expect(throws: HardenError.self) {
            switch kind {
            case "device": _ = try DockerValues.device(value, bad: Self.bad)
            case "rule": _ = try DockerValues.deviceCgroupRule(value, bad: Self.bad)
            case "sysctl": _ = try DockerValues.sysctl(value, bad: Self.bad)
            default: _ = try DockerValues.volume(value, bad: Self.bad)
            }
        }
    }
}
