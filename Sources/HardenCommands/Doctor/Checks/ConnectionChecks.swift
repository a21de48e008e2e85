import HardenFormats
import HardenModel
/// How the client reaches the engine: over the network in clear, or not at all.
enum ConnectionChecks {
    static func where_(_ endpoint: EngineEndpoint) -> SourcePosition {
        endpoint.source == "default" ? SourcePosition(context: "the default endpoint") : SourcePosition(context: endpoint.source)
    }

    static func clientPlain(_ input: DoctorInput) -> [DoctorHit] {
        guard input.endpoint.transport == .plain else { return [] }
        let endpoint = input.endpoint
        let fix = input.engine == "podman"
            ? "reach the engine over ssh:// (CONTAINER_HOST=ssh://USER@HOST/run/podman/podman.sock) or a unix socket; podman remote has no TLS"
            : "set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a directory holding ca.pem, cert.pem and key.pem (the daemon listening on 2376 with --tlsverify), or use DOCKER_HOST=ssh://USER@HOST"
        return [DoctorHit("\(endpoint.source)=\(endpoint.address) reaches the engine over TCP without TLS",
                          at: where_(endpoint), fix: fix)]
    }

    static func clientUnverified(_ input: DoctorInput) -> [DoctorHit] {
        guard input.endpoint.transport == .unverifiedTLS else { return [] }
        return [DoctorHit("\(input.endpoint.source)=\(input.endpoint.address) uses TLS without checking the engine's certificate",
                          at: where_(input.endpoint))]
    }

    /// dockerd states it itself, in `Warnings`, for each -H tcp:// listener without TLS or without
    /// client certificates; the words are the daemon's, from daemon/info.go.
    static func daemonPlain(_ input: DoctorInput) -> [DoctorHit] {
        (input.info?.warnings ?? []).compactMap { warning in
            let line = warning.split(separator: "\n").first.map(String.init) ?? warning
            guard line.hasPrefix("WARNING: API is accessible on ") else { return nil }
            let detail = String(line.dropFirst("WARNING: ".count)).trimmingSuffix(".")
            return DoctorHit("the daemon says: \(detail)",
                             at: SourcePosition(context: "\(input.engine) info: Warnings"))
        }
    }

    static func unreachable(_ input: DoctorInput) -> [DoctorHit] {
        guard input.info == nil else { return [] }
        var reason = input.unreachable.map { ": \($0)" } ?? ""
        if let path = input.endpoint.socketPath, input.socket == nil { reason += " (there is no socket at \(path))" }
        let start = input.engine == "podman" ? "podman needs no daemon; check that podman info runs for this user" : "start it (systemctl start docker, or dockerd)"
        return [DoctorHit("no engine answered at \(input.endpoint.address)\(reason); only the socket file and the environment were checked",
                          at: where_(input.endpoint), fix: "\(start), or point \(input.engine == "podman" ? "CONTAINER_HOST" : "DOCKER_HOST") at it, then run harden doctor again")]
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
