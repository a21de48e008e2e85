import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden validate")
struct ValidateCommandTests {
    static let fixture = RepositoryCheckTests.fixture

    static func run(_ arguments: [String], cwd: String? = nil, environment: [String: String] = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(environment: environment, cwd: cwd))
        return (status, captured.out, captured.err)
    }

    @Test("a broken repository exits 1 and reports in every format", arguments: ["text", "json", "sarif"])
    func broken(format: String) throws {
        let result = Self.run(["validate", "--format", format, Self.fixture])
        #expect(result.status == 1)
        #expect(result.err.isEmpty)
        if format == "text" {
            #expect(result.out.contains("\(Self.fixture)/typo.json:3:3: error invalid-profile: readOnlyRootFilesytem: unknown key"))
            #expect(result.out.hasSuffix("harden validate: 12 profiles and 1 policy: 10 rejected, 3 accepted; 10 errors, 0 warnings: rejected\n"))
        } else {
            let document = try JSONParser.parse(result.out)
            if format == "json" { #expect(document["verdict"]?.stringValue == "rejected") }
        }
    }

    /// The properties code-scanning services rely on: each result's rule is in the driver's rules
    /// at its index, and each is placed in a file with a line.
    @Test("SARIF names the repository rules and places every result in its file and line")
    func sarif() throws {
        let log = try JSONParser.parse(Self.run(["validate", "--format", "sarif", Self.fixture]).out)
        let run = try #require(log["runs"]?.arrayValue?.first)
        let rules = run["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(rules.map { $0["id"]?.stringValue ?? "" } == RuleTable.ids + RepositoryRules.ids)
        let results = run["results"]?.arrayValue ?? []
        #expect(results.count == 10)
        for result in results {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"]?.stringValue == result["ruleId"]?.stringValue)
            let physical = result["locations"]?.arrayValue?.first?["physicalLocation"]
            #expect(physical?["artifactLocation"]?["uri"]?.stringValue?.hasPrefix("file://" + Self.fixture + "/") == true)
            #expect((physical?["region"]?["startLine"]?.intValue ?? 0) >= 1)
        }
    }

    @Test("run inside a repository, it validates the repository, with paths relative to it")
    func currentDirectory() throws {
        let dir = TemporaryDirectory()
        _ = try Scaffold.write(into: dir.path, shown: dir.path)
        dir.write("api.json", "{\n  \"extends\": \"web\",\n  \"user\": \"0\"\n}")
        let result = Self.run(["validate"], cwd: dir.path)
        #expect(result.status == 1)
        #expect(result.out.contains("api.json:3:11 (profile api: user): error root-user"))
        #expect(!result.out.contains(dir.path))
        let sarif = try JSONParser.parse(Self.run(["validate", "--format", "sarif"], cwd: dir.path).out)
        let uri = sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue?.first?["locations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"]?["uri"]
        #expect(uri?.stringValue == "api.json")
    }

    @Test("outside a repository, it validates the directories of the search path")
    func searchPath() throws {
        let dir = TemporaryDirectory()
        dir.write("ok.json", "{\"extends\": \"worker\"}")
        let result = Self.run(["validate"], environment: ["HOME": "/nonexistent", "HARDEN_PROFILE_PATH": dir.path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "\(dir.path)/ok.json: accepted\nharden validate: 1 profile and 0 policies: 0 rejected, 1 accepted; 0 errors, 0 warnings: accepted\n")
    }

    @Test("parents outside the repository come from --profiles")
    func parents() {
        let team = TemporaryDirectory(), app = TemporaryDirectory()
        team.write("company.json", "{\"extends\": \"web\"}")
        app.write("api.json", "{\"extends\": \"company\"}")
        #expect(Self.run(["validate", app.path]).status == 1)
        #expect(Self.run(["validate", "--profiles", team.path, app.path]).status == 0)
    }

    @Test("bad usage exits 2 with one line", arguments: [
        (["validate", "--format", "xml", "/tmp"], "harden: --format \"xml\" (argument 2) is not a format; use text, json or sarif\n"),
        (["validate", "--engine", "podman", "/tmp"], "harden: --engine (argument 2) has no meaning for harden validate; it belongs to harden run, broker, doctor and learn; leave it out\n"),
        (["validate", "/nonexistent/repo"], "harden: /nonexistent/repo: no such directory; give the directory that holds the profiles\n"),
        (["validate", "/etc/hostname"], "harden: /etc/hostname: not a directory; give the directory that holds the profiles (a repository is validated as a whole)\n"),
        (["validate"], "harden: nothing to validate: no profile directory on the search path exists (/nonexistent/.harden/profiles, /nonexistent/.config/harden/profiles, /etc/harden/profiles); give a DIR, or make a repository with `harden init DIR`\n"),
    ])
    func usage(arguments: [String], message: String) {
        guard !FileManager.default.fileExists(atPath: "/etc/harden/profiles") else { return }
        let result = Self.run(arguments, cwd: "/nonexistent")
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("explain knows the repository rules")
    func explain() {
        let result = Self.run(["explain", "extends-cycle"])
        #expect(result.status == 0)
        #expect(result.out.contains("severity: error, reported by `harden validate` about a repository's files"))
    }
}
