import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// The YAML reader on any bytes, and what it gives to the compose reader. Properties: a document it
// loads is no deeper than the bound (aliases included), and its tree is JSON: written compactly it
// parses back as JSON to the same content (so every number literal is one JSON accepts).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let documents = try? YAMLReader.load(input, maxDepth: 64) else { return 0 }
    for document in documents {
        if height(document.root) > 64 + 1 { violated("a loaded document is deeper than maxDepth", input: input) }
        // Null and complex keys may repeat (YAML compares them as nodes), which JSON refuses.
        guard document.nonStringKeys.isEmpty else { continue }
        let written = JSONWriter.compact(document.root)
        guard let back = try? JSONParser.parse(written, maxDepth: 512), back.sameContent(as: document.root) else {
            violated("a loaded document does not survive JSON: \(written.prefix(200))", input: input)
        }
        if document.root["services"] != nil {
            _ = try? ComposeYAML.read(file: "compose.yaml", root: document, context: ComposeYAML.Context(environment: ["A": "/var/run"], currentDirectory: "/nonexistent"))
        }
    }
    return 0
}

func height(_ node: JSONNode) -> Int {
    switch node.kind {
    case .array(let items): 1 + (items.map(height).max() ?? 0)
    case .object(let members): 1 + (members.map { height($0.value) }.max() ?? 0)
    default: 1
    }
}

runFuzzer(fuzzOne)
