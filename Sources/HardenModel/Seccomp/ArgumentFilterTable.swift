/// Syscalls a filter allows only with certain arguments, sorted by name. A profile that allows one
/// of these names gets the rule below instead of an unconditional allow. `socket` and `socketpair`
/// are filtered by the profile's address families (`SeccompGenerator`), so they have no row here.
///
/// Only equality tests, never "allow unless": a seccomp filter compares all 64 bits of a register
/// while the kernel reads many arguments as 32-bit ints, so a "not equal" test is defeated by
/// setting high bits, whereas a value with stray high bits simply matches no allowed value.
package enum ArgumentFilterTable {
    struct Row: Sendable {
        let syscall: String
        /// Each inner list is one rule whose comparisons must all hold; the call is allowed when any rule matches.
        let alternatives: [[SeccompFilter.Argument]]
        let why: String
    }

    /// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET.
    static let cloneNamespaceFlags: UInt64 = 0x7E02_0000

    static let rows: [Row] = [
        // clone's flags are its first argument on x86_64 and aarch64 (s390 swaps the first two,
        // which harden does not target). CLONE_NEWTIME cannot be in the mask: in clone's flags
        // that bit belongs to the exit signal, and only unshare and clone3 can ask for a time
        // namespace; both are refused.
        Row(syscall: "clone", alternatives: [[.noneOf(0, mask: cloneNamespaceFlags)]],
            why: "threads and processes only: new namespaces (a user namespace above all) are how an unprivileged process reaches kernel code meant for root"),
        // PER_LINUX, PER_LINUX32, UNAME26, UNAME26|PER_LINUX32, and 0xffffffff which only reads the
        // current persona. Left out: ADDR_NO_RANDOMIZE (turns off ASLR for the process and its
        // children), READ_IMPLIES_EXEC and MMAP_PAGE_ZERO (the old NULL-dereference exploit aid).
        Row(syscall: "personality", alternatives: [[.equal(0, 0x0)], [.equal(0, 0x8)], [.equal(0, 0x2_0000)], [.equal(0, 0x2_0008)], [.equal(0, 0xFFFF_FFFF)]],
            why: "only the Linux personas and the query; no persona that turns off ASLR or makes data executable"),
    ]

    static func row(for syscall: String) -> Row? { rows.first { $0.syscall == syscall } }

    /// Why socket families are filtered, for the rules' comments.
    /// Why a name is allowed only with certain arguments, for `harden explain`; nil when it is not.
    package static func why(_ name: String) -> String? {
        if name == "socket" || name == "socketpair" { return "only the profile's socket families: " + socketWhy }
        return rows.first { $0.syscall == name }?.why
    }

    static let socketWhy = "the kernel code behind other address families (vsock, alg, rds, tipc, ...) stays out of reach"
}
