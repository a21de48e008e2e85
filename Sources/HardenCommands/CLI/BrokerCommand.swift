import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden broker SECTIONS[:write],... --network NET [--image IMAGE] [-o FILE] [--dry-run]`
enum BrokerCommand {
    static let network = CommandOption("--network", value: "NET")
    static let image = CommandOption("--image", value: "IMAGE")
    static let output = CommandOption("--output", short: "o", value: "FILE")
    static let name = CommandOption("--name", value: "NAME")
    static let socket = CommandOption("--socket", value: "PATH")
    static let socketGroup = CommandOption("--socket-group", value: "GID")

    static let usage = "harden broker [--policy FILE] [--engine docker|podman|nerdctl] [--dry-run] --network NET [--image IMAGE] [-o FILE] [--name NAME] [--socket PATH] [--socket-group GID] SECTION[:write],..."

    static let command = HardenCLI.Command(
        name: "broker",
        summary: "start a Docker API broker: the one container holding the socket, allowing only the calls of the sections named",
        usage: usage,
        options: [.policy, .engine, .dryRun, network, image, output, name, socket, socketGroup, .help],
        details: """
        Writes an HAProxy configuration that allows exactly the Docker API calls of SECTIONS
        (GET and HEAD only, unless a section is written SECTION:write), with /vX.Y prefixes, and
        refuses everything else with 403: encoded or dot paths, method override headers, bodies on
        reads, Content-Length beside Transfer-Encoding, upgrades, HTTP/1.0 and HTTP/2. Then it
        starts the broker with `docker run`, hardened as harden hardens anything: read-only root,
        no capabilities, nobody with only the socket's group, no published ports, memory and pids
        limits, the configuration and the socket mounted read-only into the broker alone.
        Clients on NET use DOCKER_HOST=tcp://NAME:2375 and hold no socket.

        Sections (tecnativa/docker-socket-proxy's names): \(BrokerSectionTable.sections.map(\.name).joined(separator: ", ")).
        exec, attach, build, secrets, plugins, system, session, swarm and grpc, and containers:write,
        hand out far more than their names (a hijacked stream, host root) and are warned about.

          --network NET      the network the broker and its clients share; create it with
                             `docker network create --internal NET`
          --image IMAGE      the HAProxy image (default: the policy's broker.image)
          -o, --output FILE  where the configuration is written (default: harden-broker.cfg);
                             written even with --dry-run, so the printed command runs
          --name NAME        the broker's container name, its clients' DOCKER_HOST (default: docker-api)
          --socket PATH      the engine's socket on the host (default: /var/run/docker.sock)
          --socket-group GID the socket's group (default: read from the socket)
          --dry-run          print the command, shell-quoted, instead of running it
          --policy FILE      the team policy; its broker.image pins the image

        `harden check` recognises the launch this prints (rule socket-broker, a warning) and refuses
        any other launch holding a socket (runtime-socket), a broker with a port, another
        configuration or image among them.
        Exit status: the engine's; 2 for bad input, 1 for a refused launch.
        """,
        run: { arguments, console throws(HardenError) in try BrokerCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let operands = parsed.allOperands
        guard operands.count == 1 else {
            throw .input(operands.isEmpty
                ? "missing the sections, such as containers,events; usage: \(usage)"
                : "unexpected argument \(operands[1].word) (argument \(operands[1].argument)); name the sections as one list, such as containers,events; usage: \(usage)")
        }
        let request = try BrokerRequest.parse(operands[0].word, shown: "argument \(operands[0].argument)")
        guard let networkName = parsed.value(network.name), !networkName.isEmpty else {
            throw .input("missing --network NET: the broker must sit on a network shared only with its clients; create one with `docker network create --internal NET`")
        }
        if ["bridge", "default", "host", "none"].contains(networkName) || networkName.hasPrefix("container:") {
            throw .input("\(parsed.shown(network.name)) is shared with more than the broker's clients; create one with `docker network create --internal NET`")
        }
        let session = Session(options: options, console: console)
        let policy = try session.policy()
        guard let imageName = parsed.value(image.name) ?? policy.brokerImage else {
            throw .input("missing --image IMAGE: name the HAProxy image to run (a stock haproxy, pinned by digest), or pin it in the policy as broker.image")
        }
        let socketPath = parsed.value(socket.name) ?? BrokerConfig.socketPath
        let group = try socketGroup(parsed, socket: socketPath)
        let configFile = SecretFiles.absolute(parsed.value(output.name) ?? "harden-broker.cfg", currentDirectory: console.currentDirectory)
        try writeConfig(request, to: configFile, option: "-o FILE")
        for warning in request.warnings { console.warn(warning) }
        let plan = BrokerPlan.plan(BrokerPlan.Options(
            request: request, network: networkName, image: imageName, configFile: configFile, socket: socketPath,
            socketGroup: group, name: parsed.value(name.name) ?? "docker-api"))
        try validate(plan, session: session, console: console, refusal: "refusing to start the broker")
        let engine = options.engine ?? console.environment["HARDEN_ENGINE"].flatMap { $0.isEmpty ? nil : $0 } ?? "docker"
        if options.engine == nil { try HardenOptions.checkEngine(engine, shown: "HARDEN_ENGINE=\"\(engine)\"") }
        let argv = try DockerArguments.emitChecked(plan, engine: engine)
        if options.dryRun {
            console.out(ShellQuote.join([engine] + argv) + "\n")
            return 0
        }
        let executable = try Launcher.locate(engine, path: console.environment["PATH"])
        try Launcher.exec(executable, arguments: argv)
    }

    /// The socket's group: `--socket-group GID`, else read from the socket itself.
    static func socketGroup(_ parsed: ParsedArguments, socket socketPath: String) throws(HardenError) -> String {
        if let given = parsed.value(socketGroup.name) {
            guard !given.isEmpty, given.utf8.allSatisfy({ (48...57).contains($0) }) else {
                throw .input("\(parsed.shown(socketGroup.name)) is not a group number; give the socket's group id (`stat -c %g \(socketPath)`)")
            }
            return given
        }
        guard let status = FileStatus.of(socketPath) else {
            throw .input("cannot read the socket \(socketPath) to learn its group; pass --socket PATH or --socket-group GID")
        }
        return String(status.gid)
    }

    /// Written before the launch is judged: the validator recognises the broker by reading it back.
    static func writeConfig(_ request: BrokerRequest, to configFile: String, option: String) throws(HardenError) {
        do {
            try AtomicFile.write(BrokerConfig.text(for: request), to: configFile)
        } catch {
            throw .input("cannot write the broker configuration to \(configFile): \(error); choose another place with \(option)")
        }
    }

    /// Refuses a broker the validator does not recognise; warns of anything else it finds.
    static func validate(_ plan: LaunchPlan, session: Session, console: Console, refusal: String, warning prefix: String = "") throws(HardenError) {
        let findings = try session.validator().findings(for: plan, sources: PlanSources(), profile: nil)
        if findings.rejects { throw .rejected("\(refusal): " + Session.describe(findings.filter(\.rejects))) }
        for finding in findings where finding.exception == nil && finding.ruleID != "socket-broker" {
            console.warn(prefix + Session.describe([finding]))
        }
    }
}
