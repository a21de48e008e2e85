/// One document of a YAML stream: its tree, positioned like the JSON reader's, and what a JSON tree
/// cannot say but a consumer may need to refuse.
public struct YAMLDocument: Sendable, Equatable {
    public var root: JSONNode
    /// Tags outside the core schema (`!reset`, `!override`, `!custom`, `tag:example.com,2000:x`),
    /// by the location of the node that carries them.
    public var tags: [SourceLocation: String]
    /// Where a key is not a string (null, a number, a boolean, a sequence or a mapping): the tree holds
    /// its text, and a consumer that needs string keys refuses it by location.
    public var nonStringKeys: [SourceLocation]

    public init(root: JSONNode, tags: [SourceLocation: String] = [:], nonStringKeys: [SourceLocation] = []) {
        self.root = root
        self.tags = tags
        self.nonStringKeys = nonStringKeys
    }
}

/// YAML 1.2 reader: the whole language into `JSONNode` trees, with the core schema's types.
///
/// - Plain `null ~ true false` and core-schema integers and floats are typed; everything else is a
///   string (`yes`, `on`, `0777`-style octals are not YAML 1.2 core, `2222:22` is not base 60).
///   Integers written in hex or octal are given in decimal; `.inf` and `.nan` stay strings, as JSON
///   has no such numbers.
/// - Anchors and aliases are expanded; the `<<` merge key is applied (compose files use it).
/// - Bounds: a key twice in one mapping is an error; nesting deeper than `maxDepth`; alias expansion
///   beyond `max(1_000_000, input bytes)` nodes (a "billion laughs" stops early, not after a gigabyte).
public enum YAMLReader {
    public static func load(_ text: String, maxDepth: Int = 256) throws(YAMLSyntaxError) -> [YAMLDocument] {
        var text = text
        let result: Result<[YAMLDocument], YAMLSyntaxError> = text.withUTF8 { buffer in
            var parser = YAMLParser(YAMLScanner(buffer), maxDepth: maxDepth)
            do throws(YAMLSyntaxError) { return .success(try parser.documents()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func load(_ bytes: [UInt8], maxDepth: Int = 256) throws(YAMLSyntaxError) -> [YAMLDocument] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (location, byte) = UTF8Text.firstInvalidByte(bytes)
            throw YAMLSyntaxError(location: location, message: "byte 0x\(String(byte, radix: 16, uppercase: true)) is not UTF-8; fix: save the file as UTF-8 text")
        }
        return try load(text, maxDepth: maxDepth)
    }
}
