/// The one intermediate representation: everything a container launch means, engine-neutral and
/// fully resolved. Parsers (profiles plus user options, docker run lines) produce plans; emitters
/// (docker argv, OCI, compose, Kubernetes) read only plans; the validator sees only plans.
///
/// A default-initialised plan is what Docker does when told nothing: root user, Docker's 14
/// capabilities, writable root, no limits, the engine's default seccomp profile.
public struct LaunchPlan: Sendable, Equatable {
    public var image: String = ""
    /// Arguments after the image: the container's command.
    public var command: [String] = []

    // Identity and privilege
    /// As `--user` takes it; nil keeps the image's user.
    public var user: String?
    /// The capabilities the container's processes hold (bounding set); Docker's default when unsaid.
    public var capabilities: Set<Capability> = Capability.dockerDefault
    public var noNewPrivileges = false
    public var privileged = false
    public var seccomp: SeccompSetting = .engineDefault
    /// Why a filter a config spelt out counts as `.unconfined` (it allows what Docker's default denies).
    public var seccompOffReason: String?
    /// The launch names no AppArmor profile and no SELinux label, and its engine applies none of its
    /// own (runc, from an OCI config): no mandatory access control, though nothing says "unconfined".
    public var mandatoryAccessControlUnset = false
    /// Other security options (AppArmor, SELinux label, system paths), in the order given, one of each.
    public var securityOptions: [SecurityOption] = []
    /// Per-container UID/GID maps; runc and crun apply them, Docker cannot (it needs userns-remap).
    public var uidMappings: [Profile.IDMapping] = []
    public var gidMappings: [Profile.IDMapping] = []
    /// The seccomp policy the profile asked for, kept for the filter generator.
    public var seccompPolicy: Profile.SeccompPolicy?

    // Filesystem
    public var readOnlyRootFilesystem = false
    public var tmpfs: [TmpfsMount] = []
    public var mounts: [Mount] = []
    /// Host files mounted read-only at `/run/secrets/NAME`, in the order given, one per name.
    public var secrets: [Secret] = []

    // Resources
    public var memory: Int64?
    /// Memory plus swap; -1 for unlimited.
    public var memorySwap: Int64?
    public var cpus: Double?
    public var pidsLimit: Int?
    public var shmSize: Int64?
    /// Sorted by name, one per name.
    public var ulimits: [Ulimit] = []

    // Network and namespaces
    /// As `--network` takes it: bridge, none, host, container:NAME or a user-defined network; nil is the engine's default.
    public var network: NamespaceMode?
    public var ports: [PortMapping] = []
    /// The compose networks a service joins, by key, each with whether its project declares it
    /// `internal: true`: what tells a compose broker's network (no way out, shared with its client)
    /// from a shared one. Empty for the other doors, whose network is `network`.
    public var joinedNetworks: [JoinedNetwork] = []
    /// The other namespaces; nil leaves each to the engine (private for all but userns and, on cgroup v1, cgroupns).
    public var namespaces = Namespaces()

    // Host access
    /// `--device`: host device nodes made visible inside the container.
    public var devices: [Device] = []
    /// Device cgroup rules beyond the engine's defaults, in order.
    public var deviceCgroupRules: [DeviceRule] = []
    /// `--sysctl`, in the order given, one per name.
    public var sysctls: [Sysctl] = []
    /// `--use-api-socket`: the engine mounts its own API socket into the container.
    public var useAPISocket = false

    // Lifecycle
    public var restart: RestartPolicy?
    public var healthcheck: HealthcheckSetting = HealthcheckSetting()
    /// `KEY=VALUE`, or `KEY` to pass the caller's value through, in order.
    public var environment: [String] = []

    /// The container's process, its resources beyond the limits above, and how the engine manages it.
    public var process = ProcessSettings()
    public var cpu = CPUSettings()
    public var memoryTuning = MemoryTuning()
    public var engine = EngineSettings()

    /// What a reader met and could not judge, one line each naming the key, token or value: the
    /// engine would give it a meaning harden has not checked, so the hard rule `not-understood`
    /// refuses the launch (see docs/validator.md, "Fail closed").
    public var notUnderstood: [String] = []

    /// Programs the runtime runs on the host as root around the container's life (OCI hooks), in order.
    public var hooks: [Hook] = []
    /// An OCI config's root filesystem inside its bundle, kept so a symlink there, which runc
    /// follows, can be checked on the host; nil for other doors.
    public var rootFilesystem: RootFilesystem?

    public struct RootFilesystem: Sendable, Equatable {
        /// The bundle directory, as a bind source is written (`./b`, `/srv/b`).
        public var bundle: String
        /// root.path, relative to the bundle and folded (`rootfs`).
        public var path: String
        public init(bundle: String, path: String) { self.bundle = bundle; self.path = path }
    }

    public init() {}

    public struct JoinedNetwork: Sendable, Equatable {
        public var name: String
        public var isInternal: Bool
        /// The project's other services that reach this service on the network without being its
        /// clients (no `DOCKER_HOST=tcp://SERVICE:2375`), or share its network namespace outright:
        /// what a broker's network must not have, since every one of them could call the API.
        public var strangers: [String] = []
        public init(name: String, isInternal: Bool) { self.name = name; self.isInternal = isInternal }
    }

    public struct Hook: Sendable, Equatable {
        /// prestart, createRuntime, createContainer, startContainer, poststart or poststop.
        public var stage: String
        /// The host program, as the config names it.
        public var path: String
        public init(stage: String, path: String) { self.stage = stage; self.path = path }
    }

    public enum SeccompSetting: Sendable, Equatable {
        /// The engine's built-in default profile.
        case engineDefault
        case unconfined
        /// A profile file on the host.
        case file(String)
    }

    public struct TmpfsMount: Sendable, Equatable {
        public var target: String
        /// In the order given; mount(2) lets a later word override an earlier one.
        public var options: [TmpfsOption]
        public init(target: String, options: [TmpfsOption] = []) { self.target = target; self.options = options }
    }

    public struct Mount: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable { case volume, bind }
        public var kind: Kind
        /// Host path for a bind, volume name for a volume, nil for an anonymous volume.
        public var source: String?
        public var target: String
        public var readOnly: Bool
        /// Bind propagation: private, rprivate, shared, rshared, slave, rslave; nil is the engine's default.
        public var propagation: String?
        /// Further `-v` mode words kept as given: z, Z, nocopy, …
        public var flags: [String]
        public init(kind: Kind, source: String?, target: String, readOnly: Bool = false, propagation: String? = nil, flags: [String] = []) {
            self.kind = kind; self.source = source; self.target = target; self.readOnly = readOnly
            self.propagation = propagation; self.flags = flags
        }

        public static let propagationModes: Set<String> = ["private", "rprivate", "shared", "rshared", "slave", "rslave"]
    }

    /// A secret passed as a file, never as a value: every emitter names only the path, and harden
    /// never reads the file except to check who may read it.
    public struct Secret: Sendable, Equatable {
        public var name: String
        /// The host file, absolute.
        public var source: String
        public init(name: String, source: String) { self.name = name; self.source = source }

        /// Where the container finds it: the place Docker's and compose's secrets use.
        public var target: String { Self.directory + "/" + name }
        public static let directory = "/run/secrets"
    }

    public struct Namespaces: Sendable, Equatable {
        public var pid: NamespaceMode?
        public var ipc: NamespaceMode?
        public var uts: NamespaceMode?
        public var userns: NamespaceMode?
        public var cgroupns: NamespaceMode?
        /// Only an OCI config can leave the container in the host's mount namespace; docker has no flag for it.
        public var mount: NamespaceMode?
        public init() {}

        /// Name and mode of every namespace that is set, in a fixed order.
        public var all: [(name: String, mode: NamespaceMode)] {
            [("pid", pid), ("ipc", ipc), ("uts", uts), ("userns", userns), ("cgroupns", cgroupns), ("mount", mount)]
                .compactMap { name, mode in mode.map { (name, $0) } }
        }
    }

    public struct Device: Sendable, Equatable {
        /// A host device node path, or a CDI name such as `vendor.com/gpu=all`.
        public var hostPath: String
        /// Where it appears inside; nil for the same path.
        public var containerPath: String?
        /// Some of r, w, m; nil for docker's default rwm.
        public var permissions: String?
        public init(hostPath: String, containerPath: String? = nil, permissions: String? = nil) {
            self.hostPath = hostPath; self.containerPath = containerPath; self.permissions = permissions
        }
    }

    public struct Sysctl: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public struct Ulimit: Sendable, Equatable {
        public var name: String
        public var soft: Int64
        public var hard: Int64
        public init(name: String, soft: Int64, hard: Int64) { self.name = name; self.soft = soft; self.hard = hard }
    }

    /// Described as `-p` and compose's short syntax write it: `127.0.0.1:8080:80/udp`.
    public struct PortMapping: Sendable, Equatable, CustomStringConvertible {
        /// Empty means every interface, as Docker reads a port given without an address.
        public var hostIP: String
        /// Empty for an ephemeral port; may be a range.
        public var hostPort: String
        public var containerPort: String
        /// tcp when nil.
        public var proto: String?
        public init(hostIP: String, hostPort: String, containerPort: String, proto: String? = nil) {
            self.hostIP = hostIP; self.hostPort = hostPort; self.containerPort = containerPort; self.proto = proto
        }

        public var description: String {
            var text = containerPort
            if !hostIP.isEmpty || !hostPort.isEmpty { text = "\(hostPort):" + text }
            if !hostIP.isEmpty { text = (hostIP.contains(":") ? "[\(hostIP)]" : hostIP) + ":" + text }
            if let proto { text += "/\(proto)" }
            return text
        }
    }

    public struct HealthcheckSetting: Sendable, Equatable {
        public var command: String?
        public var interval: String?
        public var timeout: String?
        public var startPeriod: String?
        public var retries: Int?
        public var disabled = false
        public init() {}
    }
}
