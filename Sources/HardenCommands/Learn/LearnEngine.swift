/// What a watched run asks of whatever started the container: docker or podman by name, or runc
/// or crun running a bundle. One watch loop serves both, so both engines are watched, stopped and
/// compared the same way.
protocol LearnEngine {
    /// The container's address, for the exercise; empty when it has none harden can know.
    func address(_ container: String) -> String
    func isRunning(_ container: String) -> Bool
    /// Its exit status once it has ended by itself.
    func exitCode(_ container: String) -> Int?
    /// Stops it cleanly (SIGTERM, then SIGKILL after 10 s): a shutdown is part of the workload.
    func stop(_ container: String)
    /// What it wrote to stdout and stderr, the last part of it.
    func logs(_ container: String) -> (stdout: String, stderr: String)?
}

extension LearnDocker: LearnEngine {
    func stop(_ container: String) {
        _ = run(["stop", "-t", "10", container], timeout: 30)
    }

    func logs(_ container: String) -> (stdout: String, stderr: String)? {
        run(["logs", "--tail", "200", container]).map { ($0.stdout, $0.stderr) }
    }
}
