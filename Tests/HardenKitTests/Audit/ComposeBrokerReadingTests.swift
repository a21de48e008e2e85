import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// A broker written in compose YAML: the reader records what BrokerShape needs (labels, the
/// program, which networks are internal), so the validator tells harden's broker from the rest.
@Suite("compose reader: labels, command, entrypoint and internal networks, for the broker's shape")
struct ComposeBrokerReadingTests {
    static let file = "/srv/broker/compose.yaml"

    static func launches(_ yaml: String) throws -> [AuditedLaunch] {
        try ComposeReader.read(try ComposeYAML.load(yaml, file: file).root, file: file)
    }

    static func findings(_ yaml: String, host: HostFacts = BrokerFixture.host()) throws -> [Finding] {
        let launch = try #require(try launches(yaml).first)
        return Validator(host: host).findings(for: launch.plan, sources: launch.sources)
    }

    /// The broker `harden compose --docker-api` writes, with `change` applied to its lines.
    static func broker(network: String = "internal: true", labels: String? = nil, extra: String = "") -> String {
        let hash = BrokerConfig.hash(BrokerFixture.text())
        return """
        services:
          docker-api:
            image: \(BrokerFixture.image)
            user: "65534:65534"
            group_add: ["998"]
            cap_drop: [ALL]
            security_opt: ["no-new-privileges:true"]
            read_only: true
            mem_limit: 64m
            cpus: 0.5
            pids_limit: 64
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
              - ./harden-broker.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro
            networks: [brokernet]
        \(labels ?? "    labels:\n      io.harden.broker: containers,events\n      io.harden.broker.config-sha256: \(hash)")
        \(extra)
        networks:
          brokernet: {\(network)}

        """
    }

    @Test("labels as a list or a mapping, command and entrypoint as a string or a list, as compose reads them")
    func recorded() throws {
        let launches = try Self.launches("""
        services:
          a:
            image: img:1
            labels: ["x=1", "y"]
            command: sh -c 'echo "a b"'
            entrypoint: [/init, --quiet]
          b:
            image: img:1
            labels: {x: 1, y: null}
            command: [run, "--port", 80]
            entrypoint: /bin/tini
          c:
            image: img:1
            entrypoint: []
          d:
            image: img:1
            entrypoint: [/init, --quiet]
            command: serve
        """)
        #expect(launches.map(\.plan.process.labels) == [["x=1", "y"], ["x=1", "y="], [], []])
        #expect(launches[0].plan.process.entrypoint == "/init")
        #expect(launches[0].plan.command == ["--quiet", "sh", "-c", "echo \"a b\""])
        #expect(launches[1].plan.process.entrypoint == "/bin/tini")
        #expect(launches[1].plan.command == ["run", "--port", "80"])
        // An empty entrypoint clears the image's: not the image's program either.
        #expect(launches[2].plan.process.entrypoint == "")
        #expect(launches[2].plan.command == [])
        // The entrypoint's words lead the command whichever key the file writes first.
        #expect(launches[3].plan.process.entrypoint == "/init")
        #expect(launches[3].plan.command == ["--quiet", "serve"])
    }

    @Test("labels, a command or an entrypoint compose would refuse are refused, not passed over", arguments: [
        ("labels: {a: {b: c}}", "expected a string or a number, found"),
        ("labels: [[a]]", "expected a string or a number, found"),
        ("labels: 3", "expected an object, found"),
        ("command: {a: b}", "expected a string or a number, found"),
        ("command: \"sh -c 'echo\"", "is not a command compose can split into words"),
        ("entrypoint: [[sh]]", "expected a string or a number, found"),
        ("healthcheck: {test: {a: b}}", "expected a string or a number, found"),
    ])
    func refused(line: String, message: String) {
        do {
            _ = try Self.launches("services:\n  a:\n    image: img:1\n    \(line)\n")
            Issue.record("\(line) was read")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("relative paths start where compose starts them, spelt so the validator joins them to the current directory", arguments: [
        ("compose.yaml", "."), ("sub/compose.yaml", "./sub"), ("./sub/compose.yaml", "./sub"), ("../p/compose.yaml", "../p"), ("/srv/p/compose.yaml", "/srv/p"),
    ])
    func directory(file: String, expected: String) throws {
        #expect(ComposeReader.directory(of: file) == expected)
        let plan = try #require(try ComposeReader.read(try ComposeYAML.load("services:\n  a:\n    image: i:1\n    volumes: [\"./data:/data\"]\n", file: file).root, file: file).first).plan
        let source = try #require(plan.mounts.first?.source)
        #expect(Audit.host.absolute(source) != nil, "\(source) would be read from /")
    }

    @Test("each joined network says whether the project declares it internal; default and external ones are not")
    func joinedNetworks() throws {
        let plan = try #require(try Self.launches("""
        services:
          a:
            image: img:1
            networks: {inner: {}, outer: {}, shared: {}, default: {}}
        networks:
          inner: {internal: true}
          outer: {}
          shared: {external: true, internal: true}
        """).first).plan
        #expect(plan.joinedNetworks == [
            .init(name: "inner", isInternal: true), .init(name: "outer", isInternal: false),
            .init(name: "shared", isInternal: false), .init(name: "default", isInternal: false),
        ])
    }

    @Test("harden's broker in compose YAML is socket-broker, a warning, and nothing else")
    func recognised() throws {
        let findings = try Self.findings(Self.broker())
        #expect(findings.map(\.ruleID) == ["socket-broker"], "\(findings)")
        #expect(findings[0].message.contains("the socket broker for containers,events holds the engine's socket"))
    }

    @Test("a compose broker short of the shape is runtime-socket, saying why", arguments: [
        (network: "", extra: "", reason: "it joins the network brokernet, which the project does not declare internal: true"),
        (network: "internal: true", extra: "    command: [haproxy, -f, /tmp/other.cfg]", reason: "it replaces the image's command"),
        (network: "internal: true", extra: "    entrypoint: /bin/sh", reason: "it replaces the image's command"),
        (network: "internal: true", extra: "    ports: [\"127.0.0.1:2375:2375\"]", reason: "it publishes ports"),
        (network: "internal: true", extra: "    healthcheck: {test: [CMD-SHELL, \"wget -qO- --post-data= http://x/containers/create\"]}",
         reason: "it runs a program of its own inside (a healthcheck or lifecycle hook)"),
        (network: "internal: true", extra: "    post_start: [{command: [sh, -c, \"nc -U /var/run/docker.sock\"]}]",
         reason: "it runs a program of its own inside (a healthcheck or lifecycle hook)"),
    ])
    func misshapen(network: String, extra: String, reason: String) throws {
        let findings = try Self.findings(Self.broker(network: network, extra: extra))
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" }, "\(findings)")
        #expect(socket.message.contains("labelled a broker but is not harden's"), "\(socket.message)")
        #expect(socket.message.contains(reason), "\(socket.message)")
        #expect(!findings.contains { $0.ruleID == "socket-broker" })
    }

    @Test("the broker's network holds its clients only: any other service there, or in its network namespace, is a stranger", arguments: [
        (other: "    environment: [DOCKER_HOST=tcp://docker-api:2375]\n    networks: [brokernet]", stranger: false),
        (other: "    environment: {DOCKER_HOST: \"tcp://docker-api:2375\"}\n    networks: [brokernet, default]", stranger: false),
        (other: "    networks: [brokernet]", stranger: true),
        (other: "    environment: [DOCKER_HOST=tcp://elsewhere:2375]\n    networks: [brokernet]", stranger: true),
        (other: "    environment: [DOCKER_HOST=tcp://docker-api:2375]\n    network_mode: service:docker-api", stranger: true),
        (other: "    networks: [default]", stranger: false),
    ])
    func strangers(other: String, stranger: Bool) throws {
        let findings = try Self.findings(Self.broker(extra: "  other:\n    image: other:1\n" + other))
        if stranger {
            let socket = try #require(findings.first { $0.ruleID == "runtime-socket" }, "\(findings)")
            #expect(socket.message.contains("its network brokernet is shared with other, not its clients"), "\(socket.message)")
        } else {
            #expect(findings.map(\.ruleID) == ["socket-broker"], "\(findings)")
        }
    }

    @Test("volumes_from another service of the project brings its mounts: the broker's socket that way is runtime-socket, chains too", arguments: [
        (from: "    volumes_from: [docker-api]", through: "docker-api"),
        (from: "    volumes_from: [\"docker-api:ro\"]", through: "docker-api:ro"),
        (from: "    volumes_from: [middle]\n  middle:\n    image: m:1\n    volumes_from: [docker-api]", through: "middle"),
    ])
    func volumesFrom(from: String, through: String) throws {
        let launches = try Self.launches(Self.broker(extra: "  other:\n    image: other:1\n" + from))
        let other = try #require(launches.first { $0.name.hasSuffix("service other") })
        let findings = Validator(host: BrokerFixture.host()).findings(for: other.plan, sources: other.sources)
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" }, "\(findings)")
        #expect(socket.message.contains("/var/run/docker.sock:/var/run/docker.sock:ro (another service's, through volumes_from \(through))"), "\(socket.message)")
    }

    @Test("volumes_from a container outside the project stays what harden cannot see: a warning, no mounts invented")
    func volumesFromContainer() throws {
        let launches = try Self.launches(Self.broker(extra: "  other:\n    image: other:1\n    volumes_from: [\"container:docker-api\"]"))
        let other = try #require(launches.first { $0.name.hasSuffix("service other") })
        #expect(other.plan.engine.inherited.isEmpty)
        let findings = Validator(host: BrokerFixture.host()).findings(for: other.plan, sources: other.sources)
        #expect(findings.map(\.ruleID).contains("joins-another-container"))
        #expect(!findings.map(\.ruleID).contains("runtime-socket"))
    }

    @Test("a healthcheck switched off is no program run inside", arguments: ["    healthcheck: {disable: true, test: [CMD, x]}", "    healthcheck: {test: [NONE]}"])
    func healthcheckOff(extra: String) throws {
        let findings = try Self.findings(Self.broker(extra: extra))
        #expect(findings.map(\.ruleID) == ["socket-broker"], "\(findings)")
    }

    @Test("without the labels the same service is plain runtime-socket")
    func unlabelled() throws {
        let findings = try Self.findings(Self.broker(labels: ""))
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" })
        #expect(!socket.message.contains("labelled a broker"))
        #expect(socket.message.contains("exposes a container runtime socket"))
    }

    @Test("labels, a command and an entrypoint on an ordinary service change no finding")
    func ordinaryService() throws {
        let plain = """
        services:
          web:
            image: nginx:1
            ports: ["8080:80"]
            volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
        """
        let labelled = plain + "\n    labels: {traefik.enable: \"true\", io.harden.brokers: x}\n    command: [nginx, -g, daemon off;]\n    entrypoint: [/docker-entrypoint.sh]\n"
        let describe = { (findings: [Finding]) in findings.map { "\($0.ruleID): \($0.message)" } }
        let before = describe(try Self.findings(plain))
        #expect(before.contains { $0.hasPrefix("runtime-socket: the mount /var/run/docker.sock") })
        #expect(describe(try Self.findings(labelled)) == before)
    }
}
