import FoundationEssentials
import HardenModel
import Glibc

/// runc or crun running a bundle for `harden learn --bundle`: `RUNTIME run` in the foreground, so
/// its exit status is the container's (runc keeps none once a detached container has ended), with
/// the container's output in a file.
final class LearnRuntime: LearnEngine {
    let executable: String
    let environment: [String: String]
    private var process: BackgroundProcess?
    private var pidFile: String?

    init(executable: String, environment: [String: String]) { self.executable = executable; self.environment = environment }

    var name: String { PathText.lastComponent(executable) }

    /// Starts `RUNTIME run --bundle BUNDLE ID`, its output into `outputPath`.
    func start(bundle: String, id: String, outputPath: String) throws(HardenError) {
        var environment = environment
        // Handed over by variables so that no path is ever quoted into a shell line.
        environment["HARDEN_LEARN_RUNTIME"] = executable
        environment["HARDEN_LEARN_BUNDLE"] = bundle
        environment["HARDEN_LEARN_ID"] = id
        let pidFile = bundle + "/init.pid"
        environment["HARDEN_LEARN_PID_FILE"] = pidFile
        self.pidFile = pidFile
        guard let started = BackgroundProcess.shell(#"exec "$HARDEN_LEARN_RUNTIME" run --pid-file "$HARDEN_LEARN_PID_FILE" --bundle "$HARDEN_LEARN_BUNDLE" "$HARDEN_LEARN_ID""#,
                                                    environment: environment, outputPath: outputPath) else {
            throw .input("could not start \(executable) run: \(String(cString: strerror(errno)))")
        }
        process = started
    }

    /// Whether the runtime created the container: it writes the init's pid once it has, before the
    /// workload starts. A run that ended without it is the runtime's failure (a config or host it
    /// cannot run), not the workload's outcome.
    var created: Bool { pidFile.map { access($0, F_OK) == 0 } ?? false }

    func address(_ container: String) -> String { "" }

    func isRunning(_ container: String) -> Bool { process.map { !$0.poll() } ?? false }

    func exitCode(_ container: String) -> Int? {
        guard let process, process.poll() else { return nil }
        return process.status.map(Int.init)
    }

    func stop(_ container: String) {
        guard let process else { return }
        _ = CommandRunner.run(executable, ["kill", container, "TERM"], environment: environment, timeout: 10)
        for _ in 0..<100 where !process.poll() { usleep(100_000) }
        if !process.poll() { _ = CommandRunner.run(executable, ["kill", container, "KILL"], environment: environment, timeout: 10) }
        process.stop()
    }

    func logs(_ container: String) -> (stdout: String, stderr: String)? {
        guard let process else { return nil }
        let text = process.output
        return (text, "")
    }

    /// The container's state and the foreground runtime gone, also after an error or interrupt.
    func remove(_ container: String) {
        if let process, !process.poll() { stop(container) }
        _ = CommandRunner.run(executable, ["delete", "-f", container], environment: environment, timeout: 30)
        process = nil
    }
}
