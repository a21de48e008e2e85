/// The Docker API calls each broker section allows, in the vocabulary of
/// tecnativa/docker-socket-proxy (plus `attach`, which it has no name for). Paths are written
/// without the `/vX.Y` prefix, which the generator allows in front of every one. `ID` is a
/// container, network, volume, exec, secret, config, node, service or task name or id; `IMAGE` an
/// image reference (it may hold `/`, `:` and `@`). Calls that hand out a host-root equivalent or a
/// raw stream are grouped so that only a section named on purpose reaches them.
public enum BrokerSectionTable {
    public struct Route: Sendable, Equatable {
        /// Upper case, as the engine's router compares them.
        public var methods: [String]
        public var path: String
        /// A hijacked connection (`Upgrade: tcp`, `h2c`, websocket): the engine takes over the stream.
        public var upgrade: Bool
        init(_ methods: [String], _ path: String, upgrade: Bool = false) {
            self.methods = methods; self.path = path; self.upgrade = upgrade
        }
    }

    public struct Section: Sendable, Equatable {
        public var name: String
        /// GET and HEAD calls, allowed when the section is named.
        public var read: [Route]
        /// Calls that change the engine, allowed only with `:write`.
        public var write: [Route]
        /// Why naming the section at all hands out more than its name suggests; nil when it does not.
        public var warning: String?
    }

    static let get = ["GET", "HEAD"]
    static let post = ["POST"]
    static let delete = ["DELETE"]

    public static let sections: [Section] = [
        Section(name: "containers", read: [
            Route(get, "/containers/json"), Route(get, "/containers/ID/(json|top|logs|changes|stats)"),
        ], write: [
            Route(post, "/containers/create"), Route(post, "/containers/prune"),
            Route(post, "/containers/ID/(start|stop|restart|kill|pause|unpause|wait|rename|update|resize)"),
            Route(delete, "/containers/ID"),
            // The container's files, read or written: not a read of the engine's state.
            Route(["GET", "HEAD", "PUT"], "/containers/ID/archive"), Route(get, "/containers/ID/export"),
        ], warning: nil),
        Section(name: "events", read: [Route(get, "/events")], write: [], warning: nil),
        Section(name: "images", read: [
            Route(get, "/images/json"), Route(get, "/images/search"), Route(get, "/images/IMAGE/(json|history)"),
        ], write: [
            Route(post, "/images/(create|load|prune)"), Route(post, "/images/IMAGE/(push|tag)"), Route(delete, "/images/IMAGE"),
            // Exports carry every layer, secrets baked into images included.
            Route(get, "/images/get"), Route(get, "/images/IMAGE/get"),
        ], warning: nil),
        Section(name: "info", read: [Route(get, "/info")], write: [], warning: nil),
        Section(name: "networks", read: [Route(get, "/networks"), Route(get, "/networks/ID")], write: [
            Route(post, "/networks/(create|prune)"), Route(post, "/networks/ID/(connect|disconnect)"), Route(delete, "/networks/ID"),
        ], warning: nil),
        Section(name: "ping", read: [Route(get, "/_ping")], write: [], warning: nil),
        Section(name: "version", read: [Route(get, "/version")], write: [], warning: nil),
        Section(name: "services", read: [Route(get, "/services"), Route(get, "/services/ID"), Route(get, "/services/ID/logs")], write: [
            Route(post, "/services/create"), Route(post, "/services/ID/update"), Route(delete, "/services/ID"),
        ], warning: nil),
        Section(name: "tasks", read: [Route(get, "/tasks"), Route(get, "/tasks/ID"), Route(get, "/tasks/ID/logs")], write: [], warning: nil),
        Section(name: "volumes", read: [Route(get, "/volumes"), Route(get, "/volumes/ID")], write: [
            Route(post, "/volumes/(create|prune)"), Route(["DELETE", "PUT"], "/volumes/ID"),
        ], warning: nil),
        Section(name: "exec", read: [Route(get, "/exec/ID/json")], write: [
            Route(post, "/containers/ID/exec"), Route(post, "/exec/ID/resize"), Route(post, "/exec/ID/start", upgrade: true),
        ], warning: "exec runs commands inside any container, as root there, over a hijacked connection"),
        Section(name: "attach", read: [], write: [
            Route(post, "/containers/ID/attach", upgrade: true), Route(get, "/containers/ID/attach/ws", upgrade: true),
        ], warning: "attach takes over any container's stdin and stdout over a hijacked connection"),
        Section(name: "build", read: [], write: [Route(post, "/build"), Route(post, "/build/(prune|cancel)")],
                warning: "build runs arbitrary Dockerfile steps on the engine, with the build context and any secret it is given"),
        Section(name: "secrets", read: [Route(get, "/secrets"), Route(get, "/secrets/ID")], write: [
            Route(post, "/secrets/create"), Route(post, "/secrets/ID/update"), Route(delete, "/secrets/ID"),
        ], warning: "secrets lists and manages the swarm's secrets"),
        Section(name: "plugins", read: [Route(get, "/plugins"), Route(get, "/plugins/privileges"), Route(get, "/plugins/ID/json")], write: [
            Route(post, "/plugins/(pull|create)"), Route(post, "/plugins/ID/(enable|disable|push|upgrade|set)"), Route(delete, "/plugins/ID"),
        ], warning: "plugins run with the privileges they ask for, host root included"),
        Section(name: "system", read: [Route(get, "/system/df")], write: [],
                warning: "system reports every container's, image's and volume's disk use"),
        Section(name: "session", read: [], write: [Route(post, "/session", upgrade: true)],
                warning: "session opens a BuildKit session over a hijacked connection, which reads host files the build names"),
        Section(name: "swarm", read: [Route(get, "/swarm"), Route(get, "/swarm/unlockkey")], write: [
            Route(post, "/swarm/(init|join|leave|update|unlock)"),
        ], warning: "swarm reads the unlock key and joins, leaves or reconfigures the cluster"),
        Section(name: "configs", read: [Route(get, "/configs"), Route(get, "/configs/ID")], write: [
            Route(post, "/configs/create"), Route(post, "/configs/ID/update"), Route(delete, "/configs/ID"),
        ], warning: nil),
        Section(name: "nodes", read: [Route(get, "/nodes"), Route(get, "/nodes/ID")], write: [
            Route(post, "/nodes/ID/update"), Route(delete, "/nodes/ID"),
        ], warning: nil),
        Section(name: "distribution", read: [Route(get, "/distribution/IMAGE/json")], write: [], warning: nil),
        Section(name: "auth", read: [], write: [Route(post, "/auth")], warning: nil),
        Section(name: "commit", read: [], write: [Route(post, "/commit")], warning: nil),
        Section(name: "grpc", read: [], write: [Route(post, "/grpc", upgrade: true)],
                warning: "grpc opens the engine's BuildKit gRPC API over a hijacked connection"),
    ]

    public static func section(named name: String) -> Section? { sections.first { $0.name == name } }

    /// What `containers:write` amounts to, said whenever it is asked for: creating a container
    /// with the host's / mounted is root on the host, whatever the broker refuses beside it.
    public static let containersWriteWarning = "containers:write creates and starts containers, and a container created with the host's / mounted or --privileged is root on the host"
}
