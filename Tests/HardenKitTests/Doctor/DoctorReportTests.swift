import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden doctor's reports")
struct DoctorReportTests {
    static func result() throws -> Doctor.Result {
        Doctor.examine(DoctorFixtures.input(info: try DoctorFixtures.dockerInfo("rootless"),
                                            environment: ["DOCKER_HOST": "unix:///run/user/1000/docker.sock"],
                                            socket: FileStatus(kind: .socket, uid: 1000, gid: 1000, mode: 0o660)))
    }

    @Test("text: the facts, the socket as stat prints owner, group and mode, then the findings and a summary")
    func text() throws {
        let text = DoctorReport.text(try Self.result())
        #expect(text.hasPrefix("""
        harden doctor: docker
          endpoint:                 unix:///run/user/1000/docker.sock (DOCKER_HOST)
          engine:                   docker 20.10.24+dfsg1 (API 1.41)
          rootless:                 yes
          user namespace remapping: no
          seccomp:                  the default profile
          AppArmor:                 no
          SELinux:                  no
          cgroup:                   v2 (systemd)
          live-restore:             off
          socket:                   /run/user/1000/docker.sock alice:alice 660
        findings

        """))
        #expect(text.hasSuffix("harden doctor: 0 errors, 1 warning, 2 notes: no errors\n"))
        #expect(text.contains("\n    why: \(DoctorCheckTable.check("live-restore-off")!.why)\n    fix: "))
    }

    @Test("json: engine facts, endpoint, socket and findings under stable keys")
    func json() throws {
        let json = try JSONParser.parse(DoctorReport.json(try Self.result()))
        #expect(json["verdict"]?.stringValue == "ok")
        #expect(json["engine"]?["rootless"]?.boolValue == true)
        #expect(json["engine"]?["seccomp"]?.stringValue == "default")
        #expect(json["engine"]?["cgroupVersion"]?.stringValue == "2")
        #expect(json["endpoint"]?["transport"]?.stringValue == "socket")
        #expect(json["socket"]?["mode"]?.stringValue == "660" && json["socket"]?["owner"]?.stringValue == "alice")
        #expect(json["findings"]?.arrayValue?.compactMap { $0["rule"]?.stringValue } == ["no-mandatory-access-control", "socket-group-writable", "live-restore-off"])
        let first = try #require(json["findings"]?.arrayValue?.first)
        #expect(first.objectMembers?.map(\.key) == ["rule", "severity", "message", "why", "fix", "location"], "each finding has id, severity, why and fix")
        #expect(first["why"]?.stringValue == DoctorCheckTable.check("no-mandatory-access-control")?.why)
    }

    @Test("sarif: every check as a rule, each finding a result at its file or source, the facts as run properties")
    func sarif() throws {
        let sarif = try JSONParser.parse(DoctorReport.sarif(try Self.result()))
        let run = try #require(sarif["runs"]?.arrayValue?.first)
        #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?.count == DoctorCheckTable.all.count)
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 3)
        let socket = try #require(results.first { $0["ruleId"]?.stringValue == "socket-group-writable" })
        #expect(socket["locations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "file:///run/user/1000/docker.sock")
        #expect(run["properties"]?["rootless"]?.stringValue == "yes")
    }
}
