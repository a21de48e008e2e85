import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check, rules and explain")
struct CheckCommandTests {
    @Test("a docker run line is checked with or without its leading docker run; exit 1 when rejected", arguments: [
        ["check", "--", "docker", "run", "--privileged", "img:1"], ["check", "--", "--privileged", "img:1"],
        ["check", "docker", "run", "--privileged", "img:1"], ["check", "--format", "json", "--", "-v", "/run:/r", "img:1"],
    ])
    func rejectedLine(arguments: [String]) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 1, "\(result.out)\(result.err)")
        #expect(result.err.isEmpty)
    }

    @Test("an accepted line exits 0 even with warnings")
    func acceptedLine() {
        let result = CapturedConsole.run(["check", "--", "docker", "run", "-p", "80:80", "nginx"])
        #expect(result.status == 0)
        #expect(result.out.contains("warning ports-on-all-interfaces"))
        #expect(result.out.hasSuffix(": accepted\n"))
    }

    @Test("files are told apart by content; a list file names lines; every format is written", arguments: ["text", "json", "sarif"])
    func files(format: String) throws {
        let dir = TemporaryDirectory()
        let oci = dir.write("config.json", CrossDoorTests.ociConfig(.init()))
        let compose = dir.write("compose.json", #"{"services": {"a": {"image": "x:1", "privileged": true}}}"#)
        let list = dir.write("lines.txt", "# ok\ndocker run --rm img:1\n")
        let result = CapturedConsole.run(["check", "--format", format, oci, compose, "--file", list])
        #expect(result.status == 1, "\(result.err)")
        if format == "text" {
            #expect(result.out.contains("\(oci): accepted"))
            #expect(result.out.contains("\(compose) service a: rejected, 1 error"))
            #expect(result.out.contains("\(list):2: accepted"))
        } else {
            #expect(throws: Never.self) { try JSONParser.parse(result.out) }
        }
    }

    @Test("bad input exits 2 with one line", arguments: [
        (["check"], "harden: nothing to check; usage: harden check [--format text|json|sarif|junit] [--fail-on error|warning|never] [-q [--show warning|error]] [-o FILE] [--no-color] [--policy FILE] [--profiles DIR] [--env-file FILE] [--include GLOB]... [--exclude GLOB]... (-- [docker run] ARGS... | FILE... | DIR... | --file LIST)\n"),
        (["check", "--format", "xml", "--", "img"], "harden: --format \"xml\" (argument 2) is not a format; use text, json, sarif or junit\n"),
        (["check", "--", "--bogus", "img"], "harden: unknown docker run option '--bogus' (argument 1); see `docker run --help`\n"),
        (["check", "/nonexistent.json"], "harden: /nonexistent.json: cannot read the file; check the path\n"),
        (["check", "--dry-run", "x"], "harden: --dry-run (argument 2) has no meaning for harden check; it belongs to harden run and broker; leave it out\n"),
    ])
    func badInput(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("a file that is neither an OCI config nor a compose file says what it expected")
    func unknownFile() {
        let dir = TemporaryDirectory()
        let file = dir.write("x.json", #"{"kind": "Pod"}"#)
        let yaml = dir.write("compose.yaml", "services:\n  web:\n    image: nginx\n")
        #expect(CapturedConsole.run(["check", file]).err == "harden: \(file):1:1: neither an OCI config (no \"ociVersion\"), a compose file (no \"services\") nor a Kubernetes manifest (no \"apiVersion\" and \"kind\"); for docker run command lines use --file\n")
        // A compose file as written is read, not sent off to be converted.
        let read = CapturedConsole.run(["check", yaml])
        #expect(read.err.isEmpty)
        #expect(read.out.contains("compose.yaml service web: accepted"))
    }

    @Test("harden rules lists every rule; harden explain prints one in full or suggests a near id")
    func rulesAndExplain() {
        let rules = CapturedConsole.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.out.split(separator: "\n").count == RuleTable.all.count)
        let explain = CapturedConsole.run(["explain", "host-namespace"])
        #expect(explain.status == 0)
        #expect(explain.out.contains("CIS Docker Benchmark 1.6.0: 5.9, 5.15, 5.16, 5.20, 5.30"))
        #expect(explain.out.contains("Kubernetes Pod Security Standards: Host Namespaces (Baseline)"))
        let typo = CapturedConsole.run(["explain", "host-namespaces"])
        #expect(typo.status == 2)
        #expect(typo.err == "harden: no rule named \"host-namespaces\" (argument 2); did you mean \"host-namespace\"?\n")
    }
}
