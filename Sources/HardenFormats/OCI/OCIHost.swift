import HardenModel
/// What an OCI config depends on about the machine that will run it. Passed in, never read by the
/// conversion itself, so the same plan and the same facts always give the same bytes; only the
/// command line reads them from the host (`OCIHost.live`).
public struct OCIHost: Sendable, Equatable {
    /// The kernel's name for the machine (`uname -m`): x86_64, aarch64, …
    public var architecture: String
    /// The hard limit of each rlimit the config may set, by spec name (`RLIMIT_NOFILE`); a limit
    /// above it cannot be granted without CAP_SYS_RESOURCE, and the container would not start.
    /// A name not listed is not clamped.
    public var hardLimits: [String: UInt64]
    public var cgroup: CgroupVersion
    /// Whether the memory cgroup can limit swap (cgroup v1 without `swapaccount=1` cannot, and runc
    /// then fails to start the container rather than ignore the limit).
    public var swapAccounting: Bool
    /// Who will run the runtime when `--rootless` is asked for: that user's ids and subordinate ranges.
    public var user: HostUser

    public init(architecture: String, hardLimits: [String: UInt64], cgroup: CgroupVersion, swapAccounting: Bool, user: HostUser) {
        self.architecture = architecture
        self.hardLimits = hardLimits
        self.cgroup = cgroup
        self.swapAccounting = swapAccounting
        self.user = user
    }

    public enum CgroupVersion: String, Sendable, Equatable {
        /// cgroup v1, including the hybrid layout with a v2 tree beside the v1 controllers.
        case v1
        /// The unified hierarchy only.
        case v2
    }

    public struct HostUser: Sendable, Equatable {
        public var uid: Int
        public var gid: Int
        /// The user's ranges from /etc/subuid and /etc/subgid, empty when there are none or when
        /// newuidmap/newgidmap, which a rootless runtime needs to use them, are missing.
        public var subordinateUIDs: [IDRange]
        public var subordinateGIDs: [IDRange]

        public init(uid: Int, gid: Int, subordinateUIDs: [IDRange] = [], subordinateGIDs: [IDRange] = []) {
            self.uid = uid; self.gid = gid; self.subordinateUIDs = subordinateUIDs; self.subordinateGIDs = subordinateGIDs
        }
    }

    public struct IDRange: Sendable, Equatable {
        public var start: Int
        public var count: Int
        public init(start: Int, count: Int) { self.start = start; self.count = count }
    }
}
