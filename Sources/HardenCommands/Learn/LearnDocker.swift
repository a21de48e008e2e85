import FoundationEssentials
import HardenModel
import Glibc

/// The docker client calls a learning run makes besides `docker run`: each one a separate program
/// started without a shell, its output read back.
struct LearnDocker {
    var executable: String
    var environment: [String: String]

    /// `docker` or `podman`, as the emitters name engines.
    var engine: String { PathText.lastComponent(executable) }

    func run(_ arguments: [String], timeout: Double = 60) -> CommandRunner.Output? {
        CommandRunner.run(executable, arguments, environment: environment, timeout: timeout)
    }

    /// `docker ARGS`, its stdout trimmed; an error naming the command and docker's message otherwise.
    func checked(_ arguments: [String], timeout: Double = 60) throws(HardenError) -> String {
        guard let output = run(arguments, timeout: timeout) else {
            throw .input("could not run \(executable) \(arguments.prefix(2).joined(separator: " "))")
        }
        guard output.status == 0, !output.timedOut else {
            let said = output.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(output.status)"
            throw .input("\(engine) \(arguments.first ?? "") failed: \(said)")
        }
        return String(output.stdout.split(separator: "\n").joined(separator: "\n"))
    }

    func inspect(_ container: String, _ format: String) -> String? {
        guard let output = run(["inspect", "-f", format, container]), output.status == 0 else { return nil }
        let text = output.stdout.split(separator: "\n").first.map(String.init) ?? ""
        return text
    }

    func isRunning(_ container: String) -> Bool { inspect(container, "{{.State.Running}}") == "true" }

    func exitCode(_ container: String) -> Int? { inspect(container, "{{.State.ExitCode}}").flatMap { Int($0) } }

    /// The container's addresses on its networks, the first one.
    func address(_ container: String) -> String {
        inspect(container, "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}")?.split(separator: " ").first.map(String.init) ?? ""
    }

    /// Bytes under a directory of the container, from the tar stream `docker cp` writes: an upper
    /// bound of what was written there (headers included), good enough to size a carve-out.
    func size(_ container: String, _ directory: String) -> Int64 {
        guard let result = CommandRunner.runBytes(executable, ["cp", "\(container):\(directory)", "-"], environment: environment, timeout: 120),
              result.status == 0 else { return 0 }
        return Int64(result.stdout.count)
    }

    /// Removes the container and its anonymous volumes; quiet when it is already gone.
    func remove(_ container: String) {
        _ = run(["rm", "-f", "-v", container], timeout: 60)
    }

    func volumeExists(_ name: String) -> Bool { run(["volume", "inspect", name])?.status == 0 }
}

/// The seccomp records that belong to one container: a record's pid is the host's, and the
/// container's processes are those in its cgroup (docker exec's too). A process that ended before
/// its first record was read cannot be asked; it is counted as the container's, since the run is
/// watched only while it lasts, and the report says how many records that was.
struct ContainerRecords {
    var containerID: String
    private(set) var records: [SeccompLogRecord] = []
    /// Processes (not records) counted as the container's without their cgroup read.
    private(set) var unattributed = 0
    private(set) var others = 0
    private var known: [Int: Bool] = [:]

    init(containerID: String) { self.containerID = containerID }

    mutating func take(_ batch: [SeccompLogRecord]) {
        for record in batch {
            let ours: Bool
            if let seen = known[record.pid] {
                ours = seen
            } else if let cgroup = OCIHostReader.read("/proc/\(record.pid)/cgroup") {
                ours = cgroup.contains(containerID)
                known[record.pid] = ours
            } else {
                ours = true
                known[record.pid] = true
                unattributed += 1
            }
            if ours { records.append(record) } else { others += 1 }
        }
    }
}
