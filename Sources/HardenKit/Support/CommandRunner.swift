import Foundation

/// Runs a program directly (no shell) and collects what it printed, giving up after a timeout:
/// `harden doctor` asks the engine's client about the engine, and a client waiting on a dead TCP
/// endpoint must not hang it.
enum CommandRunner {
    struct Output: Sendable, Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut = false
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Double = 20) -> Output? {
        // Files rather than pipes: a chatty program never blocks on a full pipe while we wait for it.
        let base = NSTemporaryDirectory() + "harden-run-" + UUID().uuidString
        let outPath = base + ".out", errPath = base + ".err"
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        guard FileManager.default.createFile(atPath: outPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              FileManager.default.createFile(atPath: errPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else { return nil }
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            process.terminate()
        }
        process.waitUntilExit()
        let read = { (path: String) in FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return Output(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath), timedOut: timedOut)
    }
}
