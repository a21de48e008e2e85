/// A small, honest seccomp filter: everything is allowed except the syscalls below, which no
/// built-in role needs and which are the kernel's favourite doors out of a container. It is a
/// deny-list, not the per-role allow-list the seccomp generator builds from a profile's syscall
/// groups, and it makes no claim to match Docker's default profile; it exists so a bundle is never
/// unconfined while `OCISeccomp` has no generator to call.
public enum BaselineSeccomp {
    public struct Row: Sendable {
        public var names: [String]
        /// Why the group is refused.
        public var why: String
        /// Only on these architectures (`uname -m` names); nil for every architecture.
        public var only: Set<String>?
    }

    public static let rows: [Row] = [
        Row(names: ["delete_module", "finit_module", "init_module"], why: "loading kernel code"),
        Row(names: ["create_module", "get_kernel_syms", "query_module"], why: "loading kernel code (old interfaces)", only: ["x86_64"]),
        Row(names: ["kexec_file_load", "kexec_load"], why: "replacing the running kernel"),
        Row(names: ["fsconfig", "fsmount", "fsopen", "fspick", "mount", "mount_setattr", "move_mount", "open_tree", "pivot_root", "umount2"],
            why: "changing the mount table"),
        Row(names: ["setns", "unshare"], why: "new or foreign namespaces, the usual first step of user-namespace exploits"),
        Row(names: ["kcmp", "process_vm_readv", "process_vm_writev", "ptrace"], why: "reading and steering other processes"),
        Row(names: ["add_key", "keyctl", "request_key"], why: "the kernel keyring, which is not namespaced"),
        Row(names: ["bpf", "perf_event_open", "userfaultfd"], why: "kernel programs, performance counters and fault handling, common exploit primitives"),
        Row(names: ["io_uring_enter", "io_uring_register", "io_uring_setup"], why: "io_uring, refused by Docker's own default since 25.0 after a run of kernel bugs"),
        Row(names: ["clock_adjtime", "clock_settime", "settimeofday"], why: "the host's clock, which is not namespaced"),
        Row(names: ["acct", "lookup_dcookie", "nfsservctl", "quotactl", "reboot", "swapoff", "swapon", "syslog", "vhangup"],
            why: "host administration"),
        Row(names: ["open_by_handle_at"], why: "opening host files by handle (the 2014 'shocker' escape)"),
        Row(names: ["ioperm", "iopl"], why: "raw I/O ports", only: ["x86_64"]),
        Row(names: ["_sysctl", "sysfs", "uselib", "ustat"], why: "obsolete interfaces nothing current uses", only: ["x86_64"]),
    ]

    /// clone(2) flags that make a namespace; refused one bit per rule, since a seccomp comparison
    /// cannot say "any of these bits". Docker's default refuses the same mask to unprivileged containers.
    public static let namespaceCloneFlags: [(name: String, bit: UInt64)] = [
        ("CLONE_NEWNS", 0x0002_0000), ("CLONE_NEWCGROUP", 0x0200_0000), ("CLONE_NEWUTS", 0x0400_0000),
        ("CLONE_NEWIPC", 0x0800_0000), ("CLONE_NEWUSER", 0x1000_0000), ("CLONE_NEWPID", 0x2000_0000),
        ("CLONE_NEWNET", 0x4000_0000),
    ]

    static let eperm = 1
    /// clone3 passes its flags in memory seccomp cannot read; ENOSYS makes libc fall back to clone,
    /// whose flags the rules above can see.
    static let enosys = 38

    /// The refused names on one architecture, sorted.
    public static func names(on architecture: String) -> [String] {
        rows.filter { $0.only?.contains(architecture) ?? true }.flatMap(\.names).sorted()
    }

    /// libseccomp's names for the architecture and the compat ABIs its kernel also runs; nil for an
    /// architecture harden does not know, which leaves the runtime's native one.
    public static func scmpArchitectures(_ architecture: String) -> [String]? {
        switch architecture {
        case "x86_64": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]
        case "aarch64": ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"]
        default: nil
        }
    }

    /// `linux.seccomp` for the architecture.
    public static func filter(architecture: String) -> JSONNode {
        var members: [(String, JSONNode)] = [("defaultAction", .str("SCMP_ACT_ALLOW"))]
        if let architectures = scmpArchitectures(architecture) { members.append(("architectures", .arr(architectures.map { .str($0) }))) }
        var rules: [JSONNode] = [
            .obj([("names", .arr(names(on: architecture).map { .str($0) })), ("action", .str("SCMP_ACT_ERRNO")), ("errnoRet", .int(eperm))]),
        ]
        for flag in namespaceCloneFlags {
            rules.append(.obj([
                ("names", .arr([.str("clone")])), ("action", .str("SCMP_ACT_ERRNO")), ("errnoRet", .int(eperm)),
                ("args", .arr([.obj([("index", .int(0)), ("value", .num(String(flag.bit))), ("valueTwo", .num(String(flag.bit))),
                                     ("op", .str("SCMP_CMP_MASKED_EQ"))])])),
            ]))
        }
        rules.append(.obj([("names", .arr([.str("clone3")])), ("action", .str("SCMP_ACT_ERRNO")), ("errnoRet", .int(enosys))]))
        members.append(("syscalls", .arr(rules)))
        return .obj(members)
    }
}
