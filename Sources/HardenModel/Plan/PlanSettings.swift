/// The parts of a launch the validator mostly leaves alone but every door must carry or refuse:
/// the process's surroundings, CPU and memory tuning, and how the engine manages the container.
extension LaunchPlan {
    public struct ProcessSettings: Sendable, Equatable {
        /// The container's name to the engine.
        public var name: String?
        public var hostname: String?
        public var domainname: String?
        /// The working directory inside; nil keeps the image's.
        public var workdir: String?
        /// Replaces the image's entrypoint; "" clears it.
        public var entrypoint: String?
        public var tty = false
        public var interactive = false
        /// An init process as PID 1 that reaps zombies and forwards signals; nil leaves it to the
        /// engine's default (dockerd --init), which false turns off.
        public var initProcess: Bool?
        public var stopSignal: String?
        /// Seconds between the stop signal and SIGKILL.
        public var stopTimeout: Int?
        /// Supplementary groups, by name or number, in order.
        public var groupAdd: [String] = []
        /// Host files of `KEY=VALUE` lines read into the environment, in order.
        public var environmentFiles: [String] = []
        /// `KEY=VALUE` labels, in order.
        public var labels: [String] = []
        /// Programs the engine runs inside the container besides its own, as compose names them
        /// (a healthcheck's test, lifecycle hooks): in a socket broker, a way around its configuration.
        public var insideCommands: [String] = []
        public init() {}
    }

    public struct CPUSettings: Sendable, Equatable {
        /// Relative weight (1024 is one CPU's); the kernel raises 1 to 2.
        public var shares: Int?
        /// CFS quota and period in microseconds.
        public var quota: Int64?
        public var period: Int64?
        /// CPU and memory-node lists as the cpuset cgroup takes them (`0-3,6`).
        public var cpusetCPUs: String?
        public var cpusetMems: String?
        public init() {}
    }

    public struct MemoryTuning: Sendable, Equatable {
        /// Soft limit in bytes.
        public var reservation: Int64?
        /// 0 to 100.
        public var swappiness: Int?
        public var oomKillDisable = false
        /// -1000 to 1000.
        public var oomScoreAdj: Int?
        public init() {}
    }

    public struct EngineSettings: Sendable, Equatable {
        /// Removed when it exits (`--rm`).
        public var autoRemove = false
        public var detach = false
        public var pull: PullPolicy?
        /// Every port the image exposes, published on all interfaces.
        public var publishAll = false
        /// Other containers whose volumes this one mounts, as `NAME[:ro|rw]`.
        public var volumesFrom: [String] = []
        /// What `volumesFrom` brings where the reader can see it (another service of the same
        /// compose project): that service's mounts, copied as the engine copies them. Judged like
        /// the plan's own mounts; no emitter writes it, since `volumesFrom` already says it.
        public var inherited: [Inherited] = []
        /// Extra /etc/hosts entries, in order.
        public var extraHosts: [HostEntry] = []
        /// `--mount`s naming a volume driver or its options, which no door but the engine can carry.
        public var driverMounts: [DriverMount] = []
        /// Options only the docker engine acts on (logging, DNS, runtime, platform, …), which the
        /// validator does not judge and the other doors refuse or drop by name (`DoorTreatment`).
        public var engineOnly: [EngineOnlyOption] = []
        public init() {}

        public enum PullPolicy: String, Sendable, Equatable { case always, missing, never }

        public struct HostEntry: Sendable, Equatable {
            public var host: String
            /// An address, or `host-gateway` for the engine's own.
            public var address: String
            public init(host: String, address: String) { self.host = host; self.address = address }
        }

        public struct Inherited: Sendable, Equatable {
            /// The `volumesFrom` entry as written.
            public var entry: String
            /// `:ro`: every inherited mount read-only.
            public var readOnly: Bool
            public var mounts: [Mount]
            public var driverMounts: [DriverMount]
            public init(entry: String, readOnly: Bool, mounts: [Mount], driverMounts: [DriverMount]) {
                self.entry = entry; self.readOnly = readOnly; self.mounts = mounts; self.driverMounts = driverMounts
            }
        }

        public struct DriverMount: Sendable, Equatable {
            /// The option's value as given, which only the docker emitter writes back.
            public var dockerValue: String
            public var target: String
            /// Host paths it makes visible: a bind source, or the directory or device a local driver mounts.
            public var hostPaths: [String]
            public var readOnly: Bool
            public var propagation: String?
            public init(dockerValue: String, target: String, hostPaths: [String], readOnly: Bool, propagation: String?) {
                self.dockerValue = dockerValue; self.target = target; self.hostPaths = hostPaths; self.readOnly = readOnly; self.propagation = propagation
            }
        }

        public struct EngineOnlyOption: Sendable, Equatable {
            /// The docker run option's long name.
            public var option: String
            public var value: String
            public init(option: String, value: String) { self.option = option; self.value = value }
        }
    }
}
