import FoundationEssentials
import HardenFormats
import HardenModel
/// `harden compose --from FILE... [--profile SERVICE=PROFILE]... [--default-profile PROFILE] [-o OUT]`
enum ComposeFromCommand {
    static let command = HardenCLI.Command(
        name: "compose",
        summary: "rewrite an existing compose project with every service hardened by a profile",
        usage: "harden compose --from FILE... [--profile SERVICE=PROFILE]... [--default-profile PROFILE] [--allow-egress NETWORK]... [--docker-api SERVICE=SECTIONS[:write]]... [--broker-image IMAGE] [--socket PATH] [--socket-group GID] [--env-file FILE] [--profiles DIR]... [--policy FILE] [-o OUT] [--format yaml|json]",
        options: [
            .profiles, .policy,
            CommandOption("--from", value: "FILE", repeatable: true),
            CommandOption("--profile", value: "SERVICE=PROFILE", repeatable: true),
            CommandOption("--default-profile", value: "PROFILE"),
            CommandOption("--allow-egress", value: "NETWORK", repeatable: true),
            ComposeDockerAPI.option, ComposeDockerAPI.brokerImage, BrokerCommand.socket, BrokerCommand.socketGroup,
            CommandOption("--env-file", value: "FILE"),
            CommandOption("--output", short: "o", value: "OUT"),
            .format("yaml|json"), .help,
        ],
        details: """
        Reads the compose project FILE (several --from merge as docker compose -f merges them;
        variables are filled in from the environment and .env beside the first file, or --env-file)
        and writes it back whole, every service hardened by its profile: --profile SERVICE=PROFILE,
        else `x-harden: {profile: NAME}` in the service, else --default-profile. A service with none
        is refused by name, never passed through unhardened.

        Each service's settings are merged with its profile by the rules of `harden run`'s options
        (ports without an address are bound to the profile's, 127.0.0.1 for the built-ins) and the
        result is validated as `harden run` validates it: what the profile or policy refuses
        (privileged, a runtime socket, host namespaces…) exits 1 naming the service and FILE:line.
        Networks, depends_on, logging, labels, secrets and configs are carried over as written.

        A network that no service publishing ports joins becomes `internal: true` (no way out of
        the host) unless --allow-egress NETWORK; a service on no network is joined to the
        project's own `default` network. What changed is summed up on stderr.

        A service holding the engine's socket is refused (runtime-socket). Give it the Docker API
        through a broker instead: --docker-api SERVICE=SECTIONS[:write] (or x-harden:
        {docker-api: [containers, events]} in the service; the option wins) takes its socket
        away, sets DOCKER_HOST=tcp://SERVICE-docker-api:2375, and adds the service
        SERVICE-docker-api: HAProxy allowing only those sections' calls (see `harden broker`),
        hardened (read-only, no capabilities, nobody with the socket's group, no ports), the one
        holder of the socket, on the internal network SERVICE-docker-api shared with SERVICE
        alone. Its configuration is written to docker-api/SERVICE.cfg beside OUT.
          --broker-image IMAGE  the HAProxy image (default: the policy's broker.image)
          --socket PATH         the engine's socket on the host (default: the one the service
                                mounted, else /var/run/docker.sock)
          --socket-group GID    the socket's group (default: read from the socket)

          -o OUT   write the file atomically to OUT, and the generated seccomp profiles to
                   seccomp/SERVICE.json beside it (referenced as ./seccomp/SERVICE.json: run
                   compose from OUT's directory); without -o, the file goes to stdout and the
                   profiles to ./seccomp
        Exit status: 0 written, 1 refused by validation, 2 bad input.
        """,
        run: { arguments, console throws(HardenError) in try ComposeFromCommand.run(arguments, console: console) })

    /// Whether `harden compose` was given `--from` (before any `--`): then it reads a project.
    static func isFrom(_ arguments: [String]) -> Bool {
        for word in arguments {
            if word == "--" { return false }
            if word == "--from" || word.hasPrefix("--from=") { return true }
        }
        return false
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        let format = try ComposeCommand.outputFormat(parsed)
        let output = parsed.value("--output").map { $0.hasPrefix("/") ? $0 : console.currentDirectory + "/" + $0 }
        let outputDirectory = output.map(PathText.deletingLastComponent) ?? console.currentDirectory
        let (project, hardened, summary, brokers) = try harden(
            parsed, options: options, console: console, refusal: "refusing to write the compose file", brokersTo: outputDirectory)
        let result = ComposeProjectOutput.convert(
            hardened, root: ComposeDockerAPI.declaring(project.root, networks: brokers.map(\.client.network)),
            allowEgress: Set(parsed.values("--allow-egress")), paths: .init(source: project.directory, output: outputDirectory))
        for service in hardened { if let note = service.seccompNote { console.warn("service \(service.name): \(note)") } }
        for note in result.notes { console.warn(note) }
        for line in summary + result.summary { console.err("harden: \(line)\n") }
        let text: String
        if format == "json" {
            text = JSONWriter.pretty(result.json)
        } else {
            text = "# Written by: " + (["harden", "compose"] + arguments).map(ShellQuote.quote).joined(separator: " ")
                + "\n# Edit the source and run the command again rather than this file.\n" + YAMLWriter.document(result.json)
        }
        for service in hardened { try service.seccomp?.write(currentDirectory: outputDirectory) }
        for broker in brokers { try ComposeDockerAPI.write(broker) }
        guard let output else { console.out(text); return 0 }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw .input("\(output): \(error.description); \(error.advice); the previous file, if any, is unchanged")
        }
        return 0
    }

    /// The project read from every --from, each service's plan merged with its profile and
    /// validated; warnings printed, refusals of every service together in one error.
    /// `brokersTo`: where brokers' configurations go; nil where no broker can be written.
    static func harden(
        _ parsed: ParsedArguments, options: HardenOptions, console: Console, refusal: String, brokersTo: String? = nil
    ) throws(HardenError) -> (ComposeProjectReading, [ComposeProjectOutput.Service], [String], [ComposeDockerAPI.Broker]) {
        let files = parsed.values("--from")
        var chosen: [String: (profile: String, shown: String)] = [:]
        for given in parsed.given where given.name == "--profile" {
            let parts = given.value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .input("--profile \(given.value.debugDescription) (argument \(given.argument)): expected SERVICE=PROFILE, e.g. --profile web=web")
            }
            chosen[parts[0]] = (parts[1], "--profile \(given.value) (argument \(given.argument))")
        }
        let context = ComposeYAML.Context(environment: console.environment, currentDirectory: console.currentDirectory, envFile: parsed.value("--env-file"))
        let project = try ComposeProjectReading.read(files: files, context: context)
        for (service, choice) in chosen where !project.services.contains(where: { $0.name == service }) {
            let names = project.services.map(\.name).joined(separator: ", ")
            throw .input("\(choice.shown): \(files.joined(separator: " + ")) has no service \(service); its services are \(names)")
        }
        let clients = try ComposeDockerAPI.clients(parsed, project: project, files: files, allowed: brokersTo != nil)
        let session = Session(options: options, console: console)
        let validator = try session.validator()
        var brokerImage: String?
        if !clients.isEmpty {
            let pinned = try session.policy().brokerImage
            guard let image = parsed.value(ComposeDockerAPI.brokerImage.name) ?? pinned else {
                throw .input("missing --broker-image IMAGE: the Docker API broker of \(clients.keys.sorted().joined(separator: ", ")) needs an HAProxy image (a stock haproxy, pinned by digest); name it, or pin it in the policy as broker.image")
            }
            brokerImage = image
        }
        var brokers: [ComposeDockerAPI.Broker] = []
        var hardened: [ComposeProjectOutput.Service] = []
        var refusals: [String] = []
        var summary: [String] = []
        for service in project.services {
            let (profileName, from) = try profile(for: service, chosen: chosen, default: parsed.value("--default-profile"), files: files)
            let resolved = try session.resolve(profileName, validator: validator)
            var notes: [String] = []
            var servicePlan = service.launch.plan
            var node = service.node
            let client = clients[service.name]
            var removed: [LaunchPlan.Mount] = []
            if let client {
                removed = ComposeDockerAPI.detach(&servicePlan, dockerHost: client.dockerHost, host: validator.host)
                node = ComposeDockerAPI.joining(node, client.network)
            }
            let (plan, sources) = try ComposeServiceHardening.plan(
                profile: resolved.profile, profileSources: resolved.planSources, service: servicePlan,
                serviceSources: service.launch.sources, notes: &notes)
            if let client, let mode = plan.network {
                throw .input("service \(service.name): \(client.origin) needs the service on its broker's network, but it runs with network \(mode.description) (network_mode or its profile \(profileName)); choose a profile without a network mode, or drop network_mode")
            }
            try SecretFiles.check(plan, profile: resolved.profile)
            for note in notes { console.warn("service \(service.name): \(note)") }
            let findings = validator.findings(for: plan, sources: sources, profile: profileName)
            if findings.rejects {
                let socket = findings.contains { $0.rejects && $0.ruleID == "runtime-socket" } && client == nil
                refusals.append("service \(service.name) (profile \(profileName)): " + Session.describe(findings.filter(\.rejects))
                    + (socket ? "; harden compose writes that proxy: --docker-api \(service.name)=SECTIONS (such as containers,events)" : ""))
                continue
            }
            for finding in findings where finding.exception == nil { console.warn("service \(service.name): " + Session.describe([finding])) }
            let seccomp = GeneratedSeccomp.forPlan(plan, profile: service.name, directory: GeneratedSeccomp.defaultDirectory)
            let address = resolved.profile.network.publishAddress ?? "127.0.0.1"
            summary.append("service \(service.name): profile \(profileName) (\(from))" + (plan.ports.isEmpty ? "" : "; ports without an address bound to \(address)"))
            // The outputs copy the program and labels from the service as written, in its own form.
            var written = plan
            written.command = []
            written.process.entrypoint = nil
            written.process.labels = []
            hardened.append(ComposeProjectOutput.Service(name: service.name, node: node, plan: written, seccomp: seccomp.profile, seccompNote: seccomp.note))
            if let client, let brokerImage, let directory = brokersTo {
                let socket = parsed.value(BrokerCommand.socket.name) ?? (removed.count == 1 ? removed[0].source : nil) ?? BrokerConfig.socketPath
                let broker = try ComposeDockerAPI.broker(
                    for: client, image: brokerImage, socket: socket, group: try BrokerCommand.socketGroup(parsed, socket: socket),
                    outputDirectory: directory, validator: validator)
                for warning in client.request.warnings { console.warn("service \(client.broker): \(warning)") }
                let taken = removed.map { "\($0.source ?? ""):\($0.target)" }
                summary.append("service \(service.name): " + (taken.isEmpty ? "" : "the socket \(taken.joined(separator: ", ")) taken away; ")
                    + "DOCKER_HOST=\(client.dockerHost), the broker for \(client.request.spelling) (\(client.origin))")
                summary.append("service \(client.broker): the broker, alone holding \(socket), configured by \(client.configFile); network \(client.network) internal: true, with \(service.name) only")
                hardened.append(broker.service)
                brokers.append(broker)
            }
        }
        if !refusals.isEmpty { throw .rejected("\(refusal): " + refusals.joined(separator: "; and ")) }
        return (project, hardened, summary, brokers)
    }

    /// The service's profile and where it was named: --profile, then x-harden, then --default-profile.
    static func profile(
        for service: ComposeProjectReading.Service, chosen: [String: (profile: String, shown: String)], default fallback: String?, files: [String]
    ) throws(HardenError) -> (String, String) {
        if let choice = chosen[service.name] { return (choice.profile, "--profile") }
        if let member = service.node.objectMembers?.first(where: { $0.key == "x-harden" }) {
            let (file, line) = ComposeProjectReading.place(member.keyLocation, files: files)
            let keys = member.value.objectMembers ?? []
            // docker-api alone leaves the profile to --default-profile.
            let brokerOnly = !keys.isEmpty && !keys.contains { $0.key == "profile" } && keys.contains { $0.key == "docker-api" }
            if !brokerOnly {
                guard let name = keys.first(where: { $0.key == "profile" })?.value.stringValue, !name.isEmpty else {
                    throw .input("\(file):\(line): service \(service.name): x-harden must be {profile: NAME}; fix: write x-harden: {profile: web} (or pass --profile \(service.name)=PROFILE)")
                }
                if let unknown = keys.first(where: { $0.key != "profile" && $0.key != "docker-api" }) {
                    let (file, line) = ComposeProjectReading.place(unknown.keyLocation, files: files)
                    throw .input("\(file):\(line): service \(service.name): x-harden.\(unknown.key) is not a key harden reads; fix: keep only profile and docker-api")
                }
                return (name, "x-harden at \(file):\(line)")
            }
            if let unknown = keys.first(where: { $0.key != "docker-api" }) {
                let (file, line) = ComposeProjectReading.place(unknown.keyLocation, files: files)
                throw .input("\(file):\(line): service \(service.name): x-harden.\(unknown.key) is not a key harden reads; fix: keep only profile and docker-api")
            }
        }
        if let fallback { return (fallback, "--default-profile") }
        let whole = service.launch.sources.whole
        throw .input("\(whole.file ?? files[0]):\(whole.line ?? 1):\(whole.column ?? 1): service \(service.name) has no profile, and harden never passes a service through unhardened; fix: add x-harden: {profile: NAME} to it, or pass --profile \(service.name)=PROFILE or --default-profile PROFILE")
    }
}
