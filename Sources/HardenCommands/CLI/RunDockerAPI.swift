import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden run PROFILE --docker-api SECTIONS[:write] --name NAME … IMAGE`: the app gets the Docker
/// API through a broker instead of the socket. The broker (`harden broker`'s plan) is started
/// first on the internal network NAME-docker-api, then the app, on that network only, with
/// DOCKER_HOST=tcp://NAME-docker-api:2375 and every socket mount taken away.
enum RunDockerAPI {
    static let option = CommandOption("--docker-api", value: "SECTIONS[:write]")
    static let brokerImage = CommandOption("--broker-image", value: "IMAGE")
    static let brokerConfig = CommandOption("--broker-config", value: "FILE")
    static let options = [option, brokerImage, brokerConfig, BrokerCommand.socket, BrokerCommand.socketGroup]

    struct Broker {
        var name: String
        var plan: LaunchPlan
        var request: BrokerRequest
        var configFile: String
    }

    /// The broker for the app `plan` describes, the app changed to use it; nil without --docker-api.
    static func prepare(_ parsed: ParsedArguments, plan: inout LaunchPlan, session: Session, console: Console) throws(HardenError) -> Broker? {
        guard let sections = parsed.value(option.name) else {
            for other in options.dropFirst() where parsed.has(other.name) {
                throw .input("\(parsed.shown(other.name)) is for the Docker API broker; add --docker-api SECTIONS, or leave it out")
            }
            return nil
        }
        let request = try BrokerRequest.parse(sections, shown: parsed.shown(option.name))
        guard let app = plan.process.name, !app.isEmpty else {
            throw .input("--docker-api needs --name NAME: the broker and its network are named NAME-docker-api after the container; add --name")
        }
        if let network = plan.network {
            throw .input("--docker-api puts the container on its broker's network \(app)-docker-api, but it runs with --network \(network.description) (given, or the profile's); leave --network out, and after it starts `docker network connect NET \(app)` joins it to another network")
        }
        let name = app + "-docker-api"
        let policy = try session.policy()
        guard let image = parsed.value(brokerImage.name) ?? policy.brokerImage else {
            throw .input("missing --broker-image IMAGE: the Docker API broker needs an HAProxy image (a stock haproxy, pinned by digest); name it, or pin it in the policy as broker.image")
        }
        let removed = ComposeDockerAPI.detach(&plan, dockerHost: "tcp://\(name):\(BrokerConfig.port)", host: try session.validator().host)
        plan.network = .named(name)
        for mount in removed { console.warn("--docker-api: the socket mount \(mount.source ?? ""):\(mount.target) is taken away; the container reaches the engine through \(name) only") }
        if !plan.ports.isEmpty || plan.engine.publishAll {
            console.warn("--docker-api: \(name) is an internal network, on which the engine publishes no ports; after the container starts, `docker network connect bridge \(app)` publishes them")
        }
        let socket = parsed.value(BrokerCommand.socket.name) ?? (removed.count == 1 ? removed[0].source : nil) ?? BrokerConfig.socketPath
        let configFile = SecretFiles.absolute(parsed.value(brokerConfig.name) ?? name + ".cfg", currentDirectory: console.currentDirectory)
        let broker = BrokerPlan.plan(BrokerPlan.Options(
            request: request, network: name, image: image, configFile: configFile, socket: socket,
            socketGroup: try BrokerCommand.socketGroup(parsed, socket: socket), name: name))
        return Broker(name: name, plan: broker, request: request, configFile: configFile)
    }

    /// Writes the configuration and judges the broker: the app is started only beside a broker
    /// `harden check` would recognise.
    static func check(_ broker: Broker, session: Session, console: Console) throws(HardenError) {
        try BrokerCommand.writeConfig(broker.request, to: broker.configFile, option: "--broker-config FILE")
        for warning in broker.request.warnings { console.warn(warning) }
        try BrokerCommand.validate(broker.plan, session: session, console: console, refusal: "refusing to start the broker \(broker.name)")
    }

    /// The shell lines --dry-run prints before the app's: the network, created if missing, and the broker.
    static func lines(_ broker: Broker, engine: String) throws(HardenError) -> String {
        let network = ShellQuote.quote(broker.name)
        let quoted = ShellQuote.quote(engine)
        return "\(quoted) network inspect \(network) >/dev/null 2>&1 || \(quoted) network create --internal \(network)\n"
            + ShellQuote.join([engine] + (try DockerArguments.emitChecked(broker.plan, engine: engine))) + "\n"
    }

    /// Creates the network if missing and starts the broker, before the app is exec'd.
    static func start(_ broker: Broker, engine executable: String, console: Console) throws(HardenError) {
        let environment = console.environment
        if CommandRunner.run(executable, ["network", "inspect", broker.name], environment: environment)?.status != 0 {
            let created = CommandRunner.run(executable, ["network", "create", "--internal", broker.name], environment: environment, timeout: 60)
            guard let created, created.status == 0 else {
                throw .input("cannot create the network \(broker.name): \(HardenError.oneLine(created?.stderr ?? "no answer from the engine")); create it with `docker network create --internal \(broker.name)`")
            }
        }
        // A broker left running by an earlier run for the same sections is used again; any other
        // container of that name is the user's to remove.
        let hash = broker.plan.process.labels.first { $0.hasPrefix(BrokerConfig.hashLabel + "=") }.map { String($0.dropFirst(BrokerConfig.hashLabel.count + 1)) } ?? ""
        let format = "{{index .Config.Labels \"\(BrokerConfig.hashLabel)\"}} {{.State.Running}}"
        if let existing = CommandRunner.run(executable, ["inspect", "--type", "container", "--format", format, broker.name], environment: environment), existing.status == 0 {
            if existing.stdout.split(whereSeparator: \.isWhitespace) == [Substring(hash), "true"] {
                console.err("harden: the broker \(broker.name) for \(broker.request.spelling) is already running; the container uses it\n")
                return
            }
            throw .input("a container named \(broker.name) exists but is not a running broker for \(broker.request.spelling); remove it with `docker rm -f \(broker.name)` and run again")
        }
        let started = CommandRunner.run(executable, try DockerArguments.emitChecked(broker.plan, engine: PathText.lastComponent(executable)), environment: environment, timeout: 300)
        guard let started, started.status == 0 else {
            throw .input("cannot start the broker \(broker.name): \(HardenError.oneLine(started?.stderr ?? "no answer from the engine")); fix what the engine says and run again")
        }
    }
}
