import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden compose --from … --docker-api SERVICE=SECTIONS`: the client loses its socket, a broker
/// alone holds it, and `harden check` accepts exactly that project and nothing near it.
@Suite("harden compose --from --docker-api: a broker instead of the socket")
struct ComposeDockerAPITests {
    /// A Traefik-like proxy that reads the engine's containers and events through the socket.
    static let project = """
    services:
      proxy:
        image: registry.example/traefik:3
        command: ["--providers.docker=true"]
        ports: ["8080:80"]
        volumes:
          - /var/run/docker.sock:/var/run/docker.sock:ro
        labels:
          traefik.enable: "true"
      web:
        image: registry.example/nginx:1
        labels: [traefik.http.routers.web.rule=Host(`example.test`)]

    """
    static let image = "registry.example/haproxy:2.6"
    static let convert = ["--from", "compose.yaml", "--default-profile", "web", "--broker-image", image, "--socket-group", "998", "-o", "out/compose.yaml"]

    static func run(_ arguments: [String], in directory: TemporaryDirectory, cwd: String? = nil) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(environment: ["HOME": "/nonexistent"], cwd: cwd ?? directory.path))
        return (status, captured.out, captured.err)
    }

    /// The project converted with `extra` options (and `project` as the source), in a new directory.
    static func converted(_ extra: [String], project: String = project) throws -> (TemporaryDirectory, String) {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", project)
        let result = run(["compose"] + convert + extra, in: directory)
        #expect(result.status == 0, "\(result.err)")
        return (directory, try String(contentsOfFile: directory.path + "/out/compose.yaml", encoding: .utf8))
    }

    static func check(_ directory: TemporaryDirectory) -> (status: Int32, out: String, err: String) {
        run(["check", "compose.yaml"], in: directory, cwd: directory.path + "/out")
    }

    @Test("the client loses its socket and gets DOCKER_HOST; the broker alone holds it, hardened, on an internal network with the client only")
    func generated() throws {
        let (directory, text) = try Self.converted(["--docker-api", "proxy=containers,events"])
        let document = try ComposeYAML.load(text, file: "out/compose.yaml").root
        let services = try #require(document.objectMembers?.first { $0.key == "services" }?.value.objectMembers)
        #expect(services.map(\.key) == ["proxy", "proxy-docker-api", "web"])
        let proxy = YAMLWriter.document(services[0].value)
        #expect(!proxy.contains("docker.sock"), "\(proxy)")
        #expect(proxy.contains("DOCKER_HOST=tcp://proxy-docker-api:2375"))
        #expect(proxy.contains("networks:\n  - default\n  - proxy-docker-api\n"), "\(proxy)")
        let broker = YAMLWriter.document(services[1].value)
        for expected in ["image: \"\(Self.image)\"", "read_only: true", "user: \"65534:65534\"", "  - ALL", "no-new-privileges:true",
                         "/var/run/docker.sock:/var/run/docker.sock:ro", "./docker-api/proxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro",
                         "mem_limit: 64m", "pids_limit: 64", "io.harden.broker=containers,events", "group_add:\n  - \"998\"",
                         "networks:\n  - proxy-docker-api\n"] {
            #expect(broker.contains(expected), "\(expected) missing from\n\(broker)")
        }
        #expect(!broker.contains("ports"))
        #expect(text.contains("networks:\n  proxy-docker-api:\n    internal: true\n"), "\(text)")
        let config = try String(contentsOfFile: directory.path + "/out/docker-api/proxy.cfg", encoding: .utf8)
        #expect(config == BrokerConfig.text(forLabel: "containers,events"))
    }

    @Test("harden check accepts the generated project: the broker is socket-broker, a warning")
    func checkAccepts() throws {
        let (directory, _) = try Self.converted(["--docker-api", "proxy=containers,events"])
        let checked = Self.check(directory)
        #expect(checked.status == 0, "\(checked.out)\(checked.err)")
        #expect(checked.out.contains("compose.yaml service proxy-docker-api: accepted, 1 warning"), "\(checked.out)")
        #expect(checked.out.contains("warning socket-broker: the socket broker for containers,events holds the engine's socket"), "\(checked.out)")
        #expect(!checked.out.contains("runtime-socket"), "\(checked.out)")
    }

    @Test("harden check OUT/compose.yaml from the source's directory reads the configuration beside the written file")
    func checkFromParent() throws {
        let (directory, _) = try Self.converted(["--docker-api", "proxy=containers,events"])
        let checked = Self.run(["check", "out/compose.yaml"], in: directory)
        #expect(checked.status == 0, "\(checked.out)")
        #expect(checked.out.contains("out/compose.yaml service proxy-docker-api: accepted, 1 warning"), "\(checked.out)")
    }

    @Test("harden check refuses the generated project given the socket back, a port, or another configuration", arguments: [
        ("client socket", "proxy", "exposes a container runtime socket (/var/run/docker.sock is the docker.sock runtime socket)"),
        ("broker port", "proxy-docker-api", "labelled a broker but is not harden's: it publishes ports"),
        ("edited config", "proxy-docker-api", "is not the one harden broker writes for containers,events (edited, or written for other sections)"),
    ])
    func checkRefuses(variant: String, service: String, reason: String) throws {
        let (directory, text) = try Self.converted(["--docker-api", "proxy=containers,events"])
        switch variant {
        case "client socket":
            let edited = text.replacingOccurrences(of: "    environment:\n      - \"DOCKER_HOST", with: "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n    environment:\n      - \"DOCKER_HOST")
            #expect(edited != text)
            directory.write("out/compose.yaml", edited)
        case "broker port":
            let edited = text.replacingOccurrences(of: "  proxy-docker-api:\n    image:", with: "  proxy-docker-api:\n    ports: [\"127.0.0.1:2375:2375\"]\n    image:")
            #expect(edited != text)
            directory.write("out/compose.yaml", edited)
        default:
            let config = BrokerConfig.text(forLabel: "containers,events")!
            let edited = config.replacingOccurrences(of: "    http-request deny deny_status 403\n", with: "    http-request allow if { method POST } { path -m reg ^/containers/create$ }\n    http-request deny deny_status 403\n")
            #expect(edited != config)
            directory.write("out/docker-api/proxy.cfg", edited)
        }
        let checked = Self.check(directory)
        #expect(checked.status == 1, "\(checked.out)\(checked.err)")
        let block = checked.out.components(separatedBy: "compose.yaml service ").first { $0.hasPrefix(service + ": rejected") }
        let rejected = try #require(block, "\(checked.out)")
        #expect(rejected.contains("error runtime-socket:"), "\(rejected)")
        #expect(rejected.contains(reason), "\(rejected)")
        if service == "proxy-docker-api" { #expect(!checked.out.contains("warning socket-broker"), "\(checked.out)") }
    }

    @Test("x-harden: {docker-api: [...]} writes the same project as --docker-api; the option wins over it")
    func xHarden() throws {
        let marked = Self.project.replacingOccurrences(of: "      traefik.enable: \"true\"\n", with: "      traefik.enable: \"true\"\n    x-harden: {docker-api: [containers, events]}\n")
        #expect(marked != Self.project)
        let (_, byOption) = try Self.converted(["--docker-api", "proxy=containers,events"])
        let (_, byFile) = try Self.converted([], project: marked)
        let body = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }
        #expect(body(byFile) == body(byOption))
        let (directory, overridden) = try Self.converted(["--docker-api", "proxy=containers"], project: marked)
        #expect(overridden.contains("io.harden.broker=containers\n"), "\(overridden)")
        #expect(try String(contentsOfFile: directory.path + "/out/docker-api/proxy.cfg", encoding: .utf8) == BrokerConfig.text(forLabel: "containers"))
    }

    @Test("two clients get a broker each, allowing only what each asked for, each on a network with its client alone")
    func brokerPerClient() throws {
        let two = Self.project + """
          portainer:
            image: registry.example/portainer:2
            volumes: ["/run/docker.sock:/var/run/docker.sock"]

        """
        let (directory, text) = try Self.converted(["--docker-api", "proxy=containers,events", "--docker-api", "portainer=containers,images,volumes:write"], project: two)
        #expect(text.contains("io.harden.broker=containers,events\n"), "\(text)")
        #expect(text.contains("\"io.harden.broker=containers,images,volumes:write\"\n"), "\(text)")
        // The broker mounts the socket as the client spelt it.
        #expect(text.contains("\"/run/docker.sock:/var/run/docker.sock:ro\""), "\(text)")
        #expect(text.contains("networks:\n  proxy-docker-api:\n    internal: true\n  portainer-docker-api:\n    internal: true\n"), "\(text)")
        #expect(try String(contentsOfFile: directory.path + "/out/docker-api/portainer.cfg", encoding: .utf8) == BrokerConfig.text(forLabel: "containers,images,volumes:write"))
        let checked = Self.check(directory)
        #expect(checked.status == 0, "\(checked.out)")
        #expect(checked.out.contains("warning socket-broker: the socket broker for containers,images,volumes:write"), "\(checked.out)")
    }

    @Test("harden k8s --from refuses x-harden.docker-api: no broker is written there")
    func kubernetesRefuses() {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", Self.project.replacingOccurrences(of: "      traefik.enable: \"true\"\n", with: "      traefik.enable: \"true\"\n    x-harden: {docker-api: [containers]}\n"))
        let result = Self.run(["k8s", "--from", "compose.yaml", "--default-profile", "web"], in: directory)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err == "harden: compose.yaml:10: service proxy: x-harden.docker-api: a Docker API broker is written by harden compose --from only; remove docker-api from x-harden to convert this project\n", "\(result.err)")
    }

    @Test("the policy's broker.image is the default, and a broker image beside the pinned one is refused as not the broker's shape")
    func pinnedImage() throws {
        let pinned = "registry.example/haproxy:2.6@sha256:" + String(repeating: "c", count: 64)
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", Self.project)
        directory.write("policy.json", #"{"broker": {"image": "\#(pinned)"}}"#)
        let base = ["compose", "--from", "compose.yaml", "--policy", "policy.json", "--default-profile", "web", "--socket-group", "998", "--docker-api", "proxy=containers"]
        let defaulted = Self.run(base + ["-o", "out/compose.yaml"], in: directory)
        #expect(defaulted.status == 0, "\(defaulted.err)")
        #expect(try String(contentsOfFile: directory.path + "/out/compose.yaml", encoding: .utf8).contains("image: \"\(pinned)\""))
        let other = Self.run(base + ["--broker-image", Self.image, "-o", "other/compose.yaml"], in: directory)
        #expect(other.status == 1, "\(other.err)")
        #expect(other.err.contains("refusing to write the broker proxy-docker-api for service proxy: runtime-socket:"), "\(other.err)")
        #expect(other.err.contains("it runs \(Self.image), not the broker image the policy pins (\(pinned))"), "\(other.err)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/other/compose.yaml"))
    }

    @Test("a client that cannot join its broker's network is refused naming why")
    func networkMode() {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", Self.project.replacingOccurrences(of: "    ports: [\"8080:80\"]\n", with: "    network_mode: none\n"))
        let result = Self.run(["compose", "--from", "compose.yaml", "--default-profile", "web", "--broker-image", Self.image, "--socket-group", "998",
                               "--docker-api", "proxy=containers"], in: directory)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err == "harden: service proxy: --docker-api needs the service on its broker's network, but it runs with network none (network_mode or its profile web); choose a profile without a network mode, or drop network_mode\n", "\(result.err)")
    }

    @Test("a socket without --docker-api stays runtime-socket, and the fix names --docker-api SERVICE=SECTIONS")
    func refusedWithoutBroker() {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", Self.project)
        let result = Self.run(["compose", "--from", "compose.yaml", "--default-profile", "web"], in: directory)
        #expect(result.status == 1)
        #expect(result.err.contains("service proxy (profile web): runtime-socket: the mount /var/run/docker.sock:/var/run/docker.sock:ro exposes a container runtime socket"), "\(result.err)")
        #expect(result.err.contains("point DOCKER_HOST=tcp://PROXY:2375 at it; harden compose writes that proxy: --docker-api proxy=SECTIONS (such as containers,events)\n"), "\(result.err)")
    }

    @Test("bad input is one line naming it and the fix", arguments: [
        (["--docker-api", "proxy=containers"], false, "harden: missing --broker-image IMAGE: the Docker API broker of proxy needs an HAProxy image"),
        (["--docker-api", "proxy"], true, "harden: --docker-api proxy (argument 4): expected SERVICE=SECTIONS, e.g. --docker-api traefik=containers,events"),
        (["--docker-api", "nope=containers"], true, "harden: --docker-api nope=containers (argument 4): compose.yaml has no service nope; its services are proxy, web"),
        (["--docker-api", "proxy=containres"], true, "harden: --docker-api proxy=containres (argument 4): \"containres\" is not a broker section (SECTION or SECTION:write); did you mean \"containers\"?"),
    ])
    func badInput(extra: [String], image: Bool, message: String) {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", Self.project)
        let result = Self.run(["compose", "--from", "compose.yaml"] + extra + ["--default-profile", "web", "--socket-group", "998"] + (image ? ["--broker-image", Self.image] : []), in: directory)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
    }
}
