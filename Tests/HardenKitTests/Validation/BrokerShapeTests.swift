import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// A broker as `harden broker` launches it, on a described host where its configuration is a file.
enum BrokerFixture {
    static let configFile = "/srv/broker/harden-broker.cfg"
    static let sections = "containers,events"
    static let image = "harden-e2e/haproxy:1"

    static func text(_ sections: String = sections) -> String { BrokerConfig.text(forLabel: sections)! }

    /// The host holds `config` at `configFile` (the generated text unless said otherwise) and knows
    /// harden's generator; `generator: false` is a validator handed none.
    static func host(config: String? = text(), generator: Bool = true) -> HostFacts {
        var host = Audit.host(files: config.map { [configFile: $0] } ?? [:])
        if generator { host.brokerConfig = { BrokerConfig.text(forLabel: $0) } }
        return host
    }

    static func plan(sections: String = sections) -> LaunchPlan {
        BrokerPlan.plan(BrokerPlan.Options(
            request: try! BrokerRequest.parse(sections, shown: "test"), network: "brokernet", image: image,
            configFile: configFile, socket: "/var/run/docker.sock", socketGroup: "998", name: "docker-api"))
    }

    /// The docker run line `harden broker` prints, without `docker run`, with `extra` options before the image.
    static func line(sections: String = sections, extra: String = "") -> String {
        var words = DockerArguments.emit(plan(sections: sections)).dropFirst().dropLast()
        words += ((try? ShellQuote.split(extra)) ?? []) + [image]
        return ShellQuote.join(Array(words))
    }
}

@Suite("socket broker: the shape the validator recognises")
struct BrokerShapeTests {
    static func findings(_ line: String, host: HostFacts = BrokerFixture.host(), policy: Policy = Policy()) throws -> [Finding] {
        try Audit.findings(line, policy: policy, host: host)
    }

    @Test("the launch harden broker prints is a socket-broker warning, not runtime-socket, and nothing else")
    func recognised() throws {
        let findings = try Self.findings(BrokerFixture.line())
        #expect(findings.map(\.ruleID) == ["socket-broker"], "\(findings)")
        #expect(findings[0].severity == .warning)
        #expect(findings[0].message.contains("the socket broker for containers,events holds the engine's socket"))
    }

    @Test("anything short of the shape is runtime-socket, saying why it is not harden's broker", arguments: [
        ("-p 127.0.0.1:2375:2375", "it publishes ports"),
        ("-v /srv/app:/app:ro", "it mounts /srv/app:/app:ro besides the socket and its configuration"),
        ("--user 0", "it runs as root"),
        ("--read-only=false", "its root filesystem is writable"),
        ("--cap-add NET_BIND_SERVICE", "it holds capabilities"),
        ("--network bridge", "it is not on a network of its own"),
        ("--entrypoint /bin/sh", "it replaces the image's command"),
        ("--health-cmd 'wget -qO- http://x'", "it runs a program of its own inside (a healthcheck or lifecycle hook)"),
        ("--pid host", "it sets namespaces (pid host)"),
        ("--security-opt seccomp=unconfined", "it changes its confinement"),
        ("--device /dev/fuse", "it is given secrets, devices or the API socket besides"),
    ])
    func misshapen(extra: String, reason: String) throws {
        let findings = try Self.findings(BrokerFixture.line(extra: extra))
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" }, "\(findings)")
        #expect(socket.message.contains("labelled a broker but is not harden's"))
        #expect(socket.message.contains(reason), "\(socket.message)")
        #expect(!findings.contains { $0.ruleID == "socket-broker" })
    }

    @Test("a configuration edited to allow POST /containers/create is runtime-socket")
    func editedConfig() throws {
        let edited = BrokerFixture.text().replacingText(
            "    http-request deny deny_status 403\n",
            with: "    http-request allow if { method POST } { path -m reg ^/containers/create$ }\n    http-request deny deny_status 403\n")
        #expect(edited != BrokerFixture.text())
        let findings = try Self.findings(BrokerFixture.line(), host: BrokerFixture.host(config: edited))
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" })
        #expect(socket.message.contains("is not the one harden broker writes for containers,events"))
    }

    @Test("a configuration written for more sections than the label names is runtime-socket")
    func moreSections() throws {
        let findings = try Self.findings(BrokerFixture.line(), host: BrokerFixture.host(config: BrokerFixture.text("containers:write,events")))
        #expect(findings.contains { $0.ruleID == "runtime-socket" && $0.message.contains("edited, or written for other sections") })
    }

    @Test("a label edited to name more sections no longer matches its hash")
    func editedLabel() throws {
        let line = BrokerFixture.line().replacingText("io.harden.broker=containers,events", with: "io.harden.broker=containers:write,events")
        let findings = try Self.findings(line, host: BrokerFixture.host(config: BrokerFixture.text("containers:write,events")))
        #expect(findings.contains { $0.ruleID == "runtime-socket" && $0.message.contains("label is not the hash of the configuration") })
    }

    @Test("a configuration this host cannot read, or a validator without the generator, is runtime-socket")
    func unreadable() throws {
        let unread = try Self.findings(BrokerFixture.line(), host: BrokerFixture.host(config: nil))
        #expect(unread.contains { $0.ruleID == "runtime-socket" && $0.message.contains("cannot be read here") })
        let blind = try Self.findings(BrokerFixture.line(), host: BrokerFixture.host(generator: false))
        #expect(blind.contains { $0.ruleID == "runtime-socket" && $0.message.contains("is not a section list harden broker writes") })
    }

    @Test("an app given the socket beside a broker stays runtime-socket: only the labelled broker is recognised")
    func appWithSocket() throws {
        let findings = try Self.findings("--user 1000 -e DOCKER_HOST=tcp://docker-api:2375 -v /var/run/docker.sock:/var/run/docker.sock:ro --network brokernet app:1")
        let socket = try #require(findings.first { $0.ruleID == "runtime-socket" })
        #expect(!socket.message.contains("broker"))
        #expect(socket.rejects)
    }

    @Test("the policy's pinned broker image is the only one that takes the shape; a runtime-socket exception lifts nothing")
    func pinnedImage() throws {
        let digest = String(repeating: "a", count: 64)
        let pinned = try Audit.policy(#"{"broker": {"image": "harden-e2e/haproxy:1@sha256:\#(digest)"}}"#)
        let findings = try Self.findings(BrokerFixture.line(), policy: pinned)
        #expect(findings.contains { $0.ruleID == "runtime-socket" && $0.message.contains("not the broker image the policy pins") })
        let good = BrokerFixture.line().replacingText(" harden-e2e/haproxy:1", with: " harden-e2e/haproxy:1@sha256:\(digest)")
        #expect(try Self.findings(good, policy: pinned).map(\.ruleID) == ["socket-broker"])
        #expect {
            try Audit.policy(#"{"exceptions": [{"rule": "runtime-socket", "reason": "r", "expires": "2099-01-01"}]}"#)
        } throws: { error in
            (error as? HardenError)?.message.contains("runtime-socket is a hard rejection and takes no exceptions") == true
        }
    }

    @Test("a broker image the policy pins without a digest is refused where it is written")
    func unpinnedPolicy() {
        #expect {
            try Audit.policy(#"{"broker": {"image": "haproxy:2.6"}}"#)
        } throws: { error in
            (error as? HardenError)?.message.contains("\"haproxy:2.6\" is not pinned by digest; write the broker image as NAME@sha256:DIGEST") == true
        }
    }
}
