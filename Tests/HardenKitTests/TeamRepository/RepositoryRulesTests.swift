import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The repository rules")
struct RepositoryRulesTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/team-repository.md").path

    @Test("ids are unique and apart from the validator's, and each rule says what, why and how to fix")
    func table() {
        #expect(Set(RepositoryRules.ids).count == RepositoryRules.all.count)
        #expect(Set(RepositoryRules.ids).isDisjoint(with: RuleTable.ids))
        for rule in RepositoryRules.all {
            #expect(!rule.summary.isEmpty && !rule.why.isEmpty && !rule.fix.isEmpty, "\(rule.id)")
        }
    }

    @Test("docs/team-repository.md lists each rule with its severity", arguments: RepositoryRules.all.map { ($0.id, $0.severity.rawValue) })
    func documented(id: String, severity: String) throws {
        let text = try String(contentsOfFile: Self.page, encoding: .utf8)
        #expect(text.contains("| `\(id)` | \(severity) | "))
    }
}
