/// Syscalls that answer ENOSYS ("not implemented") instead of the filter's default action when a
/// profile neither allows nor denies them, sorted by name. Their callers probe for them and fall
/// back to an older call only on ENOSYS; EPERM would turn a missing feature into a hard failure.
/// Explicitly denied names keep EPERM: a deny means "refuse", not "pretend it is missing".
enum ENOSYSTable {
    struct Row: Sendable {
        let syscall: String
        let why: String
        /// Answer ENOSYS even when the profile allows the name.
        var evenWhenAllowed = false
    }

    static let rows: [Row] = [
        // Answered ENOSYS even when allowed: its flags sit in a struct in memory, which a filter
        // cannot read, so the namespace flags refused on clone could pass here. Docker does the same.
        Row(syscall: "clone3", why: "glibc 2.34+ tries clone3 first and falls back to clone, whose namespace flags the filter can check",
            evenWhenAllowed: true),
        Row(syscall: "faccessat2", why: "glibc 2.33+ access() and faccessat() fall back to faccessat only on ENOSYS"),
        Row(syscall: "fchmodat2", why: "glibc 2.39+ lchmod() and fchmodat(AT_SYMLINK_NOFOLLOW) fall back only on ENOSYS"),
        Row(syscall: "landlock_create_ruleset", why: "best-effort sandboxing libraries read ENOSYS as 'no Landlock here' and carry on"),
        Row(syscall: "openat2", why: "callers such as systemd fall back to openat on ENOSYS"),
    ]

    static func row(for syscall: String) -> Row? { rows.first { $0.syscall == syscall } }
}
