import HardenFormats
import HardenModel
/// `harden doctor [--engine docker|podman] [--format text|json|sarif]`
enum DoctorCommand {
    static let command = HardenCLI.Command(
        name: "doctor",
        summary: "check the engine and its host: rootless, remapping, seccomp, AppArmor/SELinux, cgroups, the socket, TLS",
        usage: "harden doctor [--engine docker|podman] [--format text|json|sarif]",
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
        var engine: String?
        var format = CheckCommand.Format.text
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let number = index + 2
            if argument == "--help" || argument == "-h" { console.out(HelpCommand.text(for: command)); return 0 }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard name == "--engine" || name == "--format" else {
                throw .input("unexpected argument \(argument) (argument \(number)); usage: \(command.usage)")
            }
            let value: String
            if argument.contains("=") {
                value = String(argument.dropFirst(name.count + 1))
                index += 1
            } else {
                guard index + 1 < arguments.count else { throw .input("\(name) needs a value (argument \(number)); usage: \(command.usage)") }
                value = arguments[index + 1]
                index += 2
            }
            if name == "--engine" {
                engine = value
                try checkEngine(value, shown: "--engine \"\(value)\" (argument \(number))")
            } else {
                guard let chosen = CheckCommand.Format(rawValue: value) else {
                    throw .input("--format \"\(value)\" (argument \(number)) is not a format; use text, json or sarif")
                }
                format = chosen
            }
        }
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
            throw .input("\(shown): harden doctor reads docker and podman; use --engine docker or --engine podman")
        }
    }
}
