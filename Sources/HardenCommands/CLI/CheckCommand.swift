import HardenFormats
import HardenModel
/// `harden check`: audits launches someone else wrote, with the rules `harden run` applies.
enum CheckCommand {
    static let command = HardenCLI.Command(
        name: "check",
        summary: "audit docker run lines, OCI configs and compose files against the rules",
        usage: "harden check [--format text|json|sarif|junit] [--fail-on error|warning|never] [-q [--show warning|error]] [-o FILE] [--no-color] [--policy FILE] [--profiles DIR] [--env-file FILE] [--include GLOB]... [--exclude GLOB]... (-- [docker run] ARGS... | FILE... | DIR... | --file LIST)",
        options: [.format("text|json|sarif|junit"), CommandOption("--file", value: "LIST", repeatable: true), .policy, .profiles,
                  CommandOption("--env-file", value: "FILE"), .failOn, .quiet, .show, .output, .noColor,
                  CommandOption("--include", value: "GLOB", repeatable: true), CommandOption("--exclude", value: "GLOB", repeatable: true), .help],
        details: """
        Reads each launch into a plan and applies the rules `harden run` applies, with the team policy
        (--policy FILE, or policy.json beside the profiles on the search path).

          -- docker run ARGS...  one docker run line (the leading `docker run` may be left out)
          -                      standard input: any of the below, told apart by content (a docker
                                 run line or list when its first command names docker, podman, …)
          DIR                    the files below it that compose, Kubernetes and OCI read (compose.y*ml,
                                 docker-compose*.y*ml, config.json, manifests with apiVersion and
                                 kind), skipping .git, node_modules and .build
          --include GLOB         in a DIR, only the files whose path below DIR matches (repeatable;
                                 * ? [a-z] within a name, ** any number of directories, a glob
                                 without / matches the file name at any depth)
          --exclude GLOB         in a DIR, not the files, nor the directories, that match (repeatable)
          FILE...                OCI config.json files and compose files, as written (YAML, with
                                 compose's ${VARIABLES} from the environment and .env, and
                                 compose.override.yaml beside compose.yaml merged) or in JSON
                                 (`docker compose config --format json`), told apart by content
          --env-file FILE        the variables compose reads instead of the .env beside the file
          --file LIST            many docker run lines, one per line: shell quoting, # comments,
                                 backslash continuations; findings name the line (repeatable)
          --format FORMAT        text (default), json, sarif (SARIF 2.1.0 for code scanning), or junit
                                 (JUnit XML for GitLab, Jenkins and Azure: a test suite per input, a test
                                 case per launch, a failure per finding at or above --fail-on)
          --fail-on LEVEL        error (default): exit 1 when a launch is rejected; warning: also when
                                 a launch has a warning; never: exit 0 whatever the launches
          -q, --quiet            write only the launches with a finding at or above --show (warning by
                                 default, or error), then the summary, which still counts them all
          -o, --output FILE      write the report to FILE (any format), replacing it atomically
          --no-color             no colour in the text report; it is in colour only when standard
                                 output is a terminal, and never when NO_COLOR is set or TERM=dumb

        An input that cannot be read (a file, a --file line) is an unreadable-input finding of its own, its
        error also on standard error; the other inputs are still judged.

        Exit status: 2 bad input or an input that could not be read (whatever --fail-on says), else 1
        when a launch fails --fail-on, else 0.
        """,
        run: { arguments, console throws(HardenError) in try CheckCommand.run(arguments, console: console) })

    enum Format: String { case text, json, sarif }

    struct Request {
        var options = HardenOptions()
        var format = Format.text
        /// `--format junit`: written whole, not streamed, so kept apart from the streamed formats.
        var junit = false
        var files: [String] = []
        var lists: [String] = []
        var envFile: String?
        var line: [String]?
        var failOn = FailOn.error
        /// nil without -q: every launch is written.
        var show: Severity?
        var output: String?
        var noColor = false
        var directoryFilter = CheckDirectory.Filter()
        /// Set by `run` from --no-color and where standard output goes.
        var colour = false
    }

    static func parse(_ arguments: [String]) throws(HardenError) -> Request {
        var cursor = ArgumentCursor(command)
        // `harden check docker run …` needs no `--` before the line, as long as no file came first.
        // `.` and `..` are the directories (`harden check .`), never the shell's `.` builtin sourcing a file.
        cursor.lineStarts = { operandsBefore, words in
            operandsBefore == 0 && words.first != "." && words.first != ".." && DockerLineReader.beginsWithEngine(Array(words))
        }
        cursor.elsewhere = "put a docker run line after --"
        let parsed = try cursor.read(arguments)
        var request = Request()
        request.options = try HardenOptions(parsed)
        if parsed.value("--format") == "junit" { request.junit = true } else { request.format = try format(parsed, choices: "text, json, sarif or junit") }
        request.lists = parsed.values("--file")
        request.envFile = parsed.values("--env-file").last
        request.files = parsed.operands
        request.line = parsed.rest
        request.directoryFilter = try directoryFilter(parsed)
        try request.readGate(parsed)
        return request
    }

    /// `--format text|json|sarif`, for the commands that write reports (check, validate, doctor).
    static func format(_ parsed: ParsedArguments, choices: String = "text, json or sarif") throws(HardenError) -> Format {
        guard let value = parsed.value("--format") else { return .text }
        guard let format = Format(rawValue: value) else {
            throw .input("\(parsed.shown("--format")) is not a format; use \(choices)")
        }
        return format
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        var request = try parse(arguments)
        try request.directoryFilter.refuseWithoutDirectory(request.files, currentDirectory: console.currentDirectory)
        request.files = CheckDirectory.expand(request.files, currentDirectory: console.currentDirectory, filter: request.directoryFilter)
        try refuseQuotedLines(request.files, console: console)
        if request.options.help { console.out(HelpCommand.text(for: command)); return 0 }
        request.colour = request.wantsColour(console)
        if let status = try streamed(request, console: console) { return status }
        // Each input on its own: one that cannot be read is a finding of its own, and the rest are still judged.
        var launches: [AuditedLaunch?] = []
        var unreadable: [Int: (result: AuditResult, message: String)] = [:]
        func refuse(_ name: String, file: String, line: Int? = nil, message: String) {
            unreadable[launches.count] = (UnreadableInput.result(name: name, file: file, message: message, line: line), message)
            launches.append(nil)
        }
        // Which input each launch came from: JUnit's test suites.
        var inputs: [String] = []
        func from(_ input: String) { inputs += Array(repeating: input, count: launches.count - inputs.count) }
        if let line = request.line {
            guard !line.isEmpty else { throw .input("nothing after --; give a docker run line, e.g. harden check -- docker run --rm alpine:3.20") }
            launches.append(try DockerLineReader.read(words: line, name: "docker run line"))
            from("docker run line")
        }
        for list in request.lists {
            do {
                let text = try AuditInput.text(of: list, currentDirectory: console.currentDirectory, document: false)
                for entry in DockerLineReader.entries(list: text, file: list, workingDirectory: console.currentDirectory) {
                    switch entry {
                    case .launch(let launch): launches.append(launch)
                    case .unreadable(let line, let message): refuse("\(list):\(line)", file: list, line: line, message: message)
                    }
                }
            } catch {
                refuse(list, file: list, message: error.message)
            }
            from(list)
        }
        for file in request.files where !ComposeYAML.isMergedElsewhere(file, among: request.files, currentDirectory: console.currentDirectory) {
            do {
                if file == "-" {
                    for entry in try CheckStandardInput.read(console: console, compose: request.compose(console)) {
                        switch entry {
                        case .launch(let launch): launches.append(launch)
                        case .unreadable(let line, let message): refuse("\(CheckStandardInput.name):\(line)", file: CheckStandardInput.name, line: line, message: message)
                        }
                    }
                    from(CheckStandardInput.name)
                    continue
                }
                launches += try AuditInput.read(file: file, text: try AuditInput.text(of: file, currentDirectory: console.currentDirectory), compose: request.compose(console))
            } catch {
                refuse(file == "-" ? CheckStandardInput.name : file, file: file == "-" ? CheckStandardInput.name : file, message: error.message)
            }
            from(file == "-" ? CheckStandardInput.name : file)
        }
        guard request.line != nil || !request.lists.isEmpty || !request.files.isEmpty else {
            throw .input("nothing to check; usage: \(command.usage)")
        }
        let validator = try Session(options: request.options, console: console).validator()
        let results = launches.enumerated().map { index, launch in
            launch.map { AuditResult(launch: $0, findings: validator.findings(for: $0.plan, sources: $0.sources)) } ?? unreadable[index]!.result
        }
        if request.junit {
            try request.write(JUnitReport.render(JUnitReport.suites(results, inputs: inputs), failOn: request.failOn.severity), console: console)
            for index in unreadable.keys.sorted() { console.err("harden: \(unreadable[index]!.message)\n") }
            return request.status(AuditTally(results))
        }
        var report = request.report()
        for (index, result) in results.enumerated() {
            if let unreadable = unreadable[index] { report.add(unreadable: unreadable.result, message: unreadable.message) } else { report.add(result) }
        }
        guard try request.deliver(report, console: console) else {
            // The spooled report could not be read back: the whole report, rendered in memory, every launch in it.
            let text = switch request.format {
            case .text: TextReport.render(results)
            case .json: JSONReport.render(results)
            case .sarif: SARIFReport.render(results)
            }
            try request.write(text, console: console)
            return request.status(report.tally)
        }
        return request.status(report.tally)
    }

    /// The audit one launch at a time, holding neither the list nor its results (`--file` lists run to
    /// hundreds of thousands of lines). nil, having printed nothing, when a list cannot be read this
    /// way (not a regular file, not UTF-8): `run` then reads everything as it always has.
    static func streamed(_ request: Request, console: Console) throws(HardenError) -> Int32? {
        // Standard input can be read only once: the whole reading takes it. JUnit's suites count
        // their test cases in their opening tags, so that report is written once all are known.
        guard !request.files.contains("-"), !request.junit else { return nil }
        guard request.line.map({ !$0.isEmpty }) ?? true, request.line != nil || !request.lists.isEmpty || !request.files.isEmpty,
              let validator = try? Session(options: request.options, console: console).validator() else { return nil }
        var report = request.report()
        func add(_ launch: AuditedLaunch) {
            report.add(AuditResult(launch: launch, findings: validator.findings(for: launch.plan, sources: launch.sources)))
        }
        if let line = request.line {
            guard let launch = try? DockerLineReader.read(words: line, name: "docker run line") else { return nil }
            add(launch)
        }
        for list in request.lists {
            let path = list.hasPrefix("/") ? list : console.currentDirectory + "/" + list
            guard DockerListAudit.audit(path: path, shown: list, validator: validator, into: &report) else { return nil }
        }
        for file in request.files where !ComposeYAML.isMergedElsewhere(file, among: request.files, currentDirectory: console.currentDirectory) {
            do {
                let text = try AuditInput.text(of: file, currentDirectory: console.currentDirectory)
                try AuditInput.read(file: file, text: text, compose: request.compose(console)).forEach(add)
            } catch {
                report.add(unreadable: UnreadableInput.result(name: file, file: file, message: error.message), message: error.message)
            }
        }
        guard try request.deliver(report, console: console) else { return nil }
        return request.status(report.tally)
    }
}

extension CheckCommand.Request {
    /// How a compose file written in YAML is filled in: harden's own environment and directory.
    func compose(_ console: Console) -> ComposeYAML.Context {
        ComposeYAML.Context(environment: console.environment, currentDirectory: console.currentDirectory, envFile: envFile)
    }
}
