import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The Kubernetes door's adversarial corpus, kept as data in Fixtures/bypass/k8s/cases.json: each
/// case is a manifest (or the shorthand of a pod laid over a hardened baseline), the verdict the API
/// server's, the kubelet's and the runtime's reading calls for, and how that reading was
/// established. Ordinary manifests are in it too, and must stay accepted.
@Suite("The Kubernetes bypass corpus")
struct KubernetesBypassCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var verdict: String
        var rule: String?
        var fragment: String?
        /// One text per document.
        var documents: [String]
        var links: [String: String]
        var description: String { name }
    }

    static let file = "/srv/deploy/app.json"

    static func corpus() throws -> JSONNode {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bypass/k8s/cases.json")
        return try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// `base` with `extra`'s members laid over it: a member of the same name is replaced.
    static func overlay(_ base: [(String, JSONNode)], _ extra: JSONNode?) -> [(String, JSONNode)] {
        var members = base
        for member in extra?.objectMembers ?? [] {
            if let index = members.firstIndex(where: { $0.0 == member.key }) { members[index].1 = member.value } else { members.append((member.key, member.value)) }
        }
        return members
    }

    /// The shorthand's Pod: a RuntimeDefault seccomp profile, one container c running x:1.
    static func pod(_ node: JSONNode) -> JSONNode {
        let container = JSONNode.obj(overlay([("name", .str("c")), ("image", .str("x:1"))], node["container"]))
        let spec = overlay([("securityContext", .obj([("seccompProfile", .obj([("type", .str("RuntimeDefault"))]))])), ("containers", .arr([container]))], node["pod"])
        var metadata: [(String, JSONNode)] = [("name", .str("p"))]
        if let annotations = node["annotations"] { metadata.append(("annotations", annotations)) }
        return .obj([("apiVersion", .str("v1")), ("kind", .str("Pod")), ("metadata", .obj(metadata)), ("spec", .obj(spec))])
    }

    static func cases() throws -> [Case] {
        try #require(try corpus()["cases"]?.arrayValue).map { node in
            let links = (node["links"]?.objectMembers ?? []).map { ($0.key, $0.value.stringValue ?? "") }
            let documents: [String]
            if let text = node["text"]?.stringValue {
                documents = [text]
            } else if let many = node["manifest"]?.arrayValue {
                documents = many.map(JSONWriter.pretty)
            } else {
                documents = [JSONWriter.pretty(node["manifest"] ?? pod(node))]
            }
            return Case(name: node["case"]?.stringValue ?? "?", verdict: node["verdict"]?.stringValue ?? "?",
                        rule: node["rule"]?.stringValue, fragment: node["fragment"]?.stringValue,
                        documents: documents, links: Dictionary(uniqueKeysWithValues: links))
        }
    }

    @Test("the corpus has bypasses and ordinary manifests, each with how its verdict was established")
    func shape() throws {
        let all = try #require(try Self.corpus()["cases"]?.arrayValue)
        #expect(all.count >= 80)
        #expect(all.allSatisfy { ($0["how"]?.stringValue ?? "").count > 5 })
        #expect(all.filter { $0["verdict"]?.stringValue == "accept" }.count >= 15)
        let rules = Set(all.compactMap { $0["rule"]?.stringValue })
        #expect(rules.isSuperset(of: [
            "privileged", "runtime-socket", "not-understood", "host-namespace", "dangerous-capability", "confinement-disabled",
            "sensitive-host-path", "host-sysctl", "shared-propagation",
        ]))
    }

    static func read(_ item: Case) -> Result<[AuditedLaunch], HardenError> {
        Result { () throws(HardenError) -> [AuditedLaunch] in
            if item.documents.count == 1 { return try AuditInput.read(file: Self.file, text: item.documents[0]) }
            var documents: [JSONNode] = []
            for text in item.documents { documents.append(try StrictReader.parse(text, file: Self.file)) }
            return try KubernetesManifestReader.read(documents: documents, file: Self.file)
        }
    }

    @Test("every case gets its verdict, for the reason named", arguments: try cases())
    func verdict(_ item: Case) throws {
        let host = Audit.host(links: item.links)
        let launches: [AuditedLaunch]
        switch Self.read(item) {
        case .success(let value): launches = value
        case .failure(let error):
            #expect(item.verdict == "input", "refused as bad input: \(error.message)")
            #expect(error.message.contains(item.fragment ?? "\u{0}"), "\(error.message)")
            #expect(error.message.hasPrefix(Self.file + ":"), "\(error.message)")
            #expect(!error.message.contains("\n"))
            return
        }
        #expect(!launches.isEmpty)
        #expect(launches.allSatisfy { $0.kind == .kubernetes && $0.name.hasPrefix(Self.file + " ") })
        let findings = launches.flatMap { Validator(host: host).findings(for: $0.plan, sources: $0.sources) }.filter(\.rejects)
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
