import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden compose --from` over the compose fixtures `harden check` is held to (Fixtures/compose-yaml):
/// the same reader, so every service check rejects is refused here with the same rules, every
/// input check cannot read is bad input here too, and what check accepts is written.
@Suite struct ComposeFromFixtureTests {
    static func fixtures() -> [ComposeYAMLFixtureTests.Fixture] {
        // `args:` fixtures give check options (--env-file) written for check's own command line.
        ComposeYAMLFixtureTests.fixtures().filter { fixture in !fixture.expected.contains { $0.hasPrefix("args:") } }
    }

    @Test("compose --from gives each fixture check's verdict", arguments: fixtures())
    func sameVerdicts(fixture: ComposeYAMLFixtureTests.Fixture) throws {
        var environment = ["HOME": "/nonexistent"]
        var file = "compose.yaml"
        var rejected: [(service: String, rules: [String])] = []
        var badInput: String?
        for line in fixture.expected {
            if line.hasPrefix("environment: ") {
                for pair in line.dropFirst("environment: ".count).split(separator: " ") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
            } else if line.hasPrefix("file: ") {
                file = String(line.dropFirst("file: ".count))
            } else if line.hasPrefix("exit 2: ") {
                badInput = String(line.dropFirst("exit 2: ".count))
            } else if let colon = line.range(of: ": rejected ") {
                let rules = line[colon.upperBound...].split(separator: " ").map { String($0.prefix { $0 != "@" }) }
                rejected.append((String(line[..<colon.lowerBound]), rules))
            }
        }
        // compose -f FILE loads no override file of its own: name it, as check reads it merged.
        var arguments = ["compose", "--from", file]
        for override in ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml"]
        where FileManager.default.fileExists(atPath: fixture.directory + "/" + override) {
            arguments += ["--from", override]
        }
        let scratch = TemporaryDirectory()
        arguments += ["--default-profile", "worker", "-o", scratch.path + "/out.yaml"]
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(environment: environment, cwd: fixture.directory))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/seccomp"), "nothing is written beside the fixture")
        if let badInput {
            #expect(status == 2, "\(captured.err)")
            #expect(captured.err.contains(badInput), "\(captured.err)")
        } else if !rejected.isEmpty {
            #expect(status == 1, "\(captured.err)")
            for (service, rules) in rejected {
                #expect(captured.err.contains("service \(service) (profile worker): "), "\(service): \(captured.err)")
                for rule in rules { #expect(captured.err.contains(" \(rule): ") || captured.err.contains(": \(rule): "), "\(service) \(rule): \(captured.err)") }
            }
            #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out.yaml"))
        } else {
            #expect(status == 0, "\(captured.err)")
            let written = try String(contentsOfFile: scratch.path + "/out.yaml", encoding: .utf8)
            let check = CapturedConsole()
            let checked = HardenCLI.main(["check", "out.yaml"], console: check.console(cwd: scratch.path))
            #expect(checked == 0, "harden check of what --from wrote: \(check.out)\(check.err)\n\(written)")
        }
    }
}
