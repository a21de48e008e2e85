import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden run` replaces itself with the engine's client, so it cannot add a word after the
/// client's own multi-line "Cannot connect to the Docker daemon" error. What it can tell without
/// asking anyone (no connection, no time) it says first: the socket the client will dial is not
/// there. The line points at `harden doctor`, which checks the engine and the way to it.
enum EngineReachability {
    /// nil when the client may well reach a daemon, or harden cannot tell (tcp://, ssh://, a
    /// docker context, podman, which needs no daemon).
    static func pointer(engine: String, environment: [String: String], exists: (String) -> Bool) -> String? {
        guard PathText.lastComponent(engine) == "docker" else { return nil }
        guard (environment["DOCKER_CONTEXT"] ?? "").isEmpty else { return nil }
        let host = environment["DOCKER_HOST"] ?? ""
        guard host.isEmpty || host.hasPrefix("unix://") else { return nil }
        if host.isEmpty, let home = environment["HOME"], let config = readText(home + "/.docker/config.json"), config.contains("\"currentContext\"") {
            return nil
        }
        let address = host.isEmpty ? EngineEndpoint.dockerDefault : host
        let socket = String(address.dropFirst("unix://".count))
        guard !exists(socket) else { return nil }
        return "no docker daemon socket at \(socket) (\(host.isEmpty ? "docker's default" : "DOCKER_HOST")), so docker cannot reach the daemon; start dockerd or point DOCKER_HOST at it, and `harden doctor` checks the engine and the way to it"
    }

    private static func readText(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
