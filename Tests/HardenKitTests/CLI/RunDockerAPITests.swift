import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden run PROFILE --docker-api SECTIONS --name NAME … IMAGE`: the broker first, on its own
/// internal network, then the app on it without the socket.
@Suite("harden run --docker-api")
struct RunDockerAPITests {
    static let image = "registry.example/haproxy:2.6"

    static func run(_ arguments: [String], in directory: TemporaryDirectory) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(environment: ["HOME": "/nonexistent", "XDG_CACHE_HOME": directory.path + "/cache"], cwd: directory.path))
        return (status, captured.out, captured.err)
    }

    @Test("--dry-run prints the network, the broker and the app; check accepts the broker as socket-broker and the app without a socket")
    func dryRun() throws {
        let directory = TemporaryDirectory()
        let result = Self.run(["run", "--dry-run", "web", "--docker-api", "containers,events", "--broker-image", Self.image, "--socket-group", "998",
                               "--name", "dash", "-v", "/var/run/docker.sock:/var/run/docker.sock:ro", "registry.example/dash:1"], in: directory)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("harden: warning: --docker-api: the socket mount /var/run/docker.sock:/var/run/docker.sock is taken away; the container reaches the engine through dash-docker-api only"), "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(result.out)")
        #expect(lines[0] == "docker network inspect dash-docker-api >/dev/null 2>&1 || docker network create --internal dash-docker-api")
        let config = directory.path + "/dash-docker-api.cfg"
        #expect(try String(contentsOfFile: config, encoding: .utf8) == BrokerConfig.text(forLabel: "containers,events"))
        #expect(lines[1].hasPrefix("docker run --user 65534:65534 --cap-drop ALL"))
        #expect(lines[1].contains("--volume \(config):/usr/local/etc/haproxy/haproxy.cfg:ro"), "\(lines[1])")
        #expect(lines[1].contains("--network dash-docker-api") && lines[1].contains("--name dash-docker-api"), "\(lines[1])")
        #expect(lines[2].contains("--network dash-docker-api --"), "\(lines[2])")
        #expect(lines[2].contains("--env DOCKER_HOST=tcp://dash-docker-api:2375"), "\(lines[2])")
        #expect(!lines[2].contains("docker.sock"), "\(lines[2])")

        let broker = Self.run(["check", "--"] + (try ShellQuote.split(lines[1])), in: directory)
        #expect(broker.status == 0, "\(broker.out)")
        #expect(broker.out.contains("warning socket-broker: the socket broker for containers,events"), "\(broker.out)")
        let app = Self.run(["check", "--"] + (try ShellQuote.split(lines[2])), in: directory)
        #expect(app.status == 0, "\(app.out)")
        #expect(!app.out.contains("runtime-socket"), "\(app.out)")
    }

    @Test("bad input is one line naming it and the fix", arguments: [
        (["--docker-api", "containers", "--broker-image", image], "harden: --docker-api needs --name NAME: the broker and its network are named NAME-docker-api"),
        (["--docker-api", "containers", "--name", "a"], "harden: missing --broker-image IMAGE: the Docker API broker needs an HAProxy image"),
        (["--docker-api", "containers", "--broker-image", image, "--name", "a", "--network", "front"],
         "harden: --docker-api puts the container on its broker's network a-docker-api, but it runs with --network front"),
        (["--broker-image", image, "--name", "a"], "harden: --broker-image \"registry.example/haproxy:2.6\" (argument 4) is for the Docker API broker; add --docker-api SECTIONS"),
        (["--docker-api", "containres", "--name", "a"], "harden: --docker-api \"containres\" (argument 4): \"containres\" is not a broker section"),
    ])
    func badInput(extra: [String], message: String) {
        let directory = TemporaryDirectory()
        let result = Self.run(["run", "--dry-run", "web"] + extra + ["--socket-group", "998", "registry.example/dash:1"], in: directory)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
    }
}
