import FoundationEssentials
import HardenModel
import Glibc

/// A program started without waiting for it (the exercise runs beside the workload, while harden
/// reads the kernel log): its output goes to a file, read when it has ended.
final class BackgroundProcess {
    let pid: pid_t
    let outputPath: String
    private(set) var status: Int32?

    private init(pid: pid_t, outputPath: String) { self.pid = pid; self.outputPath = outputPath }

    /// `sh -c COMMAND` with the environment given, stdout and stderr into one file.
    static func shell(_ command: String, environment: [String: String], outputPath: String) -> BackgroundProcess? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), unblocked = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        // Its own process group, so an interrupt stops it with everything it started.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) == 0 else { return nil }
        return BackgroundProcess(pid: pid, outputPath: outputPath)
    }

    /// Whether it has ended; its exit status (or signal number) is then in `status`.
    func poll() -> Bool {
        if status != nil { return true }
        var raw: Int32 = 0
        let done = waitpid(pid, &raw, WNOHANG)
        guard done == pid else { return false }
        status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        return true
    }

    /// Stops it and everything it started, and waits for it.
    func stop() {
        guard !poll() else { return }
        kill(-pid, SIGTERM)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
        status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    var output: String { OCIHostReader.read(outputPath) ?? "" }
}
