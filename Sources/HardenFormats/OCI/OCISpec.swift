import HardenModel
/// The part of the OCI runtime spec (config.json, runtime-spec 1.0.2) that harden writes, as faithful
/// values: the spec's names and shapes, no opinions. What harden decides lives in `OCIConfig`, the one
/// conversion from a launch plan; `OCIRootless` transforms a spec the way `runc spec --rootless` does.
///
/// Optional members are left out of the JSON when nil, as the spec's `omitempty` fields are.
public struct OCISpec: Sendable, Equatable {
    public var ociVersion: String
    public var process: Process
    public var root: Root
    public var hostname: String?
    public var mounts: [Mount] = []
    public var linux: Linux

    public init(ociVersion: String, process: Process, root: Root, linux: Linux) {
        self.ociVersion = ociVersion
        self.process = process
        self.root = root
        self.linux = linux
    }

    public struct Process: Sendable, Equatable {
        public var terminal = false
        public var user: User
        public var args: [String]
        public var env: [String]
        public var cwd: String
        public var capabilities: Capabilities
        public var rlimits: [Rlimit] = []
        public var noNewPrivileges = false
        public var apparmorProfile: String?
        public var oomScoreAdj: Int?

        public init(user: User, args: [String], env: [String], cwd: String, capabilities: Capabilities) {
            self.user = user; self.args = args; self.env = env; self.cwd = cwd; self.capabilities = capabilities
        }
    }

    public struct User: Sendable, Equatable {
        public var uid: Int
        public var gid: Int
        public var additionalGids: [Int] = []
        public init(uid: Int, gid: Int, additionalGids: [Int] = []) { self.uid = uid; self.gid = gid; self.additionalGids = additionalGids }
    }

    /// Names spelled `CAP_…`, as the spec writes them.
    public struct Capabilities: Sendable, Equatable {
        public var bounding: [String] = []
        public var effective: [String] = []
        public var inheritable: [String] = []
        public var permitted: [String] = []
        public var ambient: [String] = []
        public init() {}
    }

    public struct Rlimit: Sendable, Equatable {
        /// `RLIMIT_NOFILE`, …
        public var type: String
        public var hard: UInt64
        public var soft: UInt64
        public init(type: String, hard: UInt64, soft: UInt64) { self.type = type; self.hard = hard; self.soft = soft }
    }

    public struct Root: Sendable, Equatable {
        public var path: String
        public var readonly: Bool
        public init(path: String, readonly: Bool) { self.path = path; self.readonly = readonly }
    }

    public struct Mount: Sendable, Equatable {
        public var destination: String
        public var type: String
        public var source: String
        public var options: [String]
        public init(destination: String, type: String, source: String, options: [String] = []) {
            self.destination = destination; self.type = type; self.source = source; self.options = options
        }
    }

    public struct Linux: Sendable, Equatable {
        public var uidMappings: [IDMapping] = []
        public var gidMappings: [IDMapping] = []
        /// In the order given.
        public var sysctl: [(String, String)] = []
        public var resources: Resources?
        public var namespaces: [Namespace] = []
        /// `linux.seccomp` as the seccomp generator writes it; kept as JSON so there is one writer of that shape.
        public var seccomp: JSONNode?
        public var maskedPaths: [String] = []
        public var readonlyPaths: [String] = []
        public init() {}

        public static func == (a: Linux, b: Linux) -> Bool {
            a.uidMappings == b.uidMappings && a.gidMappings == b.gidMappings && a.sysctl.elementsEqual(b.sysctl, by: ==)
                && a.resources == b.resources && a.namespaces == b.namespaces
                && (a.seccomp == nil) == (b.seccomp == nil) && (a.seccomp.map { b.seccomp!.sameContent(as: $0) } ?? true)
                && a.maskedPaths == b.maskedPaths && a.readonlyPaths == b.readonlyPaths
        }
    }

    public struct IDMapping: Sendable, Equatable {
        public var containerID: Int
        public var hostID: Int
        public var size: Int
        public init(containerID: Int, hostID: Int, size: Int) { self.containerID = containerID; self.hostID = hostID; self.size = size }
    }

    public struct Namespace: Sendable, Equatable {
        /// pid, network, mount, ipc, uts, user, cgroup
        public var type: String
        public var path: String?
        public init(type: String, path: String? = nil) { self.type = type; self.path = path }
    }

    public struct Resources: Sendable, Equatable {
        public var devices: [DeviceRule] = []
        public var memory: Memory?
        public var cpu: CPU?
        public var pids: Pids?
        public init() {}
    }

    public struct DeviceRule: Sendable, Equatable {
        public var allow: Bool
        /// a, c or b; nil means all.
        public var type: String?
        /// nil means every major (written `*` in a docker rule).
        public var major: Int?
        public var minor: Int?
        public var access: String
        public init(allow: Bool, type: String? = nil, major: Int? = nil, minor: Int? = nil, access: String) {
            self.allow = allow; self.type = type; self.major = major; self.minor = minor; self.access = access
        }
    }

    public struct Memory: Sendable, Equatable {
        public var limit: Int64?
        public var reservation: Int64?
        /// Memory plus swap, as docker's --memory-swap; -1 is unlimited.
        public var swap: Int64?
        public var swappiness: Int?
        public var disableOOMKiller: Bool?
        public init() {}
    }

    public struct CPU: Sendable, Equatable {
        public var shares: Int?
        public var quota: Int?
        public var period: Int?
        public var cpus: String?
        public var mems: String?
        public init() {}
    }

    public struct Pids: Sendable, Equatable {
        public var limit: Int
        public init(limit: Int) { self.limit = limit }
    }
}
