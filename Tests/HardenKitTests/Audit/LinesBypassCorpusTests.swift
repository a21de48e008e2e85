import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The lines door's adversarial corpus (Fixtures/bypass/lines/corpus.json): docker run lines given
/// as words (as after `harden check --`) or as list files, each with the verdict the engine's own
/// reading calls for and a note of how that reading was established.
@Suite("The lines door's adversarial corpus")
struct LinesBypassCorpusTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        /// `words`: the input split as sh would, then read as `check --` reads its arguments;
        /// `list`: the input is the text of a `--file` list.
        var via: String
        var input: String
        /// `accepted` (no finding rejects it), `refused` (by `rule`, its message holding
        /// `fragment`) or `input-error` (exit 2, the message holding `fragment`).
        var verdict: String
        var rule: String?
        var fragment: String?
        /// For a list, the line whose launch the verdict is about.
        var line: Int?
        var how: String
        var testDescription: String { "\(via) \(input.debugDescription)" }
    }

    static let corpus: [Case] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bypass/lines/corpus.json")
        do { return try JSONDecoder().decode([Case].self, from: Data(contentsOf: file)) } catch {
            Issue.record("cannot read the corpus: \(error)")
            return []
        }
    }()

    static func launches(_ item: Case) throws(HardenError) -> [AuditedLaunch] {
        if item.via == "list" { return try DockerLineReader.read(list: item.input, file: "list.txt") }
        let words: [String]
        do { words = try ShellQuote.split(item.input) } catch { throw .input("the corpus case does not split: \(error)") }
        return [try DockerLineReader.read(words: words, name: "test")]
    }

    @Test("the corpus holds bypasses, ordinary launches and bad input, each with how it was established")
    func shape() {
        #expect(Self.corpus.count >= 100)
        #expect(Self.corpus.filter { $0.verdict == "accepted" }.count >= 15)
        #expect(Self.corpus.allSatisfy { !$0.how.isEmpty && ["accepted", "refused", "input-error"].contains($0.verdict) })
        #expect(Self.corpus.allSatisfy { $0.verdict != "refused" || $0.rule != nil })
    }

    @Test("every case gets the verdict the engine's reading calls for", arguments: corpus)
    func verdict(_ item: Case) {
        let launches: [AuditedLaunch]
        do {
            launches = try Self.launches(item)
        } catch {
            #expect(item.verdict == "input-error", "bad input where \(item.verdict) was expected: \(error.message)")
            #expect(error.message.contains(item.fragment ?? ""), "\(error.message)")
            return
        }
        #expect(item.verdict != "input-error", "read, where bad input was expected")
        guard let launch = item.line.map({ line in launches.first { $0.name == "list.txt:\(line)" } }) ?? launches.first else {
            Issue.record("no launch at line \(item.line ?? 1): \(launches.map(\.name))")
            return
        }
        let rejecting = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter(\.rejects)
        if item.verdict == "accepted" {
            #expect(rejecting.isEmpty, "\(rejecting.map { "\($0.ruleID): \($0.message)" })")
        } else {
            #expect(rejecting.contains { $0.ruleID == item.rule && $0.message.contains(item.fragment ?? "") },
                    "\(rejecting.map { "\($0.ruleID): \($0.message)" })")
        }
    }

    @Test("the streamed reading of a list renders what the whole-list reading does", arguments: corpus.filter { $0.via == "list" && $0.verdict != "input-error" })
    func bothPaths(_ item: Case) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("list.txt", item.input)
        let validator = Validator(host: Audit.host)
        var report = AuditReportStream(format: .text)
        #expect(DockerListAudit.audit(path: path, shown: "list.txt", validator: validator, into: &report, batchBytes: 16))
        var out = ""
        #expect(report.finish { out += $0 })
        let results = try DockerLineReader.read(list: item.input, file: "list.txt").map {
            AuditResult(launch: $0, findings: validator.findings(for: $0.plan, sources: $0.sources))
        }
        #expect(out == TextReport.render(results))
    }
}
