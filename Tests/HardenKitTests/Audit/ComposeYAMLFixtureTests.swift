import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Compose files as written (Fixtures/compose-yaml/NAME/): each directory holds the compose file, any
/// `.env`, override or env file beside it, and `expected`: per service `NAME: accepted` or
/// `NAME: rejected RULE[@[FILE:]LINE]…` (errors that must be found, at that line of the YAML), or
/// `exit 2: FRAGMENT`; optional `environment: A=1 B=2`, `args: …` and `file: NAME` lines. Where a
/// `config.json` is there too (the JSON `docker compose config` prints, written by hand from the
/// YAML), it must get the same verdicts and the same error rules.
@Suite struct ComposeYAMLFixtureTests {
    struct Fixture: CustomStringConvertible {
        var name: String
        var directory: String
        var expected: [String]
        var description: String { name }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/compose-yaml").path

    static func fixtures() -> [Fixture] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return names.map { name in
            let directory = root + "/" + name
            let text = (try? String(contentsOfFile: directory + "/expected", encoding: .utf8)) ?? ""
            return Fixture(name: name, directory: directory, expected: text.split(separator: "\n").map(String.init))
        }
    }

    struct Outcome {
        var status: Int32
        var out: String
        var err: String
        /// Per service: the verdict line's word and the error findings as (rule, line).
        var services: [String: (verdict: String, errors: [(rule: String, line: Int, file: String)])] = [:]
    }

    static func run(_ arguments: [String], in directory: String, environment: [String: String]) -> Outcome {
        let captured = CapturedConsole()
        let status = HardenCLI.main(["check"] + arguments, console: captured.console(environment: environment, cwd: directory))
        var outcome = Outcome(status: status, out: captured.out, err: captured.err)
        for line in captured.out.split(separator: "\n").map(String.init) {
            if !line.hasPrefix(" "), let range = line.range(of: " service "), let colon = line.range(of: ": ", range: range.upperBound..<line.endIndex) {
                let name = String(line[range.upperBound..<colon.lowerBound])
                let verdict = line[colon.upperBound...].prefix(while: { $0 != "," })
                outcome.services[name] = (String(verdict), [])
            } else if line.hasPrefix("  "), let open = line.range(of: " (service "), let close = line.range(of: "): error ") {
                let name = String(line[open.upperBound..<close.lowerBound])
                let location = line[..<open.lowerBound].split(separator: ":")
                let rule = line[close.upperBound...].prefix(while: { $0 != ":" })
                let lineNumber = location.count >= 3 ? Int(location[location.count - 2]) ?? 0 : 0
                let file = location.count >= 3 ? location[..<(location.count - 2)].joined(separator: ":").trimmingCharacters(in: .whitespaces) : ""
                outcome.services[name]?.errors.append((String(rule), lineNumber, file))
            }
        }
        return outcome
    }

    @Test func thereAreEnoughFixtures() {
        let all = Self.fixtures()
        #expect(all.count >= 30)
        #expect(all.filter { FileManager.default.fileExists(atPath: $0.directory + "/config.json") }.count >= 5)
    }

    @Test(arguments: fixtures())
    func verdict(_ fixture: Fixture) throws {
        var environment = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]
        var arguments: [String] = []
        var file = "compose.yaml"
        var expectations: [String] = []
        for line in fixture.expected {
            if line.hasPrefix("environment: ") {
                for pair in line.dropFirst(13).split(separator: " ") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
            } else if line.hasPrefix("args: ") {
                arguments += line.dropFirst(6).split(separator: " ").map(String.init)
            } else if line.hasPrefix("file: ") {
                file = String(line.dropFirst(6))
            } else {
                expectations.append(line)
            }
        }
        let outcome = Self.run(arguments + [file], in: fixture.directory, environment: environment)
        for expectation in expectations {
            if expectation.hasPrefix("exit 2: ") {
                #expect(outcome.status == 2, "\(outcome.out)")
                #expect(outcome.err.contains(expectation.dropFirst(8)), "\(outcome.err)")
                #expect(outcome.err.split(separator: "\n").count == 1)
                continue
            }
            let parts = expectation.split(separator: " ").map(String.init)
            let service = String(parts[0].dropLast())
            let found = try #require(outcome.services[service], "no service \(service) in \(outcome.out)\(outcome.err)")
            #expect(found.verdict == parts[1], "\(service): \(outcome.out)")
            for wanted in parts.dropFirst(2) {
                // RULE, RULE@LINE (in the compose file) or RULE@FILE:LINE (in an override file).
                let pieces = wanted.split(separator: "@").map(String.init)
                let place = pieces.count > 1 ? pieces[1].split(separator: ":").map(String.init) : []
                let wantedFile = place.count == 2 ? place[0] : file
                let matches = found.errors.filter {
                    $0.rule == pieces[0] && (place.isEmpty || ($0.line == Int(place.last ?? "") && $0.file == wantedFile))
                }
                #expect(!matches.isEmpty, "\(service): no \(wanted) in \(found.errors)")
            }
        }
        guard FileManager.default.fileExists(atPath: fixture.directory + "/config.json") else { return }
        let json = Self.run(["config.json"], in: fixture.directory, environment: environment)
        #expect(json.status == outcome.status)
        #expect(Set(json.services.keys) == Set(outcome.services.keys))
        for (name, yaml) in outcome.services {
            #expect(json.services[name]?.verdict == yaml.verdict, "\(name)")
            #expect(Set(json.services[name]?.errors.map(\.rule) ?? []) == Set(yaml.errors.map(\.rule)), "\(name)")
        }
    }
}
