import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The OCI door's adversarial corpus, kept as data in Fixtures/bypass/oci: `cases.tsv` names each
/// config (configs/) or docker seccomp profile (seccomp/), the verdict, a fragment of the refusing
/// finding, and how the engine's behaviour was established.
@Suite("OCI bypass corpus: read as runc and dockerd read it")
struct OCIBypassCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var door: String
        var name: String
        var expected: String
        var fragment: String
        var description: String { "\(door)/\(name) → \(expected)" }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bypass/oci")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("cases.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(door: fields[0], name: fields[1], expected: fields[2], fragment: fields[3])
        }
    }()

    /// Where the corpus places the bundle: relative sources and root paths are read from here.
    static let bundle = "/srv/bundle/config.json"

    static func findings(_ c: Case) throws -> [Finding] {
        switch c.door {
        case "oci":
            let text = try String(contentsOf: directory.appendingPathComponent("configs/\(c.name).json"), encoding: .utf8)
            let launch = try OCIConfigReader.read(try StrictReader.parse(text, file: bundle), file: bundle)
            return Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources)
        default:
            let text = try String(contentsOf: directory.appendingPathComponent("seccomp/\(c.name).json"), encoding: .utf8)
            let path = "/etc/docker/\(c.name).json"
            return try Audit.findings(Audit.hardened + " --security-opt seccomp=\(path) img:1", host: Audit.host(files: [path: text]))
        }
    }

    @Test("the corpus is there and covers both doors, refusals and ordinary launches")
    func corpusPresent() {
        #expect(Self.cases.count >= 50)
        #expect(Set(Self.cases.map(\.door)) == ["oci", "seccomp"])
        #expect(Self.cases.filter { $0.expected == "accepted" }.count >= 6)
    }

    @Test("every case gets its verdict, refused by the rule and for the reason the corpus names", arguments: cases)
    func verdict(c: Case) throws {
        if c.expected == "malformed" {
            // harden's parser refuses a repeated key, which Go would decode as the last: exit 2.
            #expect(performing: { _ = try Self.findings(c) }, throws: { error in
                (error as? HardenError).map { $0.message.contains(c.fragment) } ?? false
            })
            return
        }
        let findings = try Self.findings(c)
        let errors = findings.filter(\.rejects)
        if c.expected == "accepted" {
            #expect(errors.isEmpty, "\(errors.map { "\($0.ruleID): \($0.message)" })")
        } else {
            let matching = errors.filter { $0.ruleID == c.expected }
            #expect(!matching.isEmpty, "refused by \(errors.map { "\($0.ruleID): \($0.message)" }) instead")
            #expect(matching.contains { $0.message.contains(c.fragment) || $0.position.description.contains(c.fragment) },
                    "\(matching.map(\.message))")
        }
    }

    /// The fuzzer's property on the corpus: an accepted config holds no key the reader did not meet.
    @Test("every key of every accepted config was met by the reader", arguments: cases.filter { $0.door == "oci" && $0.expected == "accepted" })
    func noKeyUnread(c: Case) throws {
        let root = try JSONParser.parse(try String(contentsOf: Self.directory.appendingPathComponent("configs/\(c.name).json"), encoding: .utf8))
        let met = Set(try OCIConfigReader.consumedKeys(root, file: Self.bundle))
        func paths(_ node: JSONNode, _ prefix: [String]) -> [String] {
            switch node.kind {
            case .object(let members): return members.flatMap { [(prefix + [$0.key]).joined(separator: "\u{1F}")] + paths($0.value, prefix + [$0.key]) }
            case .array(let items): return items.enumerated().flatMap { paths($0.element, prefix + [String($0.offset)]) }
            default: return []
            }
        }
        let all = paths(root, [])
        #expect(all.count > 40)
        #expect(all.filter { !met.contains($0) } == [])
    }
}
