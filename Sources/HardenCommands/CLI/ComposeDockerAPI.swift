import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden compose --from FILE --docker-api SERVICE=SECTIONS[:write]` and
/// `x-harden: {docker-api: [SECTION, ...]}`: the service's socket is taken away, and a broker that
/// alone holds it is added beside it. One broker per client, each on a network of its own with
/// only that client, so a broker allows exactly what its one client asked for.
enum ComposeDockerAPI {
    static let option = CommandOption("--docker-api", value: "SERVICE=SECTIONS", repeatable: true)
    static let brokerImage = CommandOption("--broker-image", value: "IMAGE")

    struct Client {
        var service: String
        var request: BrokerRequest
        /// Where the sections were named, for the summary.
        var origin: String
        /// The broker's service name, which is also its network's and its clients' DOCKER_HOST.
        var broker: String { service + "-docker-api" }
        var network: String { broker }
        var dockerHost: String { "tcp://\(broker):\(BrokerConfig.port)" }
        /// The configuration, relative to the written file's directory.
        var configFile: String { "docker-api/\(service).cfg" }
    }

    /// A broker ready to be written: its service, and its configuration's text and place.
    struct Broker {
        var client: Client
        var service: ComposeProjectOutput.Service
        var configText: String
        var configPath: String
    }

    /// What each service asked for: `--docker-api` wins over the file's `x-harden.docker-api`, as
    /// `--profile` wins over `x-harden.profile`; `allowed` is false where no broker can be written.
    static func clients(
        _ parsed: ParsedArguments, project: ComposeProjectReading, files: [String], allowed: Bool
    ) throws(HardenError) -> [String: Client] {
        var clients: [String: Client] = [:]
        let names = project.services.map(\.name)
        for service in project.services {
            guard let xHarden = service.node.objectMembers?.first(where: { $0.key == "x-harden" })?.value,
                  let member = xHarden.objectMembers?.first(where: { $0.key == "docker-api" }) else { continue }
            let (file, line) = ComposeProjectReading.place(member.keyLocation, files: files)
            let shown = "\(file):\(line): service \(service.name): x-harden.docker-api"
            guard allowed else {
                throw .input("\(shown): a Docker API broker is written by harden compose --from only; remove docker-api from x-harden to convert this project")
            }
            let words: [String]?
            if let list = member.value.arrayValue { words = list.compactMap(\.stringValue).count == list.count ? list.compactMap(\.stringValue) : nil } else { words = member.value.stringValue.map { [$0] } }
            guard let words, !words.isEmpty else {
                throw .input("\(shown) must be a list of sections; fix: write x-harden: {docker-api: [containers, events]}")
            }
            let request = try BrokerRequest.parse(words.joined(separator: ","), shown: shown)
            clients[service.name] = Client(service: service.name, request: request, origin: "x-harden at \(file):\(line)")
        }
        for given in parsed.given where given.name == option.name {
            let shown = "--docker-api \(given.value) (argument \(given.argument))"
            let parts = given.value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw .input("\(shown): expected SERVICE=SECTIONS, e.g. --docker-api traefik=containers,events")
            }
            guard names.contains(parts[0]) else {
                throw .input("\(shown): \(files.joined(separator: " + ")) has no service \(parts[0]); its services are \(names.joined(separator: ", "))")
            }
            if clients[parts[0]]?.origin.hasPrefix("--docker-api") == true {
                throw .input("\(shown): the service \(parts[0]) is named by --docker-api twice; name every section it needs once, such as \(parts[0])=containers,events")
            }
            let request = try BrokerRequest.parse(parts[1], shown: shown)
            clients[parts[0]] = Client(service: parts[0], request: request, origin: "--docker-api")
        }
        for client in clients.values {
            for taken in names where taken == client.broker {
                throw .input("service \(client.service): its broker would be the service \(client.broker), which the project already has; rename that service")
            }
            let networks = project.root.objectMembers?.first { $0.key == "networks" }?.value.objectMembers ?? []
            if networks.contains(where: { $0.key == client.network }) {
                throw .input("service \(client.service): its broker's network would be \(client.network), which the project already declares; rename that network")
            }
        }
        return clients
    }

    /// The client's launch without its socket (every mount the validator reads as a runtime's
    /// socket, however spelt), told where its broker is. Returns the mounts taken away.
    static func detach(_ plan: inout LaunchPlan, dockerHost: String, host: HostFacts) -> [LaunchPlan.Mount] {
        var removed: [LaunchPlan.Mount] = []
        plan.mounts.removeAll { mount in
            guard mount.kind == .bind, let source = mount.source,
                  RuntimeSockets.exposure(ofHostPath: host.absolute(source) ?? source, host: host) != nil else { return false }
            removed.append(mount)
            return true
        }
        plan.useAPISocket = false
        plan.environment.removeAll { $0 == "DOCKER_HOST" || $0.hasPrefix("DOCKER_HOST=") }
        plan.environment.append("DOCKER_HOST=" + dockerHost)
        return removed
    }

    /// The service as written, joined to its broker's network besides its own (or compose's
    /// `default`, which it joined by saying none).
    static func joining(_ node: JSONNode, _ network: String) -> JSONNode {
        var members = (node.objectMembers ?? []).map { ($0.key, $0.value) }
        if let index = members.firstIndex(where: { $0.0 == "networks" }) {
            let networks = members[index].1
            if let items = networks.arrayValue {
                members[index].1 = .arr(items + [.str(network)])
            } else {
                members[index].1 = .obj((networks.objectMembers ?? []).map { ($0.key, $0.value) } + [(network, .obj([]))])
            }
        } else {
            members.append(("networks", .arr([.str("default"), .str(network)])))
        }
        return .obj(members)
    }

    /// The merged project with each broker's network declared internal.
    static func declaring(_ root: JSONNode, networks: [String]) -> JSONNode {
        guard !networks.isEmpty else { return root }
        var members = (root.objectMembers ?? []).map { ($0.key, $0.value) }
        let added = networks.map { ($0, JSONNode.obj([("internal", .bool(true))])) }
        if let index = members.firstIndex(where: { $0.0 == "networks" }) {
            members[index].1 = .obj((members[index].1.objectMembers ?? []).map { ($0.key, $0.value) } + added)
        } else {
            members.append(("networks", .obj(added)))
        }
        return .obj(members)
    }

    /// The broker service for one client: `BrokerPlan`'s hardening, on the client's network only,
    /// judged by the validator as `harden check` will judge the written file.
    static func broker(
        for client: Client, image: String, socket: String, group: String, outputDirectory: String, validator: Validator
    ) throws(HardenError) -> Broker {
        let configPath = outputDirectory + "/" + client.configFile
        var plan = BrokerPlan.plan(BrokerPlan.Options(
            request: client.request, network: client.network, image: image, configFile: configPath, socket: socket,
            socketGroup: group, name: client.broker))
        // compose names the container after the service, joins networks by key and detaches itself.
        plan.process.name = nil
        plan.engine.detach = false
        plan.network = nil
        plan.joinedNetworks = [.init(name: client.network, isInternal: true)]
        let text = BrokerConfig.text(for: client.request)
        // Judged before anything is written: the host shows the configuration about to be written.
        var host = validator.host
        let readFile = host.readFile
        host.readFile = { $0 == configPath ? text : readFile($0) }
        let findings = Validator(policy: validator.policy, host: host).findings(for: plan, sources: PlanSources(), profile: nil)
        if findings.rejects {
            throw .rejected("refusing to write the broker \(client.broker) for service \(client.service): " + Session.describe(findings.filter(\.rejects)))
        }
        // compose's group_add is carried as written (the plan's conversion has no key for it).
        let node = JSONNode.obj([("group_add", .arr([.str(group)])), ("networks", .arr([.str(client.network)]))])
        var written = plan
        written.process.groupAdd = []
        return Broker(client: client, service: .init(name: client.broker, node: node, plan: written, seccomp: nil), configText: text, configPath: configPath)
    }

    /// The configuration, in docker-api/ beside the written file.
    static func write(_ broker: Broker) throws(HardenError) {
        let directory = PathText.deletingLastComponent(broker.configPath)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .input("cannot create the broker configuration's directory \(directory): \(SystemError.describe(error)); write the compose file elsewhere with -o OUT")
        }
        try BrokerCommand.writeConfig(broker.client.request, to: broker.configPath, option: "-o OUT elsewhere")
    }
}
