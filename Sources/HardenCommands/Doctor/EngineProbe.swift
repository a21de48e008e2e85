import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// Reads a `DoctorInput` from this machine: the engine's client asked for JSON (never through a
/// shell), the socket's stat, the host's /etc/passwd and /etc/group. Only the command line calls it.
enum EngineProbe {
    static func live(engine: String, environment: [String: String]) -> DoctorInput {
        let users = UserDatabase(passwd: text("/etc/passwd"), group: text("/etc/group"), source: "/etc")
        let client = try? Launcher.locate(engine, path: environment["PATH"])
        let ask = { (arguments: [String]) -> CommandRunner.Output? in client.flatMap { CommandRunner.run($0, arguments, environment: environment) } }

        var info: EngineInfo?
        var problem: String?
        let endpoint: EngineEndpoint
        if engine == "podman" {
            let output = ask(["info", "--format", "json"])
            let node = output.flatMap { $0.status == 0 ? try? JSONParser.parse($0.stdout) : nil }
            info = node.flatMap { EngineInfo.podman(info: $0) }
            problem = describe(output, client: client, engine: engine)
            endpoint = EngineEndpoint.podman(environment: environment, info: node, uid: Int(getuid()))
        } else {
            // The context is read only when DOCKER_HOST does not decide; it honours DOCKER_CONTEXT.
            var context: JSONNode?
            if (environment["DOCKER_HOST"] ?? "").isEmpty, let output = ask(["context", "inspect", "--format", "{{json .}}"]), output.status == 0 {
                context = try? JSONParser.parse(output.stdout)
            }
            endpoint = EngineEndpoint.docker(environment: environment, context: context)
            let output = ask(["info", "--format", "{{json .}}"])
            let version = ask(["version", "--format", "{{json .}}"]).flatMap { try? JSONParser.parse($0.stdout) }
            // With no daemon the client still prints its own half, with an empty ServerVersion, and exits 1.
            info = output.flatMap { try? JSONParser.parse($0.stdout) }.flatMap { EngineInfo.docker(info: $0, version: version) }
            problem = describe(output, client: client, engine: engine)
        }
        let socket = endpoint.socketPath.flatMap(FileStatus.of)
        var input = DoctorInput(engine: engine, info: info, unreachable: info == nil ? problem : nil, endpoint: endpoint, socket: socket, users: users)
        if let mounts = text("/proc/self/mountinfo"), hybridCgroup(mountinfo: mounts) {
            input.crunOnHybridCgroup = try? Launcher.locate("crun", path: environment["PATH"])
        }
        return input
    }

    /// cgroup v2 mounted at /sys/fs/cgroup/unified: mountinfo's fifth field is the mount point.
    static func hybridCgroup(mountinfo: String) -> Bool {
        mountinfo.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 && fields[4] == "/sys/fs/cgroup/unified" && line.contains(" - cgroup2 ")
        }
    }

    /// The client's own complaint, first line, or why there was no client to ask.
    static func describe(_ output: CommandRunner.Output?, client: String?, engine: String) -> String? {
        guard let client else { return "\(engine) is not on PATH" }
        guard let output else { return "\(client) could not be started" }
        if output.timedOut { return "\(client) gave no answer within 20 seconds" }
        let line = output.stderr.split(separator: "\n").first { !$0.trimmingWhitespace().isEmpty }
        return line.map { String($0) } ?? (output.status == 0 ? nil : "\(client) exited with status \(output.status)")
    }

    static func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
