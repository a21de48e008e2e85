import Glibc

/// Runs a program directly (no shell) and collects what it printed: `harden doctor` asks the
/// engine's client about the engine, `harden diff NAME@REV` asks git. posix_spawn rather than
/// Foundation's Process, which would link full Foundation into every start of harden.
package enum CommandRunner {
    package struct Output: Sendable, Equatable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var timedOut = false
    }

    /// What the program wrote, as bytes, and how it ended.
    struct Captured: Sendable, Equatable {
        /// The exit status, or the number of the signal that ended it (as Process reported).
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var timedOut = false
    }

    /// `timeout` seconds (default 20), then SIGTERM: a client waiting on a dead TCP endpoint must
    /// not hang `harden doctor`. Nil when the program cannot be started.
    package static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double = 20) -> Output? {
        guard let captured = try? capture(executable, arguments, environment: environment, timeout: timeout) else { return nil }
        return Output(status: captured.status, stdout: String(decoding: captured.stdout, as: UTF8.self),
                      stderr: String(decoding: captured.stderr, as: UTF8.self), timedOut: captured.timedOut)
    }

    /// As `run`, with what the program printed kept as bytes (a tar stream from `docker cp`).
    package static func runBytes(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double = 20) -> (status: Int32, stdout: [UInt8], stderr: String)? {
        guard let captured = try? capture(executable, arguments, environment: environment, timeout: timeout), !captured.timedOut else { return nil }
        return (captured.status, captured.stdout, String(decoding: captured.stderr, as: UTF8.self))
    }

    /// Runs `executable` with `arguments` (argv[0] is the executable), stdin from /dev/null, both
    /// output streams read as they come so a chatty program never blocks on a full pipe. Throws
    /// the errno (a `SpawnError`) when the program cannot be started.
    static func capture(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double?) throws(SpawnError) -> Captured {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard openPipe(&outPipe) else { throw SpawnError(code: errno) }
        guard openPipe(&errPipe) else {
            let code = errno
            close(outPipe[0]); close(outPipe[1])
            throw SpawnError(code: code)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // The child starts with default signal actions and nothing blocked, whatever harden has.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), unblocked = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnError(code: spawned)
        }

        var result = Captured(status: 0, stdout: [], stderr: [])
        let deadline = timeout.map { now() + $0 }
        var open = [outPipe[0], errPipe[0]]
        var exited: Int32?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            // Once the program has ended, a descendant that kept its pipes open is not waited for.
            if exited == nil { exited = reap(pid, block: false) }
            var slice: Int32 = exited == nil ? 50 : 0
            if let deadline, exited == nil {
                let left = deadline - now()
                if left <= 0 {
                    kill(pid, SIGTERM)
                    result.timedOut = true
                    break
                }
                slice = Int32(min(50, max(1, left * 1000)))
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), slice)
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 {
                if exited != nil { break }
                continue
            }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { result.stdout += buffer[..<count] } else { result.stderr += buffer[..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        close(outPipe[0]); close(errPipe[0])
        result.status = exited ?? reap(pid, block: true) ?? -1
        return result
    }

    struct SpawnError: Error, Sendable, Equatable {
        var code: Int32
        var message: String { String(cString: strerror(code)) }
    }

    /// A pipe whose ends a spawned program does not inherit (beyond the dup2 onto 1 and 2).
    private static func openPipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    /// The status of `pid` once it has ended: the exit code, or the signal that ended it.
    private static func reap(_ pid: pid_t, block: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, block ? 0 : WNOHANG)
            if done < 0, errno == EINTR { continue }
            guard done == pid else { return nil }
            // The wait status: the low 7 bits are the terminating signal, or 0 for a normal exit.
            return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
