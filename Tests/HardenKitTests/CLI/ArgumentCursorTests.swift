import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// One reading of every command's arguments: each message below is the contract users see, so
/// each is compared whole.
@Suite("Argument cursor: one reading of every command's options")
struct ArgumentCursorTests {
    static func usage(_ name: String) -> String { HardenCLI.command(named: name)!.usage }

    /// What each command lists when given an option it does not know: its own options, no other's.
    static let listings: [(String, String)] = [
        ("run", "--profiles DIR, --policy FILE, --engine docker|podman|nerdctl, --dry-run, --secret NAME=FILE, --help, --docker-api SECTIONS[:write], --broker-image IMAGE, --broker-config FILE, --socket PATH, --socket-group GID; docker run options go after the profile name"),
        ("oci", "--profiles DIR, --policy FILE, --secret NAME=FILE, --rootfs DIR, --cwd DIR, --rootless, -o/--output FILE, --bundle DIR, --help; docker run options go after the profile name"),
        ("compose", "--profiles DIR, --policy FILE, --secret NAME=FILE, --service NAME, --seccomp-dir DIR, --format yaml|json, -o/--output FILE, --help; docker run options go after the profile name"),
        ("k8s", "--profiles DIR, --policy FILE, --secret NAME=FILE, --kind pod|deployment, --namespace NS, --seccomp runtime-default|localhost, --seccomp-dir DIR, --format yaml|json, -o/--output FILE, --help; docker run options go after the profile name"),
        ("broker", "--policy FILE, --engine docker|podman|nerdctl, --dry-run, --network NET, --image IMAGE, -o/--output FILE, --name NAME, --socket PATH, --socket-group GID, --help"),
        ("check", "--format text|json|sarif|junit, --file LIST, --policy FILE, --profiles DIR, --env-file FILE, --fail-on error|warning|never, -q/--quiet, --show warning|error, -o/--output FILE, --no-color, --include GLOB, --exclude GLOB, --help; put a docker run line after --"),

        ("rules", "--format text|json, --help"),
        ("explain", "--help"),
        ("seccomp", "--profiles DIR, --format docker|oci, --arch x86_64|aarch64, --stats, --groups, --help"),
        ("doctor", "--engine docker|podman, --format text|json|sarif, --help"),
        ("show", "--profiles DIR, --policy FILE, --format text|json, --help"),
        ("profiles", "--profiles DIR, --help"),
        ("init", "--help"),
        ("validate", "--format text|json|sarif, --policy FILE, --profiles DIR, --help"),
        ("diff", "--fail-on-loosen, --profiles DIR, --help"),
        ("learn", "--profiles DIR, --policy FILE, --engine docker|podman, --name NAME, -o/--output FILE, --seconds N, --runs N, --exercise CMD, --no-verify, --bundle DIR, --runtime runc|crun, --help; docker run options go after the profile name"),
        ("docs", "--policy FILE, --profiles DIR, --help"),
        ("help", "--help"),
        ("version", "--help"),
    ]

    @Test("every command is listed here, so none escapes the unknown-option test")
    func everyCommandListed() {
        #expect(Self.listings.map(\.0) == HardenCLI.commands.map(\.name))
    }

    @Test("an unknown option names the command and lists that command's options, exit 2", arguments: listings)
    func unknownOption(command: String, listing: String) {
        let result = CapturedConsole.run([command, "--frobnicate", "web"])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.err == "harden: unknown \(command) option --frobnicate (argument 2); the options are \(listing)\n")
    }

    @Test("did you mean: a near miss of the command's own options, before or among docker's", arguments: [
        (["show", "--fromat", "json", "web"],
         "unknown show option --fromat (argument 2); did you mean --format? the options are --profiles DIR, --policy FILE, --format text|json, --help"),
        (["run", "--dryrun", "web", "img"],
         "unknown run option --dryrun (argument 2); did you mean --dry-run? the options are --profiles DIR, --policy FILE, --engine docker|podman|nerdctl, --dry-run, --secret NAME=FILE, --help, --docker-api SECTIONS[:write], --broker-image IMAGE, --broker-config FILE, --socket PATH, --socket-group GID; docker run options go after the profile name"),
        (["run", "web", "--dryrun", "img"],
         "unknown run option --dryrun (argument 3); did you mean --dry-run? the options are --profiles DIR, --policy FILE, --engine docker|podman|nerdctl, --dry-run, --secret NAME=FILE, --help, --docker-api SECTIONS[:write], --broker-image IMAGE, --broker-config FILE, --socket PATH, --socket-group GID"),
        (["compose", "web", "--service", "a", "--fromat=json", "img"],
         "unknown compose option --fromat (argument 5); did you mean --format? the options are --profiles DIR, --policy FILE, --secret NAME=FILE, --service NAME, --seccomp-dir DIR, --format yaml|json, -o/--output FILE, --help"),
        (["k8s", "web", "--name", "w", "--knid", "pod", "img"],
         "unknown k8s option --knid (argument 5); did you mean --kind? the options are --profiles DIR, --policy FILE, --secret NAME=FILE, --kind pod|deployment, --namespace NS, --seccomp runtime-default|localhost, --seccomp-dir DIR, --format yaml|json, -o/--output FILE, --help"),
        (["validate", "--Profiles", "x"],
         "unknown validate option --Profiles (argument 2); did you mean --profiles? the options are --format text|json|sarif, --policy FILE, --profiles DIR, --help"),
        (["diff", "--fail-on-loose", "web", "worker"],
         "unknown diff option --fail-on-loose (argument 2); did you mean --fail-on-loosen? the options are --fail-on-loosen, --profiles DIR, --help"),
        (["run", "--engine", "dokcer", "web", "img"],
         #"--engine "dokcer" (argument 2) is not an engine harden drives; did you mean docker? use docker, podman or nerdctl"#),
        (["run", "web", "--engine=podmna", "--dry-run", "img"],
         #"--engine "podmna" (argument 3) is not an engine harden drives; did you mean podman? use docker, podman or nerdctl"#),
        (["doctor", "--engine", "podmn"],
         #"--engine "podmn" (argument 2): harden doctor reads docker and podman; did you mean podman? use --engine docker or --engine podman"#),
        (["run", "--engine", "lxc", "web", "img"],
         #"--engine "lxc" (argument 2) is not an engine harden drives; use docker, podman or nerdctl"#),
    ] as [([String], String)])
    func didYouMean(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("a near miss of a docker option is left to the docker reader, which suggests docker's")
    func dockerNearMiss() {
        let result = CapturedConsole.run(["run", "web", "--dry-run", "--privilegd", "img"])
        #expect(result.status == 2)
        #expect(result.err == "harden: unknown docker run option '--privilegd' (argument 4); did you mean '--privileged'? see `docker run --help`\n")
    }

    @Test("an engine named in HARDEN_ENGINE gets the same suggestion")
    func environmentEngine() {
        let result = CapturedConsole.run(["run", "--dry-run", "web", "img:1"], environment: ["HOME": "/nonexistent", "HARDEN_ENGINE": "nerdclt"])
        #expect(result.status == 2)
        #expect(result.err == "harden: HARDEN_ENGINE=\"nerdclt\" is not an engine harden drives; did you mean nerdctl? use docker, podman or nerdctl\n")
    }

    @Test("an option of another command is refused, naming where it belongs", arguments: [
        (["show", "--dry-run", "web"], "--dry-run (argument 2) has no meaning for harden show; it belongs to harden run and broker; leave it out"),
        (["compose", "web", "--engine", "podman", "--service", "a", "img"],
         "--engine (argument 3) has no meaning for harden compose; it belongs to harden run, broker, doctor and learn; leave it out"),
        (["k8s", "--dry-run", "web", "--name", "web", "img"], "--dry-run (argument 2) has no meaning for harden k8s; it belongs to harden run and broker; leave it out"),
        (["oci", "web", "--engine", "podman", "--", "sh"], "--engine (argument 3) has no meaning for harden oci; it belongs to harden run, broker, doctor and learn; leave it out"),
        (["seccomp", "web", "--secret", "a=x"], "--secret (argument 3) has no meaning for harden seccomp; it belongs to harden run, oci, compose and k8s; leave it out"),
        (["profiles", "--policy", "p.json"],
         "--policy (argument 2) has no meaning for harden profiles; it belongs to harden run, oci, compose, k8s, broker, check, show, validate, learn and docs; leave it out"),
        (["check", "--dry-run", "x"], "--dry-run (argument 2) has no meaning for harden check; it belongs to harden run and broker; leave it out"),
        (["validate", "--engine", "podman", "/tmp"], "--engine (argument 2) has no meaning for harden validate; it belongs to harden run, broker, doctor and learn; leave it out"),
        (["diff", "--secret", "a=x", "web", "worker"], "--secret (argument 2) has no meaning for harden diff; it belongs to harden run, oci, compose and k8s; leave it out"),
        (["doctor", "--profiles", "p"],
         "--profiles (argument 2) has no meaning for harden doctor; it belongs to harden run, oci, compose, k8s, check, seccomp, show, profiles, validate, diff, learn and docs; leave it out"),
        (["run", "web", "--kind", "pod", "img"], "--kind (argument 3) has no meaning for harden run; it belongs to harden k8s; leave it out"),
        (["run", "-o", "x", "web", "img"], "-o (argument 2) has no meaning for harden run; it belongs to harden oci, compose, k8s, broker, check and learn; leave it out"),
        (["compose", "--kind", "pod", "web", "img"], "--kind (argument 2) has no meaning for harden compose; it belongs to harden k8s; leave it out"),
        (["explain", "--format", "json"],
         "--format (argument 2) has no meaning for harden explain; it belongs to harden compose, k8s, check, rules, seccomp, doctor, show and validate; leave it out"),
    ] as [([String], String)])
    func misplaced(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("a missing value, an empty value, a value given to a switch, a repeated option: one line naming the argument", arguments: [
        (["show", "web", "--format"], "--format needs a value (argument 3); usage: " + usage("show")),
        (["check", "--file"], "--file needs a value (argument 2); usage: " + usage("check")),
        (["show", "--format=", "web"], "--format needs a non-empty value (argument 2)"),
        (["run", "--profiles", "", "web", "img"], "--profiles needs a non-empty value (argument 2)"),
        (["run", "--dry-run=yes", "web", "img"], "--dry-run takes no value (argument 2); write --dry-run alone"),
        (["show", "--policy", "a.json", "--policy", "b.json", "web"], "--policy (argument 4) is given twice (first at argument 2); give it once"),
        (["k8s", "web", "--name", "w", "--kind", "pod", "--kind=deployment", "img"], "--kind (argument 7) is given twice (first at argument 5); give it once"),
        (["oci", "web", "-o", "a.json", "--output", "b.json", "--", "sh"], "--output (argument 5) is given twice (first at argument 3); give it once"),
        (["compose", "web", "--service", "a", "--service", "b", "img"],
         "--service (argument 5) is given twice (first at argument 3); give it once; harden compose writes one service per run: run it once per service and merge the files with docker-compose -f a.yml -f b.yml (or include:)"),
        (["oci", "--rootless", "web", "--", "sh"], "--rootless (argument 2) goes after the profile name; usage: " + usage("oci")),
    ] as [([String], String)])
    func valueErrors(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("a command missing its operand prints its own usage, exit 2", arguments: [
        (["show"], "missing the profile name; usage: harden show [--profiles DIR]... [--policy FILE] [--format text|json] PROFILE"),
        (["show", "--format", "json"], "missing the profile name; usage: harden show [--profiles DIR]... [--policy FILE] [--format text|json] PROFILE"),
        (["seccomp", "--stats"], "missing the profile name; usage: " + usage("seccomp")),
        (["k8s", "--kind", "pod"], "missing the profile name; usage: " + usage("k8s")),
        (["compose"], "missing the profile name; usage: " + usage("compose")),
        (["explain"], "expected one rule id; usage: harden explain RULE|SYSCALL|@GROUP"),
        (["show", "web", "extra"], "unexpected argument extra (argument 3) after the profile name; usage: " + usage("show")),
        (["profiles", "web"], "unexpected argument web (argument 2); usage: harden profiles [--profiles DIR]..."),
        (["version", "now"], "unexpected argument now (argument 2); usage: harden version"),
        (["rules", "--", "x"], "unexpected argument x (argument 3); usage: harden rules [--format text|json]"),
    ] as [([String], String)])
    func usageOfItsOwn(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("--help and -h print the command's own help", arguments: HardenCLI.commands.map(\.name))
    func help(name: String) {
        for spelling in ["--help", "-h"] {
            let result = CapturedConsole.run([name, spelling])
            #expect(result.status == 0, "\(name) \(spelling): \(result.err)")
            #expect(result.out.hasPrefix("usage: harden \(name)"), "\(name) \(spelling)")
        }
    }

    @Test("harden's options stand among docker's after the profile; docker's values stay docker's")
    func dockerGrammar() {
        let mixed = CapturedConsole.run(["run", "web", "--dry-run", "--engine=podman", "--", "nginx"])
        #expect(mixed.status == 0, "\(mixed.err)")
        #expect(mixed.out.hasPrefix("podman run "))
        #expect(mixed.out.hasSuffix(" -- nginx\n") || mixed.out.hasSuffix(" nginx\n"))
        // -e takes the next word as its value, so this --dry-run is an environment variable, not ours,
        // and without our --dry-run the run would exec the engine: the bad image below stops it first.
        let value = CapturedConsole.run(["run", "--dry-run", "web", "-e", "--engine=x", "img"])
        #expect(value.status == 0, "\(value.err)")
        #expect(value.out.contains("--env=--engine=x") || value.out.contains("-e --engine=x") || value.out.contains("'--engine=x'"), "\(value.out)")
        // After the profile -h is docker's --hostname, not our --help.
        let hostname = CapturedConsole.run(["run", "--dry-run", "web", "-h", "box", "img"])
        #expect(hostname.status == 0, "\(hostname.err)")
        #expect(!hostname.out.hasPrefix("usage:") && hostname.out.contains("box"), "\(hostname.out)")
    }

    @Test("a command's usage shows every option it declares, and declares every option its usage shows")
    func usageMatchesDeclarations() {
        for command in HardenCLI.commands {
            let words = Set(command.usage.split(whereSeparator: { " []|().".contains($0) }).map(String.init))
            for option in command.options where option.name != "--help" {
                let short = option.short.map { "-\($0)" }
                #expect(words.contains(option.name) || short.map(words.contains) == true,
                        "\(command.name) declares \(option.name) but its usage does not show it")
            }
            for name in words where name.hasPrefix("--") && name.count > 2 {
                let declared = command.options.contains { $0.name == name }
                let docker = DockerOptionTable.spec(long: String(name.dropFirst(2))) != nil
                #expect(declared || docker, "\(command.name)'s usage shows \(name), which it does not declare")
            }
        }
    }

    @Test("no option of a command that reads docker run options after the profile shares a name with one of docker's")
    func noShadowing() {
        for command in HardenCLI.commands where ["run", "oci", "compose", "k8s"].contains(command.name) {
            // --help is docker's too, and harden's help answers it, as it always has.
            for option in command.options where option.name != "--help" {
                #expect(DockerOptionTable.spec(long: String(option.name.dropFirst(2))) == nil, "\(command.name) \(option.name) would hide docker's")
                if let short = option.short, option.placement == .afterProfile {
                    #expect(DockerOptionTable.spec(short: short) == nil, "\(command.name) -\(short) would hide docker's")
                }
            }
        }
    }

    @Test("the cursor's own reading: =values, -- and operands, numbered as typed")
    func reading() throws {
        let parsed = try ArgumentCursor(DiffCommand.command).read(["--profiles=a=b", "x", "--fail-on-loosen", "--", "--profiles", "y"])
        #expect(parsed.given == [.init(name: "--profiles", value: "a=b", argument: 2), .init(name: "--fail-on-loosen", value: "", argument: 4)])
        #expect(parsed.operands == ["x"] && parsed.operandArguments == [3])
        #expect(parsed.rest == ["--profiles", "y"] && parsed.restStart == 6)
        #expect(parsed.allOperands.map(\.argument) == [3, 6, 7])

        let docker = try ArgumentCursor(RunCommand.command, grammar: .profileThenDocker)
            .read(["--dry-run", "web", "-p", "80:80", "--secret", "a=f", "-it", "--", "img", "--dry-run"])
        #expect(docker.profile == "web")
        #expect(docker.docker == ["-p", "80:80", "-it", "--", "img", "--dry-run"])
        #expect(docker.dockerOrigins == [2, 3, 6, 7, 8, 9])
        #expect(docker.values("--secret") == ["a=f"] && docker.argument(of: "--secret") == 6)
    }

    @Test("a look-alike of an option is no option, and a long hostile word costs no comparison")
    func hostile() {
        // U+212A KELVIN SIGN is canonically equivalent to K: Swift's == would take it for --kind.
        let lookalike = CapturedConsole.run(["k8s", "--\u{212A}ind", "pod", "web", "--name", "w", "img"])
        #expect(lookalike.status == 2)
        #expect(lookalike.err.hasPrefix("harden: unknown k8s option --\u{212A}ind (argument 2); "), "\(lookalike.err)")
        let long = "--" + String(repeating: "x", count: 200_000)
        let result = CapturedConsole.run(["show", long, "web"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: unknown show option --xxx") && !result.err.contains("did you mean"))
    }
}
