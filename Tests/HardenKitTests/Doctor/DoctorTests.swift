import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden doctor's checks")
struct DoctorTests {
    static func ids(_ input: DoctorInput) -> [String] { Doctor.examine(input).findings.map(\.ruleID) }

    @Test("each recorded engine gets the findings its configuration deserves", arguments: [
        ("rootful", ["no-userns-remap", "no-mandatory-access-control", "socket-group-writable", "rootful-engine", "cgroup-v1", "live-restore-off"]),
        ("rootless", ["no-mandatory-access-control", "socket-group-writable", "live-restore-off"]),
        ("userns-remap", ["socket-group-writable", "rootful-engine", "cgroup-v1", "live-restore-off"]),
        ("tcp-without-tls", ["daemon-tcp-without-tls", "no-userns-remap", "no-mandatory-access-control", "socket-group-writable", "rootful-engine", "cgroup-v1", "live-restore-off"]),
    ])
    func recorded(variant: String, expected: [String]) throws {
        let input = DoctorFixtures.input(info: try DoctorFixtures.dockerInfo(variant))
        #expect(Self.ids(input) == expected)
        #expect((Doctor.examine(input).errors > 0) == (variant == "tcp-without-tls"))
    }

    @Test("the daemon's own warning about its TCP listener is quoted, address and all")
    func daemonTCP() throws {
        let result = Doctor.examine(DoctorFixtures.input(info: try DoctorFixtures.dockerInfo("tcp-without-tls")))
        let finding = try #require(result.findings.first)
        #expect(finding.message == "the daemon says: API is accessible on http://0.0.0.0:2375 without encryption")
        #expect(finding.position.description == "docker info: Warnings")
    }

    @Test("DOCKER_HOST over tcp:// without TLS is an error; with verification it is fine; without verification a warning", arguments: [
        (["DOCKER_HOST": "tcp://10.0.0.5:2375"], "client-tcp-without-tls"),
        (["DOCKER_HOST": "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/home/alice/.docker"], nil),
        (["DOCKER_HOST": "tcp://10.0.0.5:2376", "DOCKER_TLS": "1"], "client-tls-unverified"),
        (["DOCKER_HOST": "ssh://ops@build-1"], nil),
    ] as [([String: String], String?)])
    func clientTCP(environment: [String: String], finding: String?) throws {
        let ids = Self.ids(DoctorFixtures.input(info: try DoctorFixtures.dockerInfo("rootful"), environment: environment, socket: nil))
        #expect(ids.contains("client-tcp-without-tls") == (finding == "client-tcp-without-tls"))
        #expect(ids.contains("client-tls-unverified") == (finding == "client-tls-unverified"))
    }

    @Test("the socket's mode and owner", arguments: [
        (0o660, 0, ["socket-group-writable"]),
        (0o666, 0, ["socket-world-writable"]),
        (0o600, 0, []),
        (0o660, 1000, ["socket-owner", "socket-group-writable"]),
    ])
    func socket(mode: Int, owner: Int, expected: [String]) throws {
        let socket = FileStatus(kind: .socket, uid: owner, gid: 105, mode: mode)
        let ids = Self.ids(DoctorFixtures.input(info: try DoctorFixtures.dockerInfo("userns-remap"), socket: socket))
        #expect(ids.filter { $0.hasPrefix("socket-") } == expected)
    }

    @Test("a world-writable socket is named with its owner, group and mode, and how to close it")
    func worldWritableMessage() throws {
        let socket = FileStatus(kind: .socket, uid: 0, gid: 105, mode: 0o666)
        let finding = try #require(Doctor.examine(DoctorFixtures.input(info: nil, socket: socket)).findings.first { $0.ruleID == "socket-world-writable" })
        #expect(finding.message == "/var/run/docker.sock (root:docker, mode 0666) is writable by every user of this host")
        #expect(finding.fix == "chmod 660 /var/run/docker.sock, and set SocketMode=0660 in the engine's socket unit so a restart keeps it")
        #expect(finding.position.file == "/var/run/docker.sock")
    }

    @Test("members of the socket's group are named, listed or by their primary group; root is not news")
    func groupMembers() throws {
        var users = DoctorFixtures.users(dockerMembers: ["alice", "root"])
        users.users.append(.init(name: "ci", uid: 1002, gid: 105))
        let input = DoctorFixtures.input(info: try DoctorFixtures.dockerInfo("userns-remap"), users: users)
        let finding = try #require(Doctor.examine(input).findings.first { $0.ruleID == "docker-group-members" })
        #expect(finding.message == "alice, ci are in group docker, which can write to the engine's socket")
        #expect(finding.position.description == "/etc/group (group docker)")
        let closed = DoctorFixtures.input(info: nil, socket: FileStatus(kind: .socket, uid: 0, gid: 105, mode: 0o600), users: users)
        #expect(!Self.ids(closed).contains("docker-group-members"), "a group that cannot write to the socket drives nothing")
    }

    @Test("the default seccomp profile off, or no seccomp at all, is an error")
    func seccomp() throws {
        var info = try #require(try DoctorFixtures.dockerInfo("rootful"))
        info.seccomp = .unconfined
        #expect(Self.ids(DoctorFixtures.input(info: info)).first == "default-seccomp-off")
        info.seccomp = .unsupported
        #expect(Self.ids(DoctorFixtures.input(info: info)).first == "seccomp-unavailable")
        info.seccomp = .custom("/etc/docker/seccomp.json")
        #expect(Doctor.examine(DoctorFixtures.input(info: info)).errors == 0, "a daemon-wide profile of the operator's is CIS 2.17's advice")
    }

    @Test("without a running engine it says so and still checks the socket and the environment")
    func unreachable() {
        let input = DoctorFixtures.input(info: nil, environment: ["DOCKER_HOST": "tcp://10.0.0.5:2375"], socket: nil,
                                         users: DoctorFixtures.users(dockerMembers: ["bob"]),
                                         unreachable: "Cannot connect to the Docker daemon at tcp://10.0.0.5:2375. Is the docker daemon running?")
        let result = Doctor.examine(input)
        #expect(result.findings.map(\.ruleID) == ["client-tcp-without-tls", "engine-unreachable", "docker-group-members"])
        #expect(result.findings[1].message == "no engine answered at tcp://10.0.0.5:2375: Cannot connect to the Docker daemon at tcp://10.0.0.5:2375. Is the docker daemon running?; only the socket file and the environment were checked")
        let local = Doctor.examine(DoctorFixtures.input(info: nil, socket: nil, unreachable: "Cannot connect"))
        #expect(local.findings.first?.message == "no engine answered at unix:///var/run/docker.sock: Cannot connect (there is no socket at /var/run/docker.sock); only the socket file and the environment were checked")
    }

    @Test("every check trips on some input, and the table is documented")
    func completeness() throws {
        var tripped = Set<String>()
        var info = try #require(try DoctorFixtures.dockerInfo("tcp-without-tls"))
        info.warnings.append("WARNING: No swap limit support")
        info.insecureRegistries = ["registry.lan:5000"]
        info.seccomp = .unconfined
        let members = DoctorFixtures.users(dockerMembers: ["alice"])
        for environment in [["DOCKER_HOST": "tcp://h:2375"], ["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS": "1"]] {
            tripped.formUnion(Self.ids(DoctorFixtures.input(info: info, environment: environment, users: members)))
        }
        info.seccomp = .unsupported
        tripped.formUnion(Self.ids(DoctorFixtures.input(info: info, socket: FileStatus(kind: .socket, uid: 1000, gid: 105, mode: 0o666))))
        tripped.formUnion(Self.ids(DoctorFixtures.input(info: nil)))
        var hybrid = DoctorFixtures.input(info: nil)
        hybrid.crunOnHybridCgroup = "/usr/bin/crun"
        tripped.formUnion(Self.ids(hybrid))
        #expect(tripped == Set(DoctorCheckTable.ids))
        #expect(Set(DoctorCheckTable.ids).count == DoctorCheckTable.all.count)
        let order = DoctorCheckTable.all.map(\.severity)
        #expect(order == order.sorted(), "errors, then warnings, then notes")
        for check in DoctorCheckTable.all {
            #expect(!check.summary.isEmpty && !check.why.isEmpty && !check.fix.isEmpty && !check.cis.isEmpty, "\(check.id)")
            #expect(RuleTable.rule(check.id) == nil, "\(check.id) is also a rule id; harden explain could not tell them apart")
        }
    }

    @Test("crun on the hybrid cgroup layout is told the workaround the end-to-end suite uses")
    func crunHybrid() {
        let hybrid = "30 25 0:26 / /sys/fs/cgroup/unified rw,nosuid shared:8 - cgroup2 cgroup2 rw\n31 25 0:27 / /sys/fs/cgroup/memory rw shared:9 - cgroup cgroup rw,memory\n"
        let unified = "30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:8 - cgroup2 cgroup2 rw\n"
        #expect(EngineProbe.hybridCgroup(mountinfo: hybrid))
        #expect(!EngineProbe.hybridCgroup(mountinfo: unified))
        var input = DoctorFixtures.input(info: nil)
        #expect(!Doctor.examine(input).findings.contains { $0.ruleID == "crun-hybrid-cgroup" })
        input.crunOnHybridCgroup = "/usr/bin/crun"
        let finding = Doctor.examine(input).findings.first { $0.ruleID == "crun-hybrid-cgroup" }
        #expect(finding?.message == "/usr/bin/crun is installed and the host mounts cgroup v2 at /sys/fs/cgroup/unified beside v1")
        #expect(finding?.fix.contains("umount /sys/fs/cgroup/unified; crun --cgroup-manager=cgroupfs run ID") == true)
    }
}
