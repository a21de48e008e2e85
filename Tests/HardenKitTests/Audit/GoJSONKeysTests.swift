import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Go-style key matching")
struct GoJSONKeysTests {
    static let shape: GoShape = .fields(["mounts": .array(.string), "hooks": .fields(["path": .string]), "annotations": .map(.string)])

    static func decode(_ text: String) throws -> GoJSONKeys.Result {
        try GoJSONKeys.canonical(try JSONParser.parse(text), shape: shape, file: "c.json", format: "a test shape", collectPaths: true)
    }

    @Test("ASCII case, the long s and the Kelvin sign fold as bytes.EqualFold folds them; other look-alikes do not")
    func folding() {
        #expect(GoJSONKeys.fold("MOUNTS") == "mounts")
        #expect(GoJSONKeys.fold("mount\u{17F}") == "mounts")
        #expect(GoJSONKeys.fold("hoo\u{212A}s") == "hooks")
        // U+0130 and U+0131 are not in the simple folding orbit of i; full-width letters are not ASCII.
        #expect(GoJSONKeys.fold("\u{130}d") != "id" && GoJSONKeys.fold("\u{131}d") != "id")
        #expect(GoJSONKeys.fold("\u{FF4D}ounts") != "mounts")
    }

    @Test("a key in another spelling decodes into the field, under the field's own name")
    func renamed() throws {
        let result = try Self.decode(#"{"Mount\#u{17F}": ["a"], "HOO\#u{212A}S": {"PATH": "/x"}}"#)
        #expect(result.problems.isEmpty)
        #expect(result.node["mounts"]?.arrayValue?.count == 1)
        #expect(result.node["hooks"]?["path"]?.stringValue == "/x")
    }

    @Test("keys that collide after folding, and unknown keys, are not understood and placed at the key")
    func refusals() throws {
        let result = try Self.decode(#"{"mounts": [], "Mounts": ["/s"], "privileged": true}"#)
        #expect(result.problems.map(\.message) == [
            #"Mounts: the same field as "mounts" (Go matches keys without regard to case and decodes both into it: the last value wins, objects merge); keep one"#,
            "privileged: not a key of a test shape; remove it",
        ])
        #expect(result.problems.map(\.location) == [SourceLocation(line: 1, column: 16), SourceLocation(line: 1, column: 34)])
    }

    @Test("map keys stay exact and are not judged as fields")
    func maps() throws {
        let result = try Self.decode(#"{"annotations": {"Mounts": "x", "mounts": "y"}}"#)
        #expect(result.problems.isEmpty)
        #expect(result.node["annotations"]?.objectMembers?.map(\.key) == ["Mounts", "mounts"])
    }

    @Test("a value of the wrong type is bad input naming the key path")
    func wrongType() {
        #expect(throws: HardenError.input("c.json:1:12: mounts: expected an array of strings, found string")) { try Self.decode(#"{"mounts": "/s"}"#) }
        #expect(throws: HardenError.input("c.json:1:20: hooks.path: expected a string, found number")) { try Self.decode(#"{"hooks": {"path": 1}}"#) }
    }

    @Test("every key of the document is reported as consumed, known or not")
    func consumed() throws {
        let result = try Self.decode(#"{"mounts": [], "x": {"y": 1}, "hooks": {"path": "/p"}}"#)
        #expect(result.consumed == ["mounts", "x", "hooks", "hooks\u{1F}path"])
    }
}
