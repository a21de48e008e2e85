import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Reading compose files")
struct ComposeReaderTests {
    static func read(volumes: String = "{}", file: String = "/srv/stack/compose.json", _ services: String) throws -> [AuditedLaunch] {
        try ComposeReader.read(try JSONParser.parse(#"{"name": "stack", "services": "# + services + #", "volumes": "# + volumes + "}"), file: file)
    }

    @Test("each service is one launch, in file order, named after the file and the service")
    func services() throws {
        let launches = try Self.read(#"{"web": {"image": "nginx:1.27"}, "db": {"image": "postgres:16"}}"#)
        #expect(launches.map(\.name) == ["/srv/stack/compose.json service web", "/srv/stack/compose.json service db"])
        #expect(launches.map(\.plan.image) == ["nginx:1.27", "postgres:16"])
    }

    @Test("a service's file secrets are the plan's secrets, by either syntax, so the secret rules judge them")
    func secrets() throws {
        let root = try JSONParser.parse(#"""
        {"services": {"db": {"image": "postgres:16", "user": "999:999", "secrets": ["db-password", {"source": "tls", "target": "tls.key"}, "external"]}},
         "secrets": {"db-password": {"file": "./keys/db.txt"}, "tls": {"file": "/srv/keys/tls.key"}, "external": {"external": true}}}
        """#)
        let launch = try #require(try ComposeReader.read(root, file: "/srv/stack/compose.json").first)
        #expect(launch.plan.secrets == [.init(name: "db-password", source: "/srv/stack/keys/db.txt"), .init(name: "tls", source: "/srv/keys/tls.key")])
        let host = Audit.host(statuses: ["/srv/stack/keys/db.txt": FileStatus(kind: .regular, uid: 0, gid: 0, mode: 0o600),
                                         "/srv/keys/tls.key": FileStatus(kind: .regular, uid: 0, gid: 999, mode: 0o440)])
        let findings = Validator(host: host).findings(for: launch.plan, sources: launch.sources).filter { $0.ruleID == "secret-unreadable" }
        #expect(findings.map(\.message) == ["the container's user 999:999 cannot read the secret db-password: /srv/stack/keys/db.txt is owned by 0:0 with mode 0600"])
        #expect(findings.first?.position.description == "/srv/stack/compose.json:1:77 (service db)")
    }

    @Test("both syntaxes of volumes, ports, environment and sysctls read alike")
    func syntaxes() throws {
        let short = try Self.read(volumes: #"{"data": {}}"#, #"""
        {"s": {"volumes": ["/srv/a:/a:ro", "./b:/b", "data:/data"], "ports": ["127.0.0.1:8080:80"],
               "environment": ["A=1", "B"], "sysctls": ["net.core.somaxconn=1024"], "tmpfs": "/run:size=8m"}}
        """#)[0].plan
        let long = try Self.read(volumes: #"{"data": {}}"#, #"""
        {"s": {"volumes": [{"type": "bind", "source": "/srv/a", "target": "/a", "read_only": true},
                           {"type": "bind", "source": "./b", "target": "/b"}, {"type": "volume", "source": "data", "target": "/data"}],
               "ports": [{"mode": "ingress", "host_ip": "127.0.0.1", "target": 80, "published": "8080"}],
               "environment": {"A": "1", "B": null}, "sysctls": {"net.core.somaxconn": 1024}, "tmpfs": ["/run:size=8m"]}}
        """#)[0].plan
        #expect(short == long)
        #expect(short.mounts.map(\.source) == ["/srv/a", "/srv/stack/b", "data"])
        #expect(short.ports == [LaunchPlan.PortMapping(hostIP: "127.0.0.1", hostPort: "8080", containerPort: "80")])
        #expect(short.environment == ["A=1", "B"])
    }

    @Test("a named volume whose driver binds a host path is judged by that path")
    func drivenVolume() throws {
        let launch = try Self.read(volumes: #"{"data": {"driver_opts": {"type": "none", "o": "bind", "device": "/var/run"}}}"#,
                                   #"{"s": {"volumes": ["data:/data:ro"]}}"#)[0]
        let findings = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources)
        #expect(findings.filter(\.rejects).map(\.ruleID) == ["runtime-socket"])
        #expect(findings.first?.position.description == "/srv/stack/compose.json:1:50 (service s)")
    }

    @Test("compose spellings that bypass nothing: every dangerous key is read", arguments: [
        (#"{"privileged": true}"#, "privileged"), (#"{"use_api_socket": true}"#, "runtime-socket"),
        (#"{"volumes": ["/var/run/docker.sock:/var/run/docker.sock:ro"]}"#, "runtime-socket"),
        (#"{"volumes": ["~/../../var/run/docker.sock:/s"]}"#, "runtime-socket"), (#"{"volumes": ["~/../../etc:/e:ro"]}"#, "sensitive-host-path"),
        (#"{"volumes": [{"type": "bind", "source": "/var/run", "target": "/r"}]}"#, "runtime-socket"),
        (#"{"cap_add": ["CAP_SYS_ADMIN"]}"#, "dangerous-capability"), (#"{"cap_add": ["all"]}"#, "dangerous-capability"),
        (#"{"security_opt": ["seccomp:unconfined"]}"#, "confinement-disabled"), (#"{"security_opt": ["apparmor=unconfined"]}"#, "confinement-disabled"),
        (#"{"network_mode": "host"}"#, "host-namespace"), (#"{"pid": "host"}"#, "host-namespace"), (#"{"ipc": "host"}"#, "host-namespace"),
        (#"{"userns_mode": "host"}"#, "host-namespace"), (#"{"cgroup": "host"}"#, "host-namespace"), (#"{"uts": "host"}"#, "host-namespace"),
        (#"{"devices": ["/dev/sda:/dev/xvda:rwm"]}"#, "host-device"), (#"{"devices": [{"source": "/dev/mem", "target": "/dev/mem", "permissions": "r"}]}"#, "host-device"),
        (#"{"device_cgroup_rules": ["a *:* rwm"]}"#, "host-device"),
        (#"{"volumes": [{"type": "bind", "source": "/etc", "target": "/e", "read_only": true}]}"#, "sensitive-host-path"),
        (#"{"volumes": [{"type": "bind", "source": "/srv/x", "target": "/x", "bind": {"propagation": "shared"}}]}"#, "shared-propagation"),
        (#"{"sysctls": {"kernel.core_pattern": "|/x"}}"#, "host-sysctl"), (#"{"sysctls": ["vm.swappiness=0"]}"#, "host-sysctl"),
    ])
    func dangerousKeys(service: String, rule: String) throws {
        let launch = try Self.read(#"{"s": "# + service + "}")[0]
        let errors = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter(\.rejects).map(\.ruleID)
        #expect(errors.contains(rule), "\(errors)")
    }

    @Test("x- extensions are left alone; a key compose defines and harden does not judge refuses the launch, at its place; a wrong type is bad input")
    func unknownKeys() throws {
        let ordinary = try Self.read(#"{"s": {"image": "x:1", "x-custom": {"a": 1}, "networks": {"default": null}, "healthcheck": {"test": ["CMD", "true"]}}}"#)[0]
        #expect(ordinary.plan.notUnderstood.isEmpty)
        let unknown = try Self.read(#"{"s": {"image": "x:1", "privilegd": true}}"#)[0]
        let finding = try #require(Validator(host: Audit.host).findings(for: unknown.plan, sources: unknown.sources).first { $0.ruleID == "not-understood" })
        #expect(finding.message.contains("services.s.privilegd: not a compose service key harden knows"))
        #expect(finding.position.description == "/srv/stack/compose.json:1:54 (service s)")
        #expect(throws: HardenError.input("/srv/stack/compose.json:1:52: services.s.privileged: \"maybe\" is not a boolean compose reads; write true or false")) {
            try Self.read(#"{"s": {"privileged": "maybe"}}"#)
        }
    }
}
