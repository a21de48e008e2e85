import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

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

    @Test("registry allow-lists compare references as docker normalises them; what is no reference is exit 2 where read")
    func images() throws {
        let rows = try Self.rows("images.tsv")
        #expect(rows.count >= 20)
        for row in rows {
            try #require(row.count == 4, "a row needs 4 columns: \(row)")
            let (image, entry, verdict) = (row[0], row[1], row[2])
            let problem = ImageReference.problem(with: image)
            #expect((problem != nil) == (verdict == "invalid"), "\(image) (\(row[3])): docker \(verdict == "invalid" ? "refuses" : "accepts") it, harden says \(problem ?? "valid")")
            var plan = LaunchPlan()
            plan.image = image
            let policy = try Audit.policy(#"{"registries": {"allow": ["\#(entry)"]}}"#)
            let refused = Validator(policy: policy, host: Audit.host).findings(for: plan).contains { $0.ruleID == "registry-not-allowed" && $0.rejects }
            #expect(refused == (verdict != "allow"), "\(image) under \(entry) (\(row[3])) must be \(verdict == "allow" ? "allowed" : "refused")")
        }
    }

    @Test("a reference docker refuses is one line naming where it was met, what was expected and how to fix it")
    func invalidReferenceMessage() {
        #expect(throws: HardenError.input("argument 3: the image reference \"ghcr.io/Acme/api:3\" is not one docker accepts: the repository path Acme/api must be lower case; write [REGISTRY/]PATH[:TAG][@DIGEST] with the path in lower case")) {
            try ImageReference.validate("ghcr.io/Acme/api:3", at: "argument 3")
        }
        #expect(ImageReference("ACME/app:1").registry == "acme", "an upper-case first component is a registry")
        #expect(ImageReference("registry-1.docker.io/library/nginx").repository == "docker.io/library/nginx")
    }
}
