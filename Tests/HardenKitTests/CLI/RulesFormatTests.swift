import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden rules --format json")
struct RulesFormatTests {
    @Test("every rule of the table, in order, with its severity, hardness and texts")
    func json() throws {
        let result = CapturedConsole.run(["rules", "--format", "json"])
        #expect(result.status == 0)
        let rules = try #require(try JSONParser.parse(result.out).arrayValue)
        #expect(rules.map { $0["id"]?.stringValue ?? "" } == RuleTable.ids)
        let unreadable = try #require(rules.first { $0["id"]?.stringValue == "unreadable-input" })
        #expect(unreadable["hard"]?.boolValue == true)
        #expect(unreadable["severity"]?.stringValue == "error")
        #expect(unreadable["fix"]?.stringValue == RuleTable.rule("unreadable-input")?.fix)
    }

    @Test("text stays the default; another format is one line, exit 2")
    func formats() {
        #expect(CapturedConsole.run(["rules", "--format", "text"]).out == CapturedConsole.run(["rules"]).out)
        let bad = CapturedConsole.run(["rules", "--format", "xml"])
        #expect(bad.status == 2)
        #expect(bad.err == "harden: --format \"xml\" (argument 2) is not a format; use text or json\n")
    }
}
