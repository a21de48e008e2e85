import HardenModel
/// What every container harden writes a config for gets, whatever the profile says: the kernel
/// filesystems a Linux process expects, the /proc and /sys paths hidden from it, and the device nodes
/// it may use. Each list says where it comes from, so a change upstream can be followed.
public enum OCIDefaults {
    /// The runtime-spec version the configs are written for; runc 1.1 and crun 1.8 read it.
    public static let ociVersion = "1.0.2"

    /// Docker's and runc's PATH, so commands resolve as they would under `docker run`.
    public static let path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// /dev/shm's size when the plan gives none: Docker's and runc's 64 MiB.
    public static let shmSize: Int64 = 64 << 20

    /// CFS period the CPU quota is measured against (Docker's --cpus uses the same 100 ms).
    public static let cpuPeriod = 100_000

    /// `runc spec`'s mounts, with /proc given nosuid,noexec,nodev as Docker mounts it. /dev/shm is
    /// sized from the plan. The cgroup filesystem is read-only: the container reads its own limits
    /// and cannot change them.
    public static func mounts(shmSize: Int64) -> [OCISpec.Mount] {
        [
            .init(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            .init(destination: "/dev/pts", type: "devpts", source: "devpts",
                  options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            .init(destination: "/dev/shm", type: "tmpfs", source: "shm",
                  options: ["nosuid", "noexec", "nodev", "mode=1777", "size=\(shmSize / 1024)k"]),
            .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
            .init(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
            .init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"]),
        ]
    }

    /// runc's `spec` list plus what Docker (moby oci/defaults.go) masks beyond it: /proc/interrupts
    /// and powercap, whose counters leak what other tenants do (the Platypus power side channel).
    public static let maskedPaths = [
        "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats",
        "/sys/devices/virtual/powercap", "/sys/firmware",
    ]

    /// runc's and Docker's list, the same in both.
    public static let readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]

    /// The device cgroup: refuse every device, then allow the nodes runc itself creates in /dev
    /// (null, zero, full, random, urandom, tty, console, ptmx and the pseudo-terminals). Docker also
    /// allows mknod of any node and /dev/net/tun; a hardened container needs neither.
    public static let deviceRules: [OCISpec.DeviceRule] = [
        .init(allow: false, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 3, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 5, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 7, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 8, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 9, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 0, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 1, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 2, access: "rwm"),
        .init(allow: true, type: "c", major: 136, minor: nil, access: "rwm"),
    ]

    /// Docker's `--ulimit` names → the spec's rlimit types.
    public static let rlimitNames: [String: String] = [
        "as": "RLIMIT_AS", "core": "RLIMIT_CORE", "cpu": "RLIMIT_CPU", "data": "RLIMIT_DATA", "fsize": "RLIMIT_FSIZE",
        "locks": "RLIMIT_LOCKS", "memlock": "RLIMIT_MEMLOCK", "msgqueue": "RLIMIT_MSGQUEUE", "nice": "RLIMIT_NICE",
        "nofile": "RLIMIT_NOFILE", "nproc": "RLIMIT_NPROC", "rss": "RLIMIT_RSS", "rtprio": "RLIMIT_RTPRIO",
        "rttime": "RLIMIT_RTTIME", "sigpending": "RLIMIT_SIGPENDING", "stack": "RLIMIT_STACK",
    ]
}
