import Foundation
import Testing
@testable import HardenKit

/// The adversarial corpus for host paths and runtime sockets, kept as data in
/// Fixtures/bypass/hosts/ (see its README): each case with its verdict and how it was established.
@Suite("Bypass corpus: host paths and runtime sockets")
struct HostsBypassCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bypass/hosts").path

    /// The rows of a corpus file: tab-separated columns, `#` comment lines and blank lines skipped.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A described host: `cwd=DIR` and `link=PATH>TARGET`, `;`-separated, resolved with the same
    /// component-by-component walk the live host uses.
    static func host(_ description: String) -> HostFacts {
        var cwd = Audit.host.currentDirectory
        var links: [String: String] = [:]
        for entry in description.split(separator: ";") where entry != "-" {
            if entry.hasPrefix("cwd=") { cwd = String(entry.dropFirst(4)) }
            if entry.hasPrefix("link="), let arrow = entry.firstIndex(of: ">") {
                links[String(entry[entry.index(entry.startIndex, offsetBy: 5)..<arrow])] = String(entry[entry.index(after: arrow)...])
            }
        }
        let known = links
        return HostFacts(currentDirectory: cwd, today: "2025-06-01", resolveSymlinks: { HostFacts.followLinks($0) { known[$0] } })
    }

    @Test("every socket case gets its verdict, and a refusal names the rule")
    func sockets() throws {
        let rows = try Self.rows("sockets.tsv")
        #expect(rows.count >= 60)
        for row in rows {
            try #require(row.count == 4, "a row needs 4 columns: \(row)")
            let (line, verdict, host) = (row[0], row[1], Self.host(row[2]))
            let findings = try Audit.findings(line, host: host)
            let errors = Set(findings.filter(\.rejects).map(\.ruleID))
            if verdict == "accept" {
                #expect(errors.isEmpty, "\(line) (\(row[3])) must be accepted: \(findings.filter(\.rejects).map(\.message))")
            } else {
                #expect(errors.contains(verdict), "\(line) (\(row[3])) must be refused by \(verdict), got \(errors.sorted())")
            }
        }
    }

    @Test("policies that switch the parts off do not let their sum through: privileged holds on the effect")
    func policies() throws {
        let rows = try Self.rows("policies.tsv")
        #expect(rows.count >= 15)
        for row in rows {
            try #require(row.count == 4, "a row needs 4 columns: \(row)")
            let policy = try Audit.policy(row[1])
            let findings = try Audit.findings(row[0], policy: policy)
            let errors = findings.filter(\.rejects)
            if row[2] == "accept" {
                #expect(errors.isEmpty, "\(row[0]) under \(row[1]) (\(row[3])) must be accepted: \(errors.map(\.message))")
            } else {
                let hit = errors.first { $0.ruleID == row[2] }
                #expect(hit != nil, "\(row[0]) under \(row[1]) (\(row[3])) must be refused by \(row[2]), got \(errors.map(\.ruleID))")
                #expect(hit?.message.contains("privileged") == true, "the message says why: \(hit?.message ?? "")")
            }
        }
    }
}
