import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The compose door's adversarial corpus, kept as data in Fixtures/bypass/compose/cases.json: each
/// case is a compose file, the verdict compose's own reading calls for, and how that reading was
/// established. Ordinary files are in it too, and must stay accepted.
@Suite("The compose bypass corpus")
struct ComposeBypassCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var verdict: String
        var rule: String?
        var fragment: String?
        var text: String
        var links: [String: String]
        /// Only this service's findings count (for extends, where the base alone would be refused).
        var service: String?
        var description: String { name }
    }

    static let file = "/srv/stack/compose.json"

    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bypass/compose/cases.json")
        let root = try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        return try #require(root["cases"]?.arrayValue).map { node in
            let links = (node["links"]?.objectMembers ?? []).map { ($0.key, $0.value.stringValue ?? "") }
            return Case(name: node["case"]?.stringValue ?? "?", verdict: node["verdict"]?.stringValue ?? "?",
                        rule: node["rule"]?.stringValue, fragment: node["fragment"]?.stringValue,
                        text: node["text"]?.stringValue ?? node["compose"].map(JSONWriter.pretty) ?? "",
                        links: Dictionary(uniqueKeysWithValues: links), service: node["service"]?.stringValue)
        }
    }

    @Test("the corpus has bypasses and ordinary files, each with how its verdict was established")
    func shape() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bypass/compose/cases.json")
        let root = try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        let all = try #require(root["cases"]?.arrayValue)
        #expect(all.count >= 60)
        #expect(all.allSatisfy { ($0["how"]?.stringValue ?? "").count > 5 })
        #expect(all.filter { $0["verdict"]?.stringValue == "accept" }.count >= 10)
    }

    @Test("every case gets its verdict, for the reason named", arguments: try cases())
    func verdict(_ item: Case) throws {
        let host = Audit.host(links: item.links)
        let read = Result { () throws(HardenError) -> [AuditedLaunch] in
            try ComposeReader.read(try StrictReader.parse(item.text, file: Self.file), file: Self.file)
        }
        let launches: [AuditedLaunch]
        switch read {
        case .success(let value): launches = value
        case .failure(let error):
            #expect(item.verdict == "input", "refused as bad input: \(error.message)")
            #expect(error.message.contains(item.fragment ?? "\u{0}"), "\(error.message)")
            #expect(!error.message.contains("\n"))
            return
        }
        let judged = launches.filter { item.service == nil || $0.name.hasSuffix(" service \(item.service!)") }
        #expect(!judged.isEmpty)
        let findings = judged.flatMap { Validator(host: host).findings(for: $0.plan, sources: $0.sources) }.filter(\.rejects)
        switch item.verdict {
        case "accept":
            #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID): \($0.message)" })")
        case "refuse":
            let named = findings.filter { $0.ruleID == item.rule }
            #expect(!named.isEmpty, "\(findings.map { "\($0.ruleID): \($0.message)" })")
            #expect(named.contains { $0.message.contains(item.fragment ?? "") }, "\(named.map(\.message))")
            // Placed where it was written, not at the file as a whole.
            #expect(named.allSatisfy { $0.position.line != nil && $0.position.file == Self.file })
        default:
            Issue.record("expected exit 2, got \(findings.isEmpty ? "accepted" : "refused by " + findings.map(\.ruleID).joined(separator: ", "))")
        }
    }
}
