import HardenFormats
import HardenModel
/// `harden compose [harden options] PROFILE --service NAME [docker run options] [--] IMAGE [COMMAND...]`
enum ComposeCommand {
    static let command = HardenCLI.Command(
        name: "compose",
        summary: "print a compose file with one service hardened by a profile",
        usage: "harden compose [--profiles DIR]... [--policy FILE] [--secret NAME=FILE]... PROFILE --service NAME [--seccomp-dir DIR] [--format yaml|json] [-o FILE] [docker run options] [--] IMAGE [COMMAND...]",
        options: [
            .profiles, .policy, .secret,
            CommandOption("--service", value: "NAME", once: "harden compose writes one service per run: run it once per service and merge the files with docker-compose -f a.yml -f b.yml (or include:)"),
            CommandOption("--seccomp-dir", value: "DIR"), .format("yaml|json"), .output, .help,
        ],
        details: """
        Compiles PROFILE plus your docker run options into the same launch `harden run` would make,
        validates it the same way, and prints it as a compose file holding one service, NAME:
        read_only, user, cap_drop/cap_add, security_opt, tmpfs, volumes, ports (on 127.0.0.1 unless
        the profile says otherwise), mem_limit, memswap_limit, cpus, pids_limit, ulimits, restart,
        healthcheck and environment. Named volumes are declared at the top level under their own
        name, so the service shares them with `harden run -v NAME:...`. Every `$` is written `$$`,
        so compose passes it through rather than reading a variable.

          --service NAME     the service's key (required, once)
          --seccomp-dir DIR  where the service expects the generated seccomp profile and where
                             harden writes it (default ./seccomp); docker-compose reads a relative
                             path from the directory it runs in, so give an absolute DIR to run
                             the fragment from anywhere
          --format json      the same file in JSON, as `harden check` reads it
          -o, --output FILE  write it to FILE instead of stdout, replacing FILE atomically
          --secret NAME=FILE a file secret (top-level secrets: with file:, and the service's
                             secrets:), at /run/secrets/NAME; compose has no owner or mode for it,
                             so FILE must be readable by the service's user as it is

        Settings compose cannot express are named on stderr with what to do instead; the
        fragment is never weaker in silence.

        Several services make one project by merging files: docker-compose -f web.yml
        -f worker.yml up (compose merges the services and the top-level volumes), or, with compose
        v2.20 and later, a file whose include: lists the fragments.
        An existing project, every service at once: harden compose --from compose.yaml
        --profile SERVICE=PROFILE... -o hardened.yaml (harden compose --from FILE --help).
        Exit status: 0 printed, 1 refused by validation, 2 bad input.
        """,
        run: { arguments, console throws(HardenError) in try ComposeCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        if ComposeFromCommand.isFrom(arguments) { return try ComposeFromCommand.run(arguments, console: console) }
        let parsed = try ArgumentCursor(command, grammar: .profileThenDocker).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        guard let profile = parsed.profile else { throw .input("missing the profile name; usage: \(command.usage)") }
        guard let service = parsed.value("--service") else {
            throw .input("harden compose needs --service NAME, the key of the service in the compose file; usage: \(command.usage)")
        }
        guard service.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw .input("\(parsed.shown("--service")) is not a compose service name; use letters, digits, '.', '_' and '-'")
        }
        let format = try outputFormat(parsed)
        let output = try OutputFile.destination(parsed, command: "compose")
        let session = Session(options: options, console: console)
        let (_, plan) = try session.plan(
            profile: profile, docker: parsed.docker, argumentNumber: Session.numbering(origins: parsed.dockerOrigins, total: arguments.count),
            refusal: "refusing to write the compose file")
        let directory = parsed.value("--seccomp-dir") ?? GeneratedSeccomp.defaultDirectory
        let seccomp = GeneratedSeccomp.forPlan(plan, profile: profile, directory: directory)
        if let note = seccomp.note { console.warn(note) }
        let result = ComposeConversion.convert(plan, service: service, seccomp: seccomp.profile)
        for note in result.notes { console.warn(note) }
        try seccomp.profile?.write(currentDirectory: console.currentDirectory)
        try OutputFile.write(format == "json" ? JSONWriter.pretty(result.file.json) : result.file.yaml, to: output, console: console)
        return 0
    }

    static func outputFormat(_ parsed: ParsedArguments) throws(HardenError) -> String {
        let format = parsed.value("--format") ?? "yaml"
        guard ["yaml", "json"].contains(format) else {
            throw .input("\(parsed.shown("--format")) is not an output format; use yaml or json")
        }
        return format
    }
}
