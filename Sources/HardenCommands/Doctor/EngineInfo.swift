import HardenFormats
import HardenModel
/// What an engine says about its own security settings, read from `docker info --format '{{json .}}'`
/// or `podman info --format json`. Only the fields harden judges; everything else is ignored, so a
/// newer engine's extra fields change nothing.
public struct EngineInfo: Sendable, Equatable {
    public enum Seccomp: Sendable, Equatable {
        /// The engine or kernel has no seccomp: no filter applies, harden's included.
        case unsupported
        /// The engine's built-in default profile applies to containers that name none.
        case defaultProfile
        /// The daemon runs containers without a filter unless they name one.
        case unconfined
        /// A daemon-wide profile of the operator's, by path.
        case custom(String)
    }

    /// `docker` or `podman`.
    public var engine: String
    public var version: String
    public var rootless = false
    /// Container root is mapped to an unprivileged host id (`--userns-remap`).
    public var userNamespaceRemap = false
    public var seccomp = Seccomp.unsupported
    public var apparmor = false
    public var selinux = false
    /// `1` or `2`; nil when the engine does not say.
    public var cgroupVersion: String?
    public var cgroupDriver: String?
    /// nil for engines without a daemon to restart (podman).
    public var liveRestore: Bool?
    /// Registries the engine talks to without TLS, beyond the loopback it always allows.
    public var insecureRegistries: [String] = []
    /// The daemon's own warnings, as it words them.
    public var warnings: [String] = []
    /// The API version the server speaks, from `docker version`.
    public var apiVersion: String?

    public init(engine: String, version: String) { self.engine = engine; self.version = version }

    /// From `docker info`; nil when no daemon answered (the client still prints its half, with an
    /// empty `ServerVersion`).
    public static func docker(info: JSONNode, version: JSONNode? = nil) -> EngineInfo? {
        guard let server = info["ServerVersion"]?.stringValue, !server.isEmpty else { return nil }
        var result = EngineInfo(engine: "docker", version: server)
        for option in info["SecurityOptions"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let fields = securityOption(option)
            switch fields["name"] {
            case "seccomp":
                switch fields["profile"] {
                case nil, "default", "builtin": result.seccomp = .defaultProfile
                case "unconfined": result.seccomp = .unconfined
                case let path?: result.seccomp = .custom(path)
                }
            case "rootless": result.rootless = true
            case "userns": result.userNamespaceRemap = true
            case "apparmor": result.apparmor = true
            case "selinux": result.selinux = true
            default: continue
            }
        }
        result.cgroupVersion = info["CgroupVersion"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        result.cgroupDriver = info["CgroupDriver"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        result.liveRestore = info["LiveRestoreEnabled"]?.boolValue ?? false
        result.warnings = info["Warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        result.insecureRegistries = insecureRegistries(info["RegistryConfig"])
        result.apiVersion = version?["Server"]?["ApiVersion"]?.stringValue
        return result
    }

    /// From `podman info`: podman has no daemon, so what it reports is the configuration the next
    /// `podman run` will use.
    public static func podman(info: JSONNode) -> EngineInfo? {
        guard let host = info["host"], let version = info["version"]?["Version"]?.stringValue else { return nil }
        var result = EngineInfo(engine: "podman", version: version)
        let security = host["security"]
        result.rootless = security?["rootless"]?.boolValue ?? false
        // Rootless podman maps container root to the user through its own uid map.
        result.userNamespaceRemap = result.rootless
        if security?["seccompEnabled"]?.boolValue == true {
            let path = security?["seccompProfilePath"]?.stringValue ?? ""
            result.seccomp = path.isEmpty || path.hasPrefix("/usr/share/containers/") ? .defaultProfile : .custom(path)
        }
        result.apparmor = security?["apparmorEnabled"]?.boolValue ?? false
        result.selinux = security?["selinuxEnabled"]?.boolValue ?? false
        result.cgroupVersion = host["cgroupVersion"]?.stringValue.map { $0.hasPrefix("v") ? String($0.dropFirst()) : $0 }
        result.cgroupDriver = host["cgroupManager"]?.stringValue
        result.apiVersion = info["version"]?["APIVersion"]?.stringValue
        return result
    }

    /// `name=seccomp,profile=default` → ["name": "seccomp", "profile": "default"].
    static func securityOption(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        return fields
    }

    /// dockerd always trusts 127.0.0.0/8 (and ::1) without TLS; anything else someone configured.
    static func insecureRegistries(_ config: JSONNode?) -> [String] {
        guard let config else { return [] }
        let loopback: Set<String> = ["127.0.0.0/8", "::1/128"]
        var result = (config["InsecureRegistryCIDRs"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter { !loopback.contains($0) }
        for member in config["IndexConfigs"]?.objectMembers ?? [] where member.value["Secure"]?.boolValue == false {
            result.append(member.key)
        }
        return result
    }
}
