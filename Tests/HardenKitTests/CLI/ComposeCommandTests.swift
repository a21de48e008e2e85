import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden compose")
struct ComposeCommandTests {
    @Test("each built-in's compose file matches its golden file (HARDEN_UPDATE_GOLDEN=1 rewrites them)", arguments: ["web", "worker", "db"])
    func golden(profile: String) throws {
        let arguments = ["compose", profile, "--service", profile, "-p", "8080:80", "-v", "\(profile)-data:/data",
                         "registry.example/app:1.0", "serve", "--port", "8080"]
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 0, "\(result.err)")
        try Golden.expect(Golden.transcript(arguments, status: result.status, out: result.out, err: result.err), matches: "\(profile).compose.yaml")
    }

    @Test("usage errors are one line naming the input and the fix", arguments: [
        (["compose", "web", "img"], "harden: harden compose needs --service NAME, the key of the service in the compose file; usage: \(ComposeCommand.command.usage)\n"),
        (["compose", "web", "--service", "a", "--service", "b", "img"], "harden: --service (argument 5) is given twice (first at argument 3); give it once; harden compose writes one service per run: run it once per service and merge the files with docker-compose -f a.yml -f b.yml (or include:)\n"),
        (["compose", "web", "--service", "my app", "img"], "harden: --service \"my app\" (argument 3) is not a compose service name; use letters, digits, '.', '_' and '-'\n"),
        (["compose", "--engine", "podman", "web", "--service", "a", "img"], "harden: --engine (argument 2) has no meaning for harden compose; it belongs to harden run, broker, doctor and learn; leave it out\n"),
        (["compose", "web", "--dry-run", "--service", "a", "img"], "harden: --dry-run (argument 3) has no meaning for harden compose; it belongs to harden run and broker; leave it out\n"),
        (["compose", "web", "--service", "a", "--format", "toml", "img"], "harden: --format \"toml\" (argument 5) is not an output format; use yaml or json\n"),
        (["compose", "--kind", "pod", "web", "img"], "harden: --kind (argument 2) has no meaning for harden compose; it belongs to harden k8s; leave it out\n"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
    }

    @Test("a value that looks like --service stays docker's")
    func optionValues() {
        let result = CapturedConsole.run(["compose", "worker", "-e", "--service", "--service", "s", "img"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("      - \"--service\"\n"))
    }

    @Test("what harden run refuses, harden compose refuses with the same findings", arguments: [
        ["--privileged", "img"], ["-v", "/var/run/docker.sock:/var/run/docker.sock", "img"], ["--network", "host", "img"],
        ["--cap-add", "SYS_ADMIN", "img"], ["--pid", "host", "--device", "/dev/sda", "img"],
    ])
    func sameRefusals(docker: [String]) {
        // Both put the docker options from argument 4 on, so the findings place them alike.
        let run = CapturedConsole.run(["run", "--dry-run", "web"] + docker)
        let compose = CapturedConsole.run(["compose", "web", "--service=web"] + docker)
        #expect(run.status == 1 && compose.status == 1)
        #expect(run.err.hasPrefix("harden: refusing to run: "))
        #expect(compose.err.hasPrefix("harden: refusing to write the compose file: "))
        #expect(run.err.dropFirst("harden: refusing to run: ".count) == compose.err.dropFirst("harden: refusing to write the compose file: ".count))
        #expect(compose.out.isEmpty)
    }

    @Test("the validator's warnings are printed as harden run prints them")
    func sameWarnings() {
        let docker = ["-p", "0.0.0.0:8080:80", "--memory-swap", "-1", "img:latest"]
        let run = CapturedConsole.run(["run", "--dry-run", "web"] + docker)
        let compose = CapturedConsole.run(["compose", "web", "--service=web"] + docker)
        #expect(run.status == 0 && compose.status == 0)
        let warnings = run.err.split(separator: "\n")
        #expect(!warnings.isEmpty)
        for warning in warnings { #expect(compose.err.contains(warning + "\n")) }
    }

    @Test("--format json is a compose file harden check accepts, finding what harden compose warned of")
    func jsonThroughCheck() throws {
        let directory = TemporaryDirectory()
        let compose = CapturedConsole.run(["compose", "web", "--service", "web", "--format", "json", "-p", "0.0.0.0:8080:80", "registry.example/app:1.0"])
        #expect(compose.status == 0, "\(compose.err)")
        let file = directory.write("compose.json", compose.out)
        let check = CapturedConsole.run(["check", "--format", "json", file])
        #expect(check.status == 0, "\(check.out)\(check.err)")
        let report = try JSONParser.parse(check.out)
        let found = Set((report["launches"]?.arrayValue ?? []).flatMap { launch in
            (launch["findings"]?.arrayValue ?? []).compactMap { $0["rule"]?.stringValue }
        })
        #expect(found == ["ports-on-all-interfaces"], "\(check.out)")
        #expect(compose.err.contains("harden: warning: ports-on-all-interfaces: "))
    }
}
