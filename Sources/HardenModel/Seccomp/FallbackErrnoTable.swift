/// Syscalls that, when a profile neither allows nor denies them, fail with the errno their callers
/// read as "not available here" instead of the filter's default EPERM, sorted by name. The call
/// is refused either way; the answer decides whether the caller falls back or gives up.
/// Explicitly denied names keep EPERM: a deny means "refuse", not "pretend it is missing".
package enum FallbackErrnoTable {
    struct Row: Sendable {
        let syscall: String
        /// SeccompFilter.Action.enosys or .eopnotsupp.
        let errno: Int
        let why: String
        /// Answer so even when the profile allows the name.
        var evenWhenAllowed = false
    }

    /// The errno and reason a name is answered with instead of EPERM, for `harden explain`.
    package static func answer(for name: String) -> (errno: Int, why: String, evenWhenAllowed: Bool)? {
        rows.first { $0.syscall == name }.map { ($0.errno, $0.why, $0.evenWhenAllowed) }
    }

    private static let enosys = SeccompFilter.Action.enosys
    /// What a filesystem without extended attributes answers; coreutils (cp -a, mv, install), tar,
    /// rsync and Python's shutil then skip the attributes instead of failing the copy.
    private static let noXattrs = (SeccompFilter.Action.eopnotsupp, "cp -a, tar, rsync and shutil.copy2 skip extended attributes a filesystem does not support, and fail on EPERM")

    static let rows: [Row] = [
        // Answered ENOSYS even when allowed: its flags sit in a struct in memory, which a filter
        // cannot read, so the namespace flags refused on clone could pass here. Docker does the same.
        Row(syscall: "clone3", errno: enosys, why: "glibc 2.34+ tries clone3 first and falls back to clone, whose namespace flags the filter can check",
            evenWhenAllowed: true),
        Row(syscall: "faccessat2", errno: enosys, why: "glibc 2.33+ access() and faccessat() fall back to faccessat only on ENOSYS"),
        Row(syscall: "fchmodat2", errno: enosys, why: "glibc 2.39+ lchmod() and fchmodat(AT_SYMLINK_NOFOLLOW) fall back only on ENOSYS"),
        Row(syscall: "fremovexattr", errno: noXattrs.0, why: noXattrs.1),
        Row(syscall: "fsetxattr", errno: noXattrs.0, why: noXattrs.1),
        Row(syscall: "landlock_create_ruleset", errno: enosys, why: "best-effort sandboxing libraries read ENOSYS as 'no Landlock here' and carry on"),
        Row(syscall: "lremovexattr", errno: noXattrs.0, why: noXattrs.1),
        Row(syscall: "lsetxattr", errno: noXattrs.0, why: noXattrs.1),
        Row(syscall: "openat2", errno: enosys, why: "callers such as systemd fall back to openat on ENOSYS"),
        Row(syscall: "removexattr", errno: noXattrs.0, why: noXattrs.1),
        Row(syscall: "setxattr", errno: noXattrs.0, why: noXattrs.1),
    ]

    static func row(for syscall: String) -> Row? { rows.first { $0.syscall == syscall } }
}
