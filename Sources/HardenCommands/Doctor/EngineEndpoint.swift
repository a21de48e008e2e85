import HardenFormats
import HardenModel
/// Where the client talks to the engine, and whether anyone on the way can listen or take over.
public struct EngineEndpoint: Sendable, Equatable {
    public enum Transport: String, Sendable, Equatable {
        /// A unix socket: only this host, guarded by the file's owner and mode.
        case socket
        /// ssh:// tunnels: encrypted and authenticated by ssh.
        case ssh
        /// TCP with TLS, the server's certificate verified.
        case verifiedTLS = "tls"
        /// TCP with TLS, but any certificate accepted.
        case unverifiedTLS = "tls-unverified"
        /// TCP in clear text: the API, root on the host, open to the network path.
        case plain
        /// Something else (npipe://, fd://): not judged.
        case other
    }

    /// As the client spells it: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2375`.
    public var address: String
    /// Where the address came from: `DOCKER_HOST`, `docker context prod`, `default`.
    public var source: String
    public var transport: Transport

    public init(address: String, source: String, transport: Transport) {
        self.address = address; self.source = source; self.transport = transport
    }

    /// The socket's path for a unix address.
    public var socketPath: String? {
        guard address.hasPrefix("unix://") else { return nil }
        let path = String(address.dropFirst("unix://".count))
        return path.isEmpty ? nil : path
    }

    public static let dockerDefault = "unix:///var/run/docker.sock"

    /// The docker CLI's choice: DOCKER_HOST, else the current context (`docker context inspect`,
    /// which honours DOCKER_CONTEXT), else the default socket. TLS on TCP is on when
    /// DOCKER_TLS_VERIFY is set to anything (the CLI tests for non-empty), or without verification
    /// when only DOCKER_TLS is; a context carries its own TLS material.
    public static func docker(environment: [String: String], context: JSONNode?) -> EngineEndpoint {
        if let host = environment["DOCKER_HOST"], !host.isEmpty {
            let verify = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
            let tls = verify || !(environment["DOCKER_TLS"] ?? "").isEmpty
            return EngineEndpoint(address: host, source: "DOCKER_HOST", transport: transport(host, tls: tls, verified: verify))
        }
        if let context, let name = context["Name"]?.stringValue, name != "default",
           let endpoint = context["Endpoints"]?["docker"], let host = endpoint["Host"]?.stringValue, !host.isEmpty {
            let material = context["TLSMaterial"]?["docker"] != nil
            let skip = endpoint["SkipTLSVerify"]?.boolValue ?? false
            return EngineEndpoint(address: host, source: "docker context \(name)",
                                  transport: transport(host, tls: material || skip, verified: material && !skip))
        }
        return EngineEndpoint(address: dockerDefault, source: "default", transport: .socket)
    }

    /// podman's: CONTAINER_HOST for a remote client, else the API socket `podman info` names, else
    /// the usual one for root or for the user. podman remote has no TLS of its own: tcp:// is clear text.
    public static func podman(environment: [String: String], info: JSONNode?, uid: Int) -> EngineEndpoint {
        if let host = environment["CONTAINER_HOST"], !host.isEmpty {
            return EngineEndpoint(address: host, source: "CONTAINER_HOST", transport: transport(host, tls: false, verified: false))
        }
        if let path = info?["host"]?["remoteSocket"]?["path"]?.stringValue, !path.isEmpty {
            let address = path.contains("://") ? path : "unix://" + path
            return EngineEndpoint(address: address, source: "podman info", transport: transport(address, tls: false, verified: false))
        }
        let runtime = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/user/\(uid)"
        let path = uid == 0 ? "/run/podman/podman.sock" : runtime + "/podman/podman.sock"
        return EngineEndpoint(address: "unix://" + path, source: "default", transport: .socket)
    }

    static func transport(_ address: String, tls: Bool, verified: Bool) -> Transport {
        let scheme = address.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        switch scheme {
        case "unix": return .socket
        case "ssh": return .ssh
        case "tcp", "http", "https": return tls || scheme == "https" ? (verified ? .verifiedTLS : .unverifiedTLS) : .plain
        default: return .other
        }
    }
}
