import Dispatch
import FoundationEssentials
import HardenModel
import Glibc

/// Where the kernel's seccomp records can be read while a learning run goes on: auditd's log when
/// auditd runs (the kernel then sends the records there and not to its own log), else the kernel
/// log through /dev/kmsg. Each source is read from where it stood when learning began, so earlier
/// records never count.
///
/// The kernel log is a ring buffer a busy workload overruns in well under a second (initdb: thousands
/// of records a second), so it is read by a reader of its own, never blocked by the docker calls
/// the watch makes, from the start of the run until `stop()`.
final class SeccompLogSource: @unchecked Sendable {
    enum Kind: Equatable { case kernelLog, auditLog(String) }

    let kind: Kind
    private var descriptor: Int32
    private var pending: [UInt8] = []
    /// Records the kernel overwrote before they were read (/dev/kmsg says so with EPIPE).
    private(set) var overwritten = 0
    /// What the rate limit's later notices say it dropped.
    private(set) var suppressed = 0

    /// Lines the reader took from the kernel log and `drain` has not yet; guarded by `guardQueue`.
    private var taken: [Substring] = []
    private var stopping = false
    private var reader: DispatchGroup?
    private let guardQueue = DispatchQueue(label: "harden.learn.kmsg")

    private init(kind: Kind, descriptor: Int32) { self.kind = kind; self.descriptor = descriptor }

    deinit {
        stop()
        close(descriptor)
    }

    /// Starts reading the kernel log in the background; the audit log, a file, waits for `drain`.
    func start() {
        guard kind == .kernelLog, reader == nil else { return }
        let group = DispatchGroup()
        reader = group
        DispatchQueue.global().async(group: group) { [self] in
            while !guardQueue.sync(execute: { stopping }) {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                if poll(&entry, 1, 50) > 0 {
                    let lines = lines()
                    guardQueue.sync { taken += lines }
                }
            }
        }
    }

    /// Stops the background reader after it has read what the kernel log holds now.
    func stop() {
        guard let reader else { return }
        guardQueue.sync { stopping = true }
        reader.wait()
        self.reader = nil
        let rest = lines()
        guardQueue.sync { taken += rest }
    }

    var shown: String {
        switch kind {
        case .kernelLog: "the kernel log (/dev/kmsg)"
        case .auditLog(let path): "auditd's log (\(path))"
        }
    }

    /// The source to read, or why there is none (one line, for stderr).
    static func open(auditLog: String = "/var/log/audit/audit.log", auditPid: String = "/var/run/auditd.pid",
                     kernelLog: String = "/dev/kmsg") -> Result<SeccompLogSource, LearnProblem> {
        if auditdRuns(pidFile: auditPid) {
            let fd = Glibc.open(auditLog, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                return .failure(LearnProblem("auditd runs, so the kernel sends seccomp records to \(auditLog), which cannot be read (\(String(cString: strerror(errno))))"))
            }
            lseek(fd, 0, SEEK_END)
            return .success(SeccompLogSource(kind: .auditLog(auditLog), descriptor: fd))
        }
        let fd = Glibc.open(kernelLog, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = errno == EPERM || errno == EACCES
                ? "not permitted (run as root, or as a user allowed to read it: kernel.dmesg_restrict=0)"
                : String(cString: strerror(errno))
            return .failure(LearnProblem("the kernel log (\(kernelLog)) cannot be read: \(why)"))
        }
        lseek(fd, 0, SEEK_END)
        return .success(SeccompLogSource(kind: .kernelLog, descriptor: fd))
    }

    /// Opens a file to read from its current end, for tests and other log files of the same format.
    static func following(file path: String) -> SeccompLogSource? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        lseek(fd, 0, SEEK_END)
        return SeccompLogSource(kind: .auditLog(path), descriptor: fd)
    }

    static func auditdRuns(pidFile: String) -> Bool {
        guard let text = OCIHostReader.read(pidFile),
              let pid = Int32(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first ?? "") else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// The seccomp records written since the last call.
    func drain() -> [SeccompLogRecord] {
        var records: [SeccompLogRecord] = []
        var batch: [Substring]
        if reader != nil {
            batch = guardQueue.sync { let lines = taken; taken = []; return lines }
        } else {
            batch = guardQueue.sync { let lines = taken; taken = []; return lines }
            batch += lines()
        }
        for line in batch {
            if let record = SeccompLogRecord.parse(line) { records.append(record) } else if let dropped = SeccompLogRecord.suppressed(line) { suppressed += dropped }
        }
        return records
    }

    private func lines() -> [Substring] {
        var buffer = [UInt8](repeating: 0, count: 8192)
        var text: [Substring] = []
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                // /dev/kmsg: records were overwritten before this reader got to them; it goes on
                // from the oldest one left.
                if errno == EPIPE { guardQueue.sync { overwritten += 1 }; continue }
                break
            }
            if count == 0 { break }
            switch kind {
            case .kernelLog:
                // One record per read: its text, then continuation lines (" KEY=value") harden does not need.
                let record = String(decoding: buffer[..<count], as: UTF8.self)
                if let first = record.split(separator: "\n").first { text.append(first) }
            case .auditLog:
                pending += buffer[..<count]
            }
        }
        if case .auditLog = kind, let last = pending.lastIndex(of: 0x0A) {
            let complete = String(decoding: pending[...last], as: UTF8.self)
            pending.removeSubrange(...last)
            text += complete.split(separator: "\n")
        }
        return text
    }
}

/// Why a signal is missing, said in one line.
struct LearnProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
