import HardenModel

/// Who else a compose service meets on each network it joins: a project-wide fact the validator,
/// judging one service at a time, cannot see. A service that points DOCKER_HOST at this one is its
/// client; any other service on the same network, or in its network namespace, is a stranger.
enum ComposeNetworkPeers {
    static func markStrangers(_ launches: inout [AuditedLaunch], services: [String]) {
        // Only a service dressed as a broker is judged by who shares its network; the rest pay nothing.
        for index in launches.indices where launches[index].plan.process.labels.contains(where: { $0.hasPrefix(BrokerShape.sectionsLabel + "=") }) {
            let name = services[index]
            let clientHosts = Set(["tcp://\(name):2375", launches[index].plan.process.name.map { "tcp://\($0):2375" }].compactMap { $0 })
            for (position, network) in launches[index].plan.joinedNetworks.enumerated() {
                var strangers: [String] = []
                for other in launches.indices where other != index {
                    let plan = launches[other].plan
                    let joins = plan.joinedNetworks.contains { $0.name == network.name }
                    let sharesNamespace = plan.network == .container(name)
                    guard joins || sharesNamespace else { continue }
                    let host = plan.environment.last { $0.hasPrefix("DOCKER_HOST=") }.map { String($0.dropFirst("DOCKER_HOST=".count)) }
                    if sharesNamespace || host.map(clientHosts.contains) != true { strangers.append(services[other]) }
                }
                launches[index].plan.joinedNetworks[position].strangers = strangers
            }
        }
    }
}
