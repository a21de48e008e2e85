import HardenModel
/// A compose file, faithful to the compose specification: key names as compose spells them (in
/// `json`), values as written in the file — so a string here is subject to compose's `$`
/// interpolation, and whoever fills one in escapes `$` as `$$`. Holds only what harden writes;
/// the opinions (what a plan becomes) live in `ComposeConversion`.
///
/// There is no `version:` key: docker-compose 1.27 and later read a file without one as the
/// compose specification (1.29 accepts every key below under it, and the version-2.4-only keys
/// too), and compose v2 warns that the key is obsolete.
public struct ComposeFile: Sendable, Equatable {
    public var services: [ComposeService] = []
    /// Top-level named volumes, which compose requires for every named volume a service mounts.
    public var volumes: [Volume] = []
    /// Top-level secrets, which a service's `secrets:` entries refer to by key.
    public var secrets: [Secret] = []

    public init(services: [ComposeService] = [], volumes: [Volume] = [], secrets: [Secret] = []) {
        self.services = services; self.volumes = volumes; self.secrets = secrets
    }

    public struct Volume: Sendable, Equatable {
        /// The key services refer to.
        public var key: String
        /// The engine's volume name; compose prefixes the project name when this is nil.
        public var name: String?
        public init(key: String, name: String? = nil) { self.key = key; self.name = name }
    }

    public struct Secret: Sendable, Equatable {
        public var key: String
        /// A host file, relative to the compose file.
        public var file: String?
        /// An environment variable holding the value (compose v2.23+).
        public var environment: String?
        public var external: Bool?
        public init(key: String, file: String? = nil, environment: String? = nil, external: Bool? = nil) {
            self.key = key; self.file = file; self.environment = environment; self.external = external
        }
    }

    public var json: JSONNode {
        var members: [(String, JSONNode)] = [("services", .obj(services.map { ($0.name, $0.json) }))]
        if !volumes.isEmpty {
            members.append(("volumes", .obj(volumes.map { volume in
                (volume.key, .obj(volume.name.map { [("name", JSONNode.str($0))] } ?? []))
            })))
        }
        if !secrets.isEmpty {
            members.append(("secrets", .obj(secrets.map { secret in
                (secret.key, .obj(compact([("file", secret.file.map(JSONNode.str)), ("environment", secret.environment.map(JSONNode.str)),
                                           ("external", secret.external.map(JSONNode.bool))])))
            })))
        }
        return .obj(members)
    }

    public var yaml: String { YAMLWriter.document(json) }
}

/// One service of a compose file. Fields are named after compose's keys; nil and empty lists are left out.
public struct ComposeService: Sendable, Equatable {
    /// The key under `services:`.
    public var name: String
    public var image: String = ""
    /// always, missing, never or build, as docker's `--pull`.
    public var pullPolicy: String?
    public var command: [String]?
    public var entrypoint: [String]?
    public var containerName: String?
    public var hostname: String?
    public var workingDir: String?
    public var user: String?
    public var readOnly: Bool?
    public var privileged: Bool?
    public var capDrop: [String] = []
    public var capAdd: [String] = []
    /// `no-new-privileges:true`, `seccomp:PATH`, `apparmor=…`, as docker's `--security-opt` takes them.
    public var securityOpt: [String] = []
    /// `TARGET:OPTIONS`, as docker's `--tmpfs` takes them.
    public var tmpfs: [String] = []
    /// The short syntax where compose reads it as meant, the long one otherwise (`ComposeVolumeSyntax`).
    public var volumes: [Volume] = []
    /// Short syntax: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`.
    public var ports: [String] = []
    public var memLimit: String?
    /// Memory plus swap, as docker's `--memory-swap`; `-1` for unlimited.
    public var memswapLimit: String?
    /// A number literal such as `1` or `0.5`.
    public var cpus: String?
    public var pidsLimit: Int?
    public var shmSize: String?
    public var ulimits: [Ulimit] = []
    public var networkMode: String?
    public var pid: String?
    public var ipc: String?
    public var uts: String?
    public var usernsMode: String?
    public var cgroup: String?
    /// `HOST[:CONTAINER[:PERMISSIONS]]`.
    public var devices: [String] = []
    public var deviceCgroupRules: [String] = []
    public var sysctls: [LaunchPlan.Sysctl] = []
    public var useAPISocket: Bool?
    public var restart: String?
    public var healthcheck: Healthcheck?
    /// `KEY=VALUE`, or `KEY` to pass the value of compose's own environment through.
    public var environment: [String] = []
    public var envFile: [String] = []
    /// `KEY=VALUE`.
    public var labels: [String] = []
    public var initProcess: Bool?
    public var tty: Bool?
    public var stdinOpen: Bool?
    public var stopSignal: String?
    public var stopGracePeriod: String?
    public var extraHosts: [String] = []
    public var secrets: [SecretReference] = []

    public init(name: String) { self.name = name }

    public enum Volume: Sendable, Equatable {
        /// `SOURCE:TARGET[:MODE]`, or `TARGET` for an anonymous volume.
        case short(String)
        case long(LongVolume)

        var json: JSONNode {
            switch self {
            case .short(let spelling): return .str(spelling)
            case .long(let volume):
                return .obj(compact([
                    ("type", .str(volume.type)), ("source", volume.source.map(JSONNode.str)), ("target", .str(volume.target)),
                    ("read_only", volume.readOnly.map(JSONNode.bool)),
                    ("bind", volume.propagation == nil && volume.selinux == nil ? nil
                        : .obj(compact([("propagation", volume.propagation.map(JSONNode.str)), ("selinux", volume.selinux.map(JSONNode.str))]))),
                    ("volume", volume.nocopy.map { .obj([("nocopy", .bool($0))]) }),
                ]))
            }
        }
    }

    /// compose's long volume syntax: every path one string, nothing split or guessed.
    public struct LongVolume: Sendable, Equatable {
        public var type: String
        public var source: String?
        public var target: String
        public var readOnly: Bool?
        public var propagation: String?
        public var selinux: String?
        public var nocopy: Bool?
    }

    public struct Ulimit: Sendable, Equatable {
        public var name: String
        public var soft: Int64
        public var hard: Int64
        public init(name: String, soft: Int64, hard: Int64) { self.name = name; self.soft = soft; self.hard = hard }
    }

    public struct Healthcheck: Sendable, Equatable {
        /// `["CMD-SHELL", command]` or `["NONE"]`.
        public var test: [String]?
        public var interval: String?
        public var timeout: String?
        public var startPeriod: String?
        public var retries: Int?
        public var disable: Bool?
        public init() {}
    }

    /// The long syntax of a service's secret, so `target` can be named. `mode` is written in
    /// decimal: YAML 1.1 reads `0400` as octal and YAML 1.2 as four hundred.
    public struct SecretReference: Sendable, Equatable {
        public var source: String
        public var target: String?
        public var uid: String?
        public var gid: String?
        public var mode: Int?
        public init(source: String, target: String? = nil, uid: String? = nil, gid: String? = nil, mode: Int? = nil) {
            self.source = source; self.target = target; self.uid = uid; self.gid = gid; self.mode = mode
        }
    }

    /// Keys in a fixed order: what runs, who it runs as, what it may do, what it may touch, what
    /// it may use, how it is kept alive, what it is told.
    public var json: JSONNode {
        func strings(_ values: [String]) -> JSONNode? { values.isEmpty ? nil : .arr(values.map(JSONNode.str)) }
        var check: JSONNode?
        if let healthcheck {
            check = .obj(compact([
                ("test", healthcheck.test.map { .arr($0.map(JSONNode.str)) }), ("interval", healthcheck.interval.map(JSONNode.str)),
                ("timeout", healthcheck.timeout.map(JSONNode.str)), ("start_period", healthcheck.startPeriod.map(JSONNode.str)),
                ("retries", healthcheck.retries.map(JSONNode.int)), ("disable", healthcheck.disable.map(JSONNode.bool)),
            ]))
        }
        return .obj(compact([
            ("image", .str(image)),
            ("pull_policy", pullPolicy.map(JSONNode.str)),
            ("entrypoint", entrypoint.map { .arr($0.map(JSONNode.str)) }),
            ("command", command.map { .arr($0.map(JSONNode.str)) }),
            ("container_name", containerName.map(JSONNode.str)),
            ("hostname", hostname.map(JSONNode.str)),
            ("working_dir", workingDir.map(JSONNode.str)),
            ("read_only", readOnly.map(JSONNode.bool)),
            ("user", user.map(JSONNode.str)),
            ("privileged", privileged.map(JSONNode.bool)),
            ("cap_drop", strings(capDrop)),
            ("cap_add", strings(capAdd)),
            ("security_opt", strings(securityOpt)),
            ("tmpfs", strings(tmpfs)),
            ("volumes", volumes.isEmpty ? nil : .arr(volumes.map(\.json))),
            ("ports", strings(ports)),
            ("network_mode", networkMode.map(JSONNode.str)),
            ("pid", pid.map(JSONNode.str)),
            ("ipc", ipc.map(JSONNode.str)),
            ("uts", uts.map(JSONNode.str)),
            ("userns_mode", usernsMode.map(JSONNode.str)),
            ("cgroup", cgroup.map(JSONNode.str)),
            ("devices", strings(devices)),
            ("device_cgroup_rules", strings(deviceCgroupRules)),
            ("sysctls", sysctls.isEmpty ? nil : .obj(sysctls.map { ($0.name, JSONNode.str($0.value)) })),
            ("use_api_socket", useAPISocket.map(JSONNode.bool)),
            ("mem_limit", memLimit.map(JSONNode.str)),
            // compose reads -1 (unlimited swap) only as a number; sizes are strings.
            ("memswap_limit", memswapLimit.map { $0 == "-1" ? .int(-1) : .str($0) }),
            ("cpus", cpus.map(JSONNode.num)),
            ("pids_limit", pidsLimit.map(JSONNode.int)),
            ("shm_size", shmSize.map(JSONNode.str)),
            ("ulimits", ulimits.isEmpty ? nil : .obj(ulimits.map { limit in
                (limit.name, .obj([("soft", .num(String(limit.soft))), ("hard", .num(String(limit.hard)))]))
            })),
            ("restart", restart.map(JSONNode.str)),
            ("stop_signal", stopSignal.map(JSONNode.str)),
            ("stop_grace_period", stopGracePeriod.map(JSONNode.str)),
            ("init", initProcess.map(JSONNode.bool)),
            ("healthcheck", check),
            ("tty", tty.map(JSONNode.bool)),
            ("stdin_open", stdinOpen.map(JSONNode.bool)),
            ("extra_hosts", strings(extraHosts)),
            ("labels", strings(labels)),
            ("env_file", strings(envFile)),
            ("environment", strings(environment)),
            ("secrets", secrets.isEmpty ? nil : .arr(secrets.map { secret in
                .obj(compact([("source", .str(secret.source)), ("target", secret.target.map(JSONNode.str)),
                              ("uid", secret.uid.map(JSONNode.str)), ("gid", secret.gid.map(JSONNode.str)),
                              ("mode", secret.mode.map(JSONNode.int))]))
            })),
        ]))
    }
}

/// The members whose values are present, in order.
package func compact(_ members: [(String, JSONNode?)]) -> [(String, JSONNode)] {
    members.compactMap { key, value in value.map { (key, $0) } }
}
