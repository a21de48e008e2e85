import FoundationEssentials
import HardenModel
import Glibc

/// Set by SIGINT/SIGTERM while a learning run is watched, so the loop ends and the container is
/// removed before harden exits. A signal handler may only store to a flag.
nonisolated(unsafe) var learnInterrupted: sig_atomic_t = 0

enum LearnSignals {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in learnInterrupted = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }
}

/// One watched run of the workload, the learning one or the verifying one: until the container
/// exits, the exercise ends, `seconds` pass or harden is interrupted; the kernel log read meanwhile.
struct LearnWatch {
    struct Outcome {
        /// The container's exit status when it ended on its own; nil when it was still running.
        var exitStatus: Int?
        var exerciseStatus: Int32?
        var exerciseOutput = ""
        /// The container's own output when it ended on its own (a job's result).
        var logs = ""
        /// All it printed (the last 200 lines of each stream), for the probe's search.
        var output = ""
        /// The last lines the container wrote to either stream, for a report of what went wrong.
        var tail: [String] = []
        var seconds = 0
        var interrupted = false
        var exerciseTimedOut = false
    }

    var engine: any LearnEngine
    var container: String
    var seconds: Int
    var exercise: String?
    var environment: [String: String]

    func watch(records: inout ContainerRecords?, source: SeccompLogSource?) -> Outcome {
        var outcome = Outcome()
        let started = Self.now()
        var environment = environment
        environment["HARDEN_LEARN_CONTAINER"] = container
        environment["HARDEN_LEARN_IP"] = engine.address(container)
        let outputPath = (environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/\(container).exercise"
        defer { unlink(outputPath) }
        let exerciser = exercise.flatMap { BackgroundProcess.shell($0, environment: environment, outputPath: outputPath) }
        var lastCheck = started
        var running = true
        while true {
            if let source { records?.take(source.drain()) }
            if learnInterrupted != 0 { outcome.interrupted = true; break }
            if let exerciser, exerciser.poll() { break }
            let now = Self.now()
            if now - started >= Double(seconds) { outcome.exerciseTimedOut = exerciser != nil; break }
            if now - lastCheck >= 1 {
                lastCheck = now
                if !engine.isRunning(container) { running = false; break }
            }
            usleep(100_000)
        }
        if let exerciser {
            exerciser.stop()
            outcome.exerciseStatus = exerciser.status
            outcome.exerciseOutput = exerciser.output
        }
        outcome.seconds = Int((Self.now() - started).rounded(.up))
        if running, !engine.isRunning(container) { running = false }
        if running {
            // Stopped, not killed: a clean shutdown is part of what the workload does.
            engine.stop(container)
        } else {
            outcome.exitStatus = engine.exitCode(container)
        }
        if let logs = engine.logs(container) {
            if outcome.exitStatus != nil { outcome.logs = logs.stdout }
            outcome.output = logs.stdout + (logs.stdout.isEmpty || logs.stdout.hasSuffix("\n") ? "" : "\n") + logs.stderr
            outcome.tail = (logs.stdout + logs.stderr).split(separator: "\n").suffix(4).map(String.init)
        }
        if let source {
            // The kernel hands records to the log from a thread of its own: a moment for the last ones.
            usleep(300_000)
            source.stop()
            records?.take(source.drain())
        }
        return outcome
    }

    /// How the verifying run differed from the learning one, one phrase each; empty when it ran the
    /// same way: the exercise's status and output, and the container running on both times or
    /// exiting both times with the same status (and, for a job, the same output).
    static func differences(_ before: Outcome, _ after: Outcome) -> [String] {
        var differences: [String] = []
        let last: (String) -> String = { $0.split(separator: "\n").last.map(String.init) ?? "nothing" }
        if before.exerciseStatus != after.exerciseStatus {
            differences.append("the exercise exited with status \(after.exerciseStatus.map(String.init) ?? "none"), not \(before.exerciseStatus.map(String.init) ?? "none")")
        } else if before.exerciseOutput != after.exerciseOutput {
            differences.append("the exercise printed something else (\(last(after.exerciseOutput)) instead of \(last(before.exerciseOutput)))")
        }
        switch (before.exitStatus, after.exitStatus) {
        case (nil, nil): break
        case (nil, let status?): differences.append("the container exited with status \(status) where it kept running before")
        case (let status?, nil): differences.append("the container kept running where it exited with status \(status) before")
        case (let was?, let now?):
            if was != now {
                differences.append("the container exited with status \(now), not \(was)")
            } else if before.logs != after.logs {
                differences.append("the container printed something else (\(last(after.logs)) instead of \(last(before.logs)))")
            }
        }
        return differences
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// UTC, to the second: what the learned profile says about when.
    static func timestamp() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// kernel.printk_ratelimit: the kernel log passes at most 10 audit records per 5 seconds by default
/// and drops the rest, which would lose most calls of a workload. Set to 0 (no limit) while
/// learning, as root, and put back afterwards.
struct PrintkRateLimit {
    static let path = "/proc/sys/kernel/printk_ratelimit"
    var previous: String?

    /// Lifts the limit; a line for stderr saying what happened.
    mutating func lift() -> String? {
        guard let text = OCIHostReader.read(Self.path)?.split(separator: "\n").first.map(String.init) else { return nil }
        guard text != "0" else { return nil }
        let fd = open(Self.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0, write(fd, "0\n", 2) == 2 else {
            if fd >= 0 { close(fd) }
            return "kernel.printk_ratelimit is \(text) and cannot be lifted (not root?): the kernel log keeps 10 records per \(text) s, so calls may be missed; run as root, or sysctl kernel.printk_ratelimit=0 while learning"
        }
        close(fd)
        previous = text
        return "kernel.printk_ratelimit \(text) → 0 while learning, so the kernel log drops no record (put back afterwards)"
    }

    func restore() {
        guard let previous else { return }
        let fd = open(Self.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = write(fd, previous + "\n", previous.utf8.count + 1)
        close(fd)
    }
}
