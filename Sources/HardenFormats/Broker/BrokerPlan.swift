import HardenModel

/// The broker container as a launch plan: harden's own hardening around a stock HAProxy, so the
/// validator judges it like any other launch and recognises its shape (`BrokerShape`).
public enum BrokerPlan {
    public struct Options: Sendable, Equatable {
        public var request: BrokerRequest
        public var network: String
        public var image: String
        /// The configuration on the host, absolute.
        public var configFile: String
        /// The engine's socket on the host.
        public var socket: String
        /// The socket's group, the only one the broker's user is given.
        public var socketGroup: String
        public var name: String
        public init(request: BrokerRequest, network: String, image: String, configFile: String, socket: String, socketGroup: String, name: String) {
            self.request = request; self.network = network; self.image = image; self.configFile = configFile
            self.socket = socket; self.socketGroup = socketGroup; self.name = name
        }
    }

    /// nobody: the broker needs no account of its own, only the socket's group.
    public static let user = "65534:65534"
    public static let memory: Int64 = 64 << 20
    public static let pidsLimit = 64

    public static func plan(_ options: Options) -> LaunchPlan {
        var plan = LaunchPlan()
        plan.image = options.image
        plan.user = user
        plan.process.groupAdd = [options.socketGroup]
        plan.capabilities = []
        plan.noNewPrivileges = true
        plan.readOnlyRootFilesystem = true
        plan.memory = memory
        plan.memorySwap = memory
        plan.pidsLimit = pidsLimit
        plan.cpus = 0.5
        plan.network = .named(options.network)
        plan.process.name = options.name
        plan.engine.detach = true
        plan.restart = .onFailure(maxRetries: 5)
        plan.mounts = [
            LaunchPlan.Mount(kind: .bind, source: options.socket, target: BrokerConfig.socketPath, readOnly: true),
            LaunchPlan.Mount(kind: .bind, source: options.configFile, target: BrokerConfig.containerPath, readOnly: true),
        ]
        let text = BrokerConfig.text(for: options.request)
        plan.process.labels = [
            "\(BrokerConfig.sectionsLabel)=\(options.request.spelling)",
            "\(BrokerConfig.hashLabel)=\(BrokerConfig.hash(text))",
        ]
        return plan
    }
}
