import HardenFormats
import HardenModel
/// `harden doctor [--engine docker|podman] [--format text|json|sarif]`
enum DoctorCommand {
    static let command = HardenCLI.Command(
        name: "doctor",
        summary: "check the engine and its host: rootless, remapping, seccomp, AppArmor/SELinux, cgroups, the socket, TLS",
        usage: "harden doctor [--engine docker|podman] [--format text|json|sarif]",
        options: [CommandOption("--engine", value: "docker|podman"), .format("text|json|sarif"), .help],
        details: """
        Asks the engine's client for its settings as JSON (docker info and docker version, or podman
        info; never through a shell), looks at the API socket's owner, group and mode and at the
        host's /etc/group, and at how the client reaches the engine (DOCKER_HOST, DOCKER_TLS_VERIFY,
        the docker context; CONTAINER_HOST for podman). Without a running engine it says so and
        still checks the socket file and the environment.

          --engine NAME      docker (default; also HARDEN_ENGINE) or podman
          --format FORMAT    text (default), json, or sarif (SARIF 2.1.0), as harden check writes them

        The checks (`harden explain CHECK` shows one in full):
        \(DoctorCheckTable.all.map { "  \($0.id) (\($0.severity.rawValue))" }.joined(separator: "\n"))

        Exit status: 1 when an error is found, 0 otherwise (warnings and notes allowed), 2 bad usage.
        """,
        run: { arguments, console throws(HardenError) in try DoctorCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        let engine = parsed.value("--engine")
        if let engine { try checkEngine(engine, shown: parsed.shown("--engine")) }
        let format = try CheckCommand.format(parsed)
        let chosen = engine ?? console.environment["HARDEN_ENGINE"].flatMap { $0.isEmpty ? nil : $0 } ?? "docker"
        if engine == nil { try checkEngine(chosen, shown: "HARDEN_ENGINE=\"\(chosen)\"") }
        let result = Doctor.examine(EngineProbe.live(engine: chosen, environment: console.environment))
        switch format {
        case .text: console.out(DoctorReport.text(result))
        case .json: console.out(DoctorReport.json(result))
        case .sarif: console.out(DoctorReport.sarif(result))
        }
        return result.errors > 0 ? 1 : 0
    }

    static func checkEngine(_ value: String, shown: String) throws(HardenError) {
        guard value == "docker" || value == "podman" else {
            let near = OptionSuggestion.nearest(value, in: ["docker", "podman"]).map { "did you mean \($0)? " } ?? ""
            throw .input("\(shown): harden doctor reads docker and podman; \(near)use --engine docker or --engine podman")
        }
    }
}
