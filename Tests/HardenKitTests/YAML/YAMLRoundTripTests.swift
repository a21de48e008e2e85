import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// What harden writes in YAML, harden reads back to the same tree: the emitted compose files and
/// manifests (Golden/*.yaml), and trees of awkward strings through YAMLWriter.
@Suite struct YAMLRoundTripTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    @Test func goldenYAMLLoadsAndRewritesIdentically() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.golden).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let text = try String(contentsOfFile: Self.golden + "/" + name, encoding: .utf8)
            let documents = try YAMLReader.load(text)
            #expect(!documents.isEmpty, "\(name)")
            // The writer prints one document; a stream is its documents one after another.
            let rewritten = documents.map { YAMLWriter.document($0.root) }.joined(separator: "---\n")
            let reread = try YAMLReader.load(rewritten)
            #expect(zip(reread, documents).allSatisfy { $0.root.sameContent(as: $1.root) }, "\(name)")
        }
    }

    @Test("strings YAML would otherwise type or fold come back as the same strings", arguments: [
        "yes", "no", "on", "off", "true", "null", "~", "", "1", "0x1F", "1e3", ".inf", "2222:22", "- a", "? b", ": c", "a: b",
        "#x", "a #b", " lead", "trail ", "multi\nline\n", "tab\there", "quote\"s and 'single'", "\\back", "émoji 🎉", "%TAG", "@at",
        "`tick", "[x]", "{y}", "*alias", "&anchor", "!tag", "|", ">", "---", "...", "\u{7}bell", "line\u{2028}sep",
    ])
    func awkwardStrings(text: String) throws {
        let tree = JSONNode.obj([("key", .str(text)), ("list", .arr([.str(text), .int(7), .bool(false), .null]))])
        let written = YAMLWriter.document(tree)
        let back = try #require(try YAMLReader.load(written).first?.root)
        #expect(back.sameContent(as: tree), "\(written)")
    }
}
