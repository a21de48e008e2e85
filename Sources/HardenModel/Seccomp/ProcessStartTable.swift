/// The calls without which a container's process never starts (or never ends), so a filter lacking
/// one is refused before the engine is asked: docker's own message for it is "cannot start a stopped
/// process" or a bare exit status 127 or 139, which tells nobody which syscall was missing.
///
/// Measured, not guessed, on this project's hosts (docker 20.10 and podman 4.3 over runc 1.1, crun
/// 1.8, no-new-privileges on, the filter loaded just before execve): first every call made after
/// the filter was loaded, with `"defaultAction": "SCMP_ACT_LOG"` and an empty allow list, starting
/// a dynamically linked `/bin/true`; then that list with one name left out at a time. The rows are
/// the names whose absence stopped the container. `brk`, `munmap`, `access`, `set_tid_address`,
/// `set_robust_list`, `prlimit64`, `rseq`, `getpid` and `epoll_ctl` were called too, yet their
/// absence did not stop it (glibc falls back or ignores the error), so they are not here.
public enum ProcessStartTable {
    public struct Row: Sendable, Equatable {
        public let syscall: String
        public let why: String
    }

    public static let rows: [Row] = [
        Row(syscall: "execve", why: "runc and crun start the workload with it (\"exec /bin/true: operation not permitted\")"),
        Row(syscall: "openat", why: "runc opens /proc/self/fd after loading the filter to close what it inherited (docker: \"cannot start a stopped process\")"),
        Row(syscall: "getdents64", why: "runc lists /proc/self/fd after loading the filter (\"readdirent /proc/self/fd: operation not permitted\")"),
        Row(syscall: "close", why: "runc closes inherited descriptors after loading the filter, crun its own (docker: \"cannot start a stopped process\")"),
        Row(syscall: "fstatfs", why: "runc checks it is reading procfs before trusting /proc/self/fd (the container dies with SIGSEGV, status 139)"),
        Row(syscall: "write", why: "runc tells its parent it is about to exec over the sync pipe (docker: \"cannot start an already running container\")"),
        Row(syscall: "futex", why: "runc's Go runtime threads wait on futexes between loading the filter and execve (docker: \"cannot start an already running container\")"),
        Row(syscall: "mmap", why: "the dynamic loader maps the program's libraries (SIGSEGV, status 139)"),
        Row(syscall: "mprotect", why: "the dynamic loader makes relocated segments read-only (status 127)"),
        Row(syscall: "read", why: "the dynamic loader reads each library's ELF header (status 127)"),
        Row(syscall: "pread64", why: "the dynamic loader reads each library's program headers (status 127)"),
        Row(syscall: "newfstatat", why: "the dynamic loader sizes each library before mapping it (status 127)"),
        Row(syscall: "arch_prctl", why: "x86_64 programs set their thread pointer with it before main (status 127); aarch64 has no such call"),
        Row(syscall: "exit_group", why: "how a process ends; without it glibc's _exit falls back to exit"),
        Row(syscall: "exit", why: "how a thread ends, and _exit's fallback: without exit_group and exit a process never ends"),
    ]

    /// The rows a filter would refuse, given what it allows and denies and its default action.
    /// `allowed`: names allowed (deny already applied); `denied`: names refused by name even when
    /// the default action lets other calls through (`log`).
    public static func missing(allowed: Set<String>, denied: Set<String>, defaultAllows: Bool) -> [Row] {
        rows.filter { defaultAllows ? denied.contains($0.syscall) : !allowed.contains($0.syscall) }
    }

    /// What a profile's policy refuses of the rows, as the generator would build its filter.
    /// Each list reduced to the rows it names, through a table of which rows each group holds:
    /// every launch and every profile `validate` judges asks this, and expanding whole groups cost
    /// more than the rest of a `run --dry-run`.
    public static func missing(in policy: Profile.SeccompPolicy, noNewPrivileges: Bool) -> [Row] {
        var denied = startNames(in: policy.deny)
        var allowed = startNames(in: policy.allow).subtracting(denied)
        if !noNewPrivileges {
            denied.subtract(SeccompGenerator.runtimeHandoff)
            allowed.formUnion(SeccompGenerator.runtimeHandoff)
        }
        return missing(allowed: allowed, denied: denied, defaultAllows: policy.defaultAction == "log")
    }

    /// The rows' syscalls a list of names and `@group`s stands for.
    static func startNames(in entries: [String]) -> Set<String> {
        var names: Set<String> = []
        for entry in entries {
            if entry.hasPrefix("@") {
                if let rows = rowsByGroup[entry] { names.formUnion(rows) }
            } else if rowNames.contains(entry) {
                names.insert(entry)
            }
        }
        return names
    }

    private static let rowNames = Set(rows.map(\.syscall))

    /// For every group, the rows' syscalls it holds through nested groups; built once by walking
    /// member lists, testing each name against the rows only.
    static let rowsByGroup: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        func rows(of group: String, depth: Int) -> Set<String> {
            if let known = table[group] { return known }
            guard depth < 16, let members = SyscallCatalogue.group(named: group)?.members else { return [] }
            var found: Set<String> = []
            for member in members {
                if member.hasPrefix("@") { found.formUnion(rows(of: member, depth: depth + 1)) } else if rowNames.contains(member) { found.insert(member) }
            }
            table[group] = found
            return found
        }
        for group in SyscallCatalogue.all { _ = rows(of: group.name, depth: 0) }
        return table
    }()
}
