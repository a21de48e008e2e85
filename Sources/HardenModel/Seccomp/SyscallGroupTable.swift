/// The syscall groups profiles name as `@group`, sorted by name. Functional groups follow systemd's
/// (`systemd-analyze syscall-filter`) where they can, and say where they part from it; each lists a
/// name under every ABI spelling it has (`fstat`, `fstat64`; `clock_gettime`, `clock_gettime64`),
/// since the filter applies to every ABI of the architecture.
///
/// `@system-service` is the exception: not a function but harden's floor for an ordinary service,
/// named one by one so that what a long-running process gets is visible here and nowhere else.
extension SyscallCatalogue {
    static let groups: [SyscallGroup] = [
        SyscallGroup("@aio", "Linux native asynchronous I/O (libaio, InnoDB); io_uring has a group of its own", [
            "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup", "io_submit",
        ]),
        SyscallGroup("@basic-io", "Reading, writing, seeking and duplicating open descriptors", [
            "_llseek", "close", "close_range", "dup", "dup2", "dup3", "lseek", "pread64", "preadv", "preadv2",
            "pwrite64", "pwritev", "pwritev2", "read", "readv", "write", "writev",
            // Not in systemd's group, but isatty() and FIONBIO make it as basic as read; a seccomp
            // filter cannot narrow ioctl safely (its request number is an int the filter sees as 64 bits).
            "ioctl",
        ]),
        SyscallGroup("@chown", "Changing file owners (needs CAP_CHOWN except to give a file to one's own group)", [
            "chown", "chown32", "fchown", "fchown32", "fchownat", "lchown", "lchown32",
        ]),
        SyscallGroup("@clock", "Setting or steering the system clock (needs CAP_SYS_TIME, which the host's clock would feel)", [
            "adjtimex", "clock_adjtime", "clock_adjtime64", "clock_settime", "clock_settime64", "settimeofday", "stime",
        ]),
        SyscallGroup("@cpu-emulation", "Segment tables and virtual 8086 mode, for emulators such as DOSEMU and Wine", [
            "modify_ldt", "vm86", "vm86old",
        ]),
        SyscallGroup("@debug", "Reading or changing other processes: tracing, their memory, their descriptors, profiling", [
            "kcmp", "lookup_dcookie", "perf_event_open", "pidfd_getfd", "process_madvise", "process_vm_readv",
            "process_vm_writev", "ptrace",
            // Only debuggers and checkpointers read another thread's robust futex list; it once leaked kernel addresses.
            "get_robust_list",
            // userfaultfd lets a process stall the kernel mid-copy, a classic aid to exploiting races;
            // CRIU and live migration are its users (systemd lists it in @system-service).
            "userfaultfd",
        ]),
        SyscallGroup("@default", "What every process does: memory, time, identity, futexes, exit (as in systemd)", [
            "arch_prctl", "brk", "cacheflush", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
            "clock_nanosleep", "clock_nanosleep_time64", "execve", "exit", "exit_group", "futex", "futex_requeue",
            "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "get_thread_area", "getegid", "getegid32",
            "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getpgid", "getpgrp", "getpid",
            "getppid", "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit", "getsid",
            "gettid", "gettimeofday", "getuid", "getuid32", "membarrier", "mmap", "mmap2", "mprotect", "munmap",
            "nanosleep", "pause", "prlimit64", "restart_syscall", "rseq", "rt_sigreturn", "sched_getaffinity",
            "sched_yield", "set_robust_list", "set_thread_area", "set_tid_address", "set_tls", "sigreturn", "time",
            "ugetrlimit",
        ]),
        SyscallGroup("@file-cache", "Hints about the page cache: advise, read ahead, ask what is cached", [
            "arm_fadvise64_64", "cachestat", "fadvise64", "fadvise64_64", "readahead",
        ]),
        SyscallGroup("@file-handle", "File handles that outlive paths; opening one needs CAP_DAC_READ_SEARCH (the 2014 Docker escape)", [
            "name_to_handle_at", "open_by_handle_at",
        ]),
        SyscallGroup("@file-monitor", "Watching files for changes (inotify; fanotify needs CAP_SYS_ADMIN)", [
            "fanotify_init", "fanotify_mark", "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch",
        ]),
        SyscallGroup("@file-system", "Opening, creating, renaming, removing and inspecting files and directories", [
            "access", "chdir", "chmod", "creat", "faccessat", "faccessat2", "fallocate", "fchdir", "fchmod", "fchmodat",
            "fchmodat2", "fcntl", "fcntl64", "flock", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64",
            "ftruncate", "ftruncate64", "futimesat", "getcwd", "getdents", "getdents64", "link", "linkat", "lstat",
            "lstat64", "mkdir", "mkdirat", "mknod", "mknodat", "newfstatat", "oldfstat", "oldlstat", "oldstat", "open",
            "openat", "openat2", "readdir", "readlink", "readlinkat", "rename", "renameat", "renameat2", "rmdir", "stat",
            "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "truncate", "truncate64", "umask", "unlink",
            "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes",
        ]),
        SyscallGroup("@io-event", "Waiting for many descriptors at once: select, poll, epoll, eventfd", [
            "_newselect", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_pwait", "epoll_pwait2", "epoll_wait",
            "eventfd", "eventfd2", "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select",
        ]),
        // Docker's default profile dropped io_uring in 2023: it bypasses seccomp for the operations
        // it performs and has been a steady source of kernel privilege escalations.
        SyscallGroup("@io-uring", "io_uring: asynchronous I/O whose operations a seccomp filter never sees", [
            "io_uring_enter", "io_uring_register", "io_uring_setup",
        ]),
        SyscallGroup("@ipc", "Pipes, System V and POSIX message queues, semaphores and shared memory, memfd", [
            "ipc", "memfd_create", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
            "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "pipe", "pipe2",
            "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget",
        ]),
        // Keyrings are not namespaced: a container could read or fill keys the host or another
        // container owns under the same UID. Docker's default blocks them for that reason.
        SyscallGroup("@keyring", "The kernel keyring", [
            "add_key", "keyctl", "request_key",
        ]),
        SyscallGroup("@memlock", "Pinning memory so it is never swapped", [
            "mlock", "mlock2", "mlockall", "munlock", "munlockall",
        ]),
        SyscallGroup("@memory", "Memory beyond mmap: advice, resizing, residency, NUMA policy, secret and shadow-stack memory", [
            "get_mempolicy", "madvise", "map_shadow_stack", "memfd_secret", "mincore", "mremap", "remap_file_pages",
        ]),
        SyscallGroup("@module", "Loading and unloading kernel modules", [
            "create_module", "delete_module", "finit_module", "get_kernel_syms", "init_module", "query_module",
        ]),
        SyscallGroup("@mount", "Mounting, unmounting and changing the root directory", [
            "chroot", "fsconfig", "fsmount", "fsopen", "fspick", "mount", "mount_setattr", "move_mount", "open_tree",
            "pivot_root", "umount", "umount2",
        ]),
        // Not a systemd group: systemd leaves these in @process and restricts namespaces separately.
        // New namespaces, a user namespace above all, are how a process reaches kernel code meant
        // for root; Docker's default refuses them too (and clone's namespace flags, see ArgumentFilterTable).
        SyscallGroup("@namespaces", "Entering or creating namespaces", [
            "setns", "unshare",
        ]),
        SyscallGroup("@network-io", "Sockets: create, connect, listen, accept, send, receive (socket families are filtered)", [
            "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "listen", "recv",
            "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg", "sendto",
            "setsockopt", "shutdown", "socket", "socketpair",
            // i386's multiplexer hides the call and its family behind a pointer no filter can read.
            "socketcall",
        ]),
        SyscallGroup("@obsolete", "Calls the kernel no longer implements, or implements only as a stub", [
            "_sysctl", "afs_syscall", "bdflush", "break", "epoll_ctl_old", "epoll_wait_old", "ftime", "getpmsg", "gtty",
            "idle", "lock", "mpx", "nfsservctl", "prof", "profil", "putpmsg", "security", "sgetmask", "ssetmask",
            "stty", "sysfs", "tuxcall", "ulimit", "uselib", "ustat", "vserver",
        ]),
        SyscallGroup("@pkey", "Memory protection keys", [
            "pkey_alloc", "pkey_free", "pkey_mprotect",
        ]),
        SyscallGroup("@privileged", "Everything that needs a capability a hardened container does not hold", [
            "@chown", "@clock", "@module", "@mount", "@namespaces", "@raw-io", "@reboot", "@setuid", "@swap", "acct",
            "bpf", "capset", "open_by_handle_at", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "syslog",
            "vhangup",
        ]),
        SyscallGroup("@process", "Threads and child processes: create, wait, signal, sessions, process groups, pidfds", [
            "capget", "clone", "clone3", "execveat", "fork", "getrusage", "kill", "pidfd_open", "pidfd_send_signal",
            "prctl", "process_mrelease", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "setpgid", "setsid", "tgkill", "tkill",
            "vfork", "wait4", "waitid", "waitpid",
            // An execution domain (e.g. UNAME26); only a few values are allowed, see ArgumentFilterTable.
            "personality",
        ]),
        SyscallGroup("@raw-io", "Raw access to I/O ports and PCI configuration", [
            "ioperm", "iopl", "pciconfig_iobase", "pciconfig_read", "pciconfig_write",
        ]),
        SyscallGroup("@reboot", "Rebooting and loading a new kernel", [
            "kexec_file_load", "kexec_load", "reboot",
        ]),
        SyscallGroup("@resources", "Changing scheduling, priorities, CPU and NUMA placement, resource limits", [
            "ioprio_set", "mbind", "migrate_pages", "move_pages", "nice", "sched_setaffinity", "sched_setattr",
            "sched_setparam", "sched_setscheduler", "set_mempolicy", "set_mempolicy_home_node", "setpriority",
            "setrlimit",
        ]),
        SyscallGroup("@sandbox", "A process narrowing its own rights further (Landlock, seccomp)", [
            "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "seccomp",
        ]),
        SyscallGroup("@scheduler-query", "Reading scheduling policy, priorities and the current CPU (the setters are in @resources)", [
            "getcpu", "getpriority", "ioprio_get", "sched_get_priority_max", "sched_get_priority_min", "sched_getattr",
            "sched_getparam", "sched_getscheduler", "sched_rr_get_interval", "sched_rr_get_interval_time64",
        ]),
        SyscallGroup("@setuid", "Changing user and group identities", [
            "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
            "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32",
            "setuid", "setuid32",
        ]),
        SyscallGroup("@signal", "Handling, blocking and waiting for signals", [
            "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigsuspend", "rt_sigtimedwait",
            "rt_sigtimedwait_time64", "sigaction", "sigaltstack", "signal", "signalfd", "signalfd4", "sigpending",
            "sigprocmask", "sigsuspend",
        ]),
        SyscallGroup("@swap", "Enabling and disabling swap", [
            "swapoff", "swapon",
        ]),
        SyscallGroup("@sync", "Flushing data to storage", [
            "arm_sync_file_range", "fdatasync", "fsync", "msync", "sync", "sync_file_range", "syncfs",
        ]),
        SyscallGroup("@system-info", "Kernel name, version and load", [
            "oldolduname", "olduname", "sysinfo", "uname",
        ]),
        // One name at a time on purpose (see the file's header). Left out, with the group that has
        // them: superseded calls no current libc issues (utime, utimes, futimesat, getdents, eventfd,
        // signalfd), new or flag-taking variants only explicit callers use (preadv2, pwritev2,
        // openat2, epoll_pwait2, futex_wait/wake/requeue/waitv, execveat, pidfds, sigqueue), FIFOs
        // and device nodes (mknod), setting xattrs, inotify, POSIX timers and timerfd, @sync,
        // @ipc beyond pipes, and the scheduler queries. Roles add what they need.
        SyscallGroup("@system-service", "harden's floor for an ordinary service: a process, its threads and children, files, sockets, signals", [
            // Most of @default
            "arch_prctl", "brk", "cacheflush", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
            "clock_nanosleep", "clock_nanosleep_time64", "execve", "exit", "exit_group", "futex", "futex_time64",
            "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getpgid",
            "getpgrp", "getpid", "getppid", "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32",
            "getrlimit", "gettid", "gettimeofday", "getuid", "getuid32", "membarrier", "mmap", "mmap2", "mprotect",
            "munmap", "nanosleep", "pause", "prlimit64", "restart_syscall", "rseq", "rt_sigreturn", "sched_getaffinity",
            "sched_yield", "set_robust_list", "set_thread_area", "set_tid_address", "set_tls", "sigreturn", "time",
            "ugetrlimit",
            // @basic-io without the flag-taking preadv2 and pwritev2
            "_llseek", "close", "close_range", "dup", "dup2", "dup3", "ioctl", "lseek", "pread64", "preadv", "pwrite64",
            "pwritev", "read", "readv", "write", "writev",
            // @file-system without rarely used calls (mknod, openat2, utime, getdents...). creat stays:
            // GNU tar calls it. fchmodat2 answers ENOSYS instead (see FallbackErrnoTable), which glibc emulates.
            "access", "chdir", "chmod", "creat", "faccessat", "faccessat2", "fallocate", "fchdir", "fchmod", "fchmodat",
            "fcntl", "fcntl64", "flock", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64",
            "ftruncate", "ftruncate64", "getcwd", "getdents64", "link", "linkat", "lstat", "lstat64", "mkdir", "mkdirat",
            "newfstatat", "open", "openat", "readlink", "readlinkat", "rename", "renameat", "renameat2", "rmdir", "stat",
            "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "truncate", "truncate64", "umask", "unlink",
            "unlinkat", "utimensat", "utimensat_time64",
            // @io-event without the superseded eventfd and the rarely used epoll_pwait2
            "_newselect", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_pwait", "epoll_wait", "eventfd2", "poll",
            "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select",
            // @network-io without socketcall; socket and socketpair are filtered by address family
            "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "listen", "recv",
            "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg", "sendto",
            "setsockopt", "shutdown", "socket", "socketpair",
            // @process: threads, children, sessions (clone's namespace flags are refused, clone3 answers ENOSYS)
            "clone", "clone3", "fork", "getrusage", "kill", "prctl", "setpgid", "setsid", "tgkill", "vfork", "wait4",
            "waitid", "waitpid",
            // @signal without the superseded signalfd
            "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigsuspend", "rt_sigtimedwait",
            "rt_sigtimedwait_time64", "sigaction", "sigaltstack", "signal", "signalfd4", "sigpending", "sigprocmask",
            "sigsuspend",
            // Reading extended attributes: `ls -l` reports EPERM from them as an error, and Python's
            // shutil.copy2 raises it. Setting them stays out, answered EOPNOTSUPP (FallbackErrnoTable).
            "fgetxattr", "flistxattr", "getxattr", "lgetxattr", "listxattr", "llistxattr",
            // Interval timers from @timer, memory resizing and advice, page-cache advice (cat, cp and
            // sort ask for sequential reads), pipes, in-kernel copies, uname
            "alarm", "getitimer", "setitimer", "times", "madvise", "mremap", "arm_fadvise64_64", "fadvise64",
            "fadvise64_64", "pipe", "pipe2", "copy_file_range", "sendfile", "sendfile64", "sysinfo", "uname",
        ]),
        SyscallGroup("@timer", "Interval timers, POSIX timers and timerfd", [
            "alarm", "getitimer", "setitimer", "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime",
            "timer_gettime64", "timer_settime", "timer_settime64", "timerfd_create", "timerfd_gettime",
            "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times",
        ]),
        SyscallGroup("@xattr", "Extended attributes: listing, reading, setting, removing", [
            "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "lgetxattr", "listxattr", "llistxattr",
            "lremovexattr", "lsetxattr", "removexattr", "setxattr",
        ]),
        // Splice and friends move data between descriptors inside the kernel (web servers, proxies, cp).
        SyscallGroup("@zero-copy", "Moving data between descriptors inside the kernel", [
            "copy_file_range", "sendfile", "sendfile64", "splice", "tee", "vmsplice",
        ]),
    ]
}
