import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Real `docker run` lines and compose files from public documentation (Fixtures/corpus, each
/// citing where it came from), read the way `harden check --file LIST` and `harden check FILE` read
/// them, with the verdict a reviewer gives each kept beside them in lines.tsv and compose.tsv.
/// Every verdict is asserted exactly: the rules that reject, no more and no fewer.
@Suite("The real-world corpus")
struct RealWorldCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")

    /// One reviewed entry: `accept` (nothing rejects it; warnings allowed), `reject` (exactly
    /// `rules` reject it) or `unreadable` (harden cannot read it, and says so).
    struct Verdict: Sendable, Equatable {
        var verdict: String
        var rules: Set<String>
        var why: String
    }

    /// Rows of a manifest by their key (`LIST:LINE` or the compose file's path below compose/).
    static func manifest(_ name: String, keyColumns: Int) -> [String: Verdict] {
        guard let text = try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8) else {
            Issue.record("cannot read \(name)")
            return [:]
        }
        var rows: [String: Verdict] = [:]
        for (index, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == keyColumns + 3 else {
                Issue.record("\(name):\(index + 1): expected \(keyColumns + 3) tab-separated fields, found \(fields.count)")
                continue
            }
            let key = fields[..<keyColumns].joined(separator: ":")
            let rules = Set(fields[keyColumns + 1].split(separator: ",").map(String.init))
            if rows.updateValue(Verdict(verdict: fields[keyColumns], rules: rules, why: fields[keyColumns + 2]), forKey: key) != nil {
                Issue.record("\(name):\(index + 1): \(key) twice")
            }
        }
        return rows
    }

    static let lineVerdicts = manifest("lines.tsv", keyColumns: 2)
    static let composeVerdicts = manifest("compose.tsv", keyColumns: 1)

    static var lists: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("lines").path)) ?? [])
            .filter { $0.hasSuffix(".list") }.sorted()
    }

    static var composeFiles: [String] {
        let base = root.appendingPathComponent("compose").path
        return (FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    /// What harden says, in the manifest's terms.
    static func judged(_ launches: [AuditedLaunch]) -> Verdict {
        let validator = Validator(host: Audit.host)
        let rules = Set(launches.flatMap { validator.findings(for: $0.plan, sources: $0.sources).filter(\.rejects).map(\.ruleID) })
        return Verdict(verdict: rules.isEmpty ? "accept" : "reject", rules: rules, why: "")
    }

    static func shown(_ verdict: Verdict) -> String {
        verdict.verdict + (verdict.rules.isEmpty ? "" : " " + verdict.rules.sorted().joined(separator: ","))
    }

    @Test("the corpus holds 300 lines and 50 compose files, each cited and reviewed")
    func shape() throws {
        #expect(Self.lineVerdicts.count >= 300)
        #expect(Self.composeVerdicts.count >= 50)
        for verdict in Array(Self.lineVerdicts.values) + Array(Self.composeVerdicts.values) {
            #expect(["accept", "reject", "unreadable"].contains(verdict.verdict), "\(verdict)")
            #expect(verdict.why.count > 10, "\(verdict)")
            #expect((verdict.verdict == "reject") == !verdict.rules.isEmpty, "\(verdict)")
        }
        for list in Self.lists {
            let text = try String(contentsOf: Self.root.appendingPathComponent("lines/\(list)"), encoding: .utf8)
            #expect(text.hasPrefix("# Real docker run lines from https://github.com/"), "\(list)")
            // Every entry follows the comment naming the file and line it was copied from.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("#") {
                #expect(index > 0 && lines[index - 1].hasPrefix("# ") && lines[index - 1].contains(".md:"), "\(list):\(index + 1) cites no source")
            }
        }
        for file in Self.composeFiles {
            let text = try String(contentsOf: Self.root.appendingPathComponent("compose/\(file)"), encoding: .utf8)
            #expect(text.hasPrefix("# Source: https://github.com/"), "\(file)")
        }
        #expect(Self.composeFiles.count == Self.composeVerdicts.count)
    }

    @Test("every docker run line gets the reviewer's verdict, as check --file reads it", arguments: lists)
    func lines(_ list: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("lines/\(list)"), encoding: .utf8)
        var seen = Set<String>()
        for entry in DockerLineReader.entries(list: text, file: list, workingDirectory: Audit.host.currentDirectory) {
            let key: String, actual: Verdict
            switch entry {
            case .launch(let launch):
                key = launch.name
                actual = Self.judged([launch])
            case .unreadable(let line, let message):
                key = "\(list):\(line)"
                actual = Verdict(verdict: "unreadable", rules: [], why: message)
                #expect(message.hasPrefix(key + ": ") && !message.contains("\n"), "\(message)")
            }
            seen.insert(key)
            guard let expected = Self.lineVerdicts[key] else {
                Issue.record("\(key) has no verdict in lines.tsv; harden says \(Self.shown(actual))")
                continue
            }
            #expect(Self.shown(actual) == Self.shown(expected), "\(key): reviewed as \(expected.why)")
        }
        let missing = Self.lineVerdicts.keys.filter { $0.hasPrefix(list + ":") && !seen.contains($0) }
        #expect(missing.isEmpty, "lines.tsv rows with no line in \(list): \(missing.sorted())")
    }

    /// `check --file` first reads a list in batches on every core; only at a sign of trouble does it
    /// fall back to the whole-list reading the verdicts above come from. Both must say the same.
    @Test("the streamed reading check --file takes reports each list as the whole-list reading does", arguments: lists)
    func streamed(_ list: String) throws {
        let path = Self.root.appendingPathComponent("lines/\(list)").path
        let validator = Validator(host: Audit.host)
        var report = AuditReportStream(format: .json)
        #expect(DockerListAudit.audit(path: path, shown: list, validator: validator, into: &report, batchBytes: 4096))
        var streamed = ""
        #expect(report.finish { streamed += $0 })
        var whole = AuditReportStream(format: .json)
        let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        for entry in DockerLineReader.entries(list: text, file: list, workingDirectory: Audit.host.currentDirectory) {
            switch entry {
            case .launch(let launch):
                whole.add(AuditResult(launch: launch, findings: validator.findings(for: launch.plan, sources: launch.sources)))
            case .unreadable(let line, let message):
                whole.add(unreadable: UnreadableInput.result(name: "\(list):\(line)", file: list, message: message, line: line), message: message)
            }
        }
        var read = ""
        #expect(whole.finish { read += $0 })
        #expect(!streamed.isEmpty && streamed == read)
    }

    @Test("every compose file gets the reviewer's verdict, as check FILE reads it")
    func compose() {
        // Deployed under /srv: relative binds land in the same place whatever the checkout's path.
        let context = ComposeYAML.Context(environment: [:], currentDirectory: "/srv/corpus")
        for file in Self.composeFiles {
            let actual: Verdict
            do {
                let text = try String(contentsOf: Self.root.appendingPathComponent("compose/\(file)"), encoding: .utf8)
                actual = Self.judged(try AuditInput.read(file: "/srv/corpus/\(file)", text: text, compose: context))
            } catch let error as HardenError {
                #expect(!error.message.contains("\n"), "\(error.message)")
                actual = Verdict(verdict: "unreadable", rules: [], why: error.message)
            } catch {
                Issue.record("\(file): \(error)")
                continue
            }
            guard let expected = Self.composeVerdicts[file] else {
                Issue.record("\(file) has no verdict in compose.tsv; harden says \(Self.shown(actual)) \(actual.why)")
                continue
            }
            #expect(Self.shown(actual) == Self.shown(expected), "\(file): reviewed as \(expected.why)")
        }
    }
}
