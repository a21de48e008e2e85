import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// What the project ships for teams: Examples/team-repo must validate, and the pre-commit hook
/// definition must run `harden validate`.
@Suite("The example team repository and the pre-commit hook")
struct ExampleRepositoryTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test("Examples/team-repo validates cleanly")
    func validates() throws {
        let directory = Self.project + "/Examples/team-repo"
        let report = try RepositoryCheck(
            directories: [RepositoryDirectory(shown: ".", path: directory)], currentDirectory: directory,
            host: HostFacts(currentDirectory: directory, today: "2025-06-01")
        ).run()
        #expect(!report.rejected, "\(TextReport.render(report.results, command: "validate", summary: report.summary))")
        #expect(report.results.flatMap(\.findings).filter { $0.exception == nil }.isEmpty)
        #expect(report.resolved.contains { $0.chain.count >= 5 }, "one profile shows a chain through the team's own profiles")
    }

    /// The CI scripts are the scaffold's, byte for byte: the example is what `harden init` writes,
    /// so a change to one without the other would ship two versions of the same script.
    @Test("its CI scripts are exactly the ones harden init writes", arguments: ["ci/validate.sh", "ci/review.sh"])
    func ciScriptsMatchScaffold(path: String) throws {
        let scaffold = try #require(Scaffold.files.first { $0.path == path })
        let example = try String(contentsOfFile: Self.project + "/Examples/team-repo/" + path, encoding: .utf8)
        #expect(example == scaffold.text, "Examples/team-repo/\(path) differs from ScaffoldCI; copy one to the other")
        #expect(scaffold.executable)
        #expect(FileManager.default.isExecutableFile(atPath: Self.project + "/Examples/team-repo/" + path))
    }

    @Test("it holds what harden init makes, and a README")
    func contents() {
        let directory = Self.project + "/Examples/team-repo"
        for file in Scaffold.files.map(\.path) + ["PROFILES.md"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "\(file)")
        }
    }

    @Test("PROFILES.md is what harden docs prints for it today")
    func docsUpToDate() throws {
        let directory = Self.project + "/Examples/team-repo"
        let result = ValidateCommandTests.run(["docs"], cwd: directory)
        let committed = try String(contentsOfFile: directory + "/PROFILES.md", encoding: .utf8)
        #expect(result.out == committed, "regenerate it: (cd Examples/team-repo && harden docs > PROFILES.md)")
    }

    @Test(".pre-commit-hooks.yaml defines a hook running harden validate")
    func preCommitHooks() throws {
        let text = try String(contentsOfFile: Self.project + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(text.contains("- id: harden-validate\n"))
        #expect(text.contains("  entry: harden validate\n"))
        #expect(text.contains("  pass_filenames: false\n"))
    }
}
