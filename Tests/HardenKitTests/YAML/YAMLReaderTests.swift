import Foundation
import Testing
@testable import HardenKit

@Suite("YAML reader")
struct YAMLReaderTests {
    static func root(_ text: String) throws -> JSONNode {
        let documents = try YAMLReader.load(text)
        try #require(documents.count == 1)
        return documents[0].root
    }

    static func refusal(_ text: String) -> YAMLSyntaxError? {
        do { _ = try YAMLReader.load(text); return nil } catch { return error }
    }

    @Test("Core schema: YAML 1.2 types, not YAML 1.1's", arguments: [
        ("true", JSONNode.Kind.bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("on", .string("on")),
        ("~", .null), ("null", .null), ("", .null), ("2222:22", .string("2222:22")), ("0o17", .number("15")),
        ("0x1F", .number("31")), ("+12", .number("12")), ("007", .number("7")), (".5", .number("0.5")),
        ("1.", .number("1.0")), ("-1.5e3", .number("-1.5e3")), (".inf", .string(".inf")), ("'true'", .string("true")),
        ("\"1\"", .string("1")), ("!!str 1", .string("1")), ("!!int '7'", .number("7")), ("0777", .number("777")),
    ])
    func coreSchema(text: String, expected: JSONNode.Kind) throws {
        #expect(try Self.root("v: \(text)")["v"]?.kind == expected)
    }

    @Test func everyNodeAndKeyIsPositioned() throws {
        let root = try Self.root("services:\n  web:\n    image: \"nginx\"\n    ports: [\"80:80\", 443]\n")
        let web = try #require(root["services"]?.objectMembers?.first)
        #expect(web.keyLocation == SourceLocation(line: 2, column: 3))
        let image = try #require(web.value.objectMembers?.first)
        #expect(image.keyLocation == SourceLocation(line: 3, column: 5))
        #expect(image.value.location == SourceLocation(line: 3, column: 12))
        #expect(web.value["ports"]?.arrayValue?.last?.location == SourceLocation(line: 4, column: 22))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try Self.root("é: ü\nk: v")
        #expect(root.objectMembers?.first?.value.location == SourceLocation(line: 1, column: 4))
    }

    @Test func mergeKeysAsComposeFilesUseThem() throws {
        let root = try Self.root("""
        x-common: &common
          restart: always
          privileged: false
        x-more: &more
          privileged: true
          user: root
        services:
          web:
            <<: [*common, *more]
            image: nginx
            restart: "no"
        """)
        let web = try #require(root["services"]?["web"])
        #expect(web["restart"]?.stringValue == "no")
        #expect(web["privileged"]?.boolValue == false)
        #expect(web["user"]?.stringValue == "root")
        #expect(web["<<"] == nil)
        // A merged value points where it was written.
        #expect(web["privileged"]?.location.line == 3)
    }

    @Test func mergeOfAScalarIsRefused() throws {
        let error = try #require(Self.refusal("a: &a 1\nb:\n  <<: *a\n"))
        #expect(error.message.contains("the << merge key takes a mapping"))
        #expect(error.location == SourceLocation(line: 3, column: 3))
    }

    @Test func duplicateKeysAreRefusedWithBothLines() throws {
        let error = try #require(Self.refusal("services:\n  web:\n    privileged: false\n    privileged: true\n"))
        #expect(error.description == "4:5: the key \"privileged\" is given twice in one mapping (first on line 3); fix: keep one")
    }

    @Test func billionLaughsIsRefusedEarly() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        let error = try #require(Self.refusal(text))
        #expect(error.message.contains("aliases expand this document beyond 1000000 nodes"))
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = try #require(Self.refusal(deep))
        #expect(error.message.contains("nesting deeper than 256 levels"))
        #expect(try YAMLReader.load(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).count == 1)
        var block = ""
        for level in 0..<300 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(Self.refusal(block)?.message.contains("nesting deeper") == true)
    }

    @Test("One-line errors naming the place and the fix", arguments: [
        ("a:\n\t- b\n", "2:1: a tab in indentation; fix: indent with spaces only"),
        ("a: \"open\nb: c\n", "1:4: a double-quoted string is not closed on its line, and line 2 is not indented under it; fix: add the closing \""),
        ("\"open\n", "1:1: a double-quoted string is never closed; fix: add the closing \""),
        ("a: 'open\n", "1:4: a single-quoted string is never closed; fix: add the closing '"),
        ("a: *nowhere\n", "1:4: the alias *nowhere names no anchor before it; fix: define &nowhere earlier in the document, or correct the name"),
        ("a:\n  b: 1\n c: 2\n", "3:2: expected a \"key: value\" at this indentation"),
        ("a: \"\\q\"\n", "1:5: unknown escape \\q"),
    ])
    func errors(text: String, expected: String) throws {
        let error = try #require(Self.refusal(text))
        #expect(error.description.hasPrefix(expected), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func tagsOutsideTheCoreSchemaAreReported() throws {
        let documents = try YAMLReader.load("services:\n  web:\n    ports: !reset []\n    dns: !override [1.1.1.1]\n")
        #expect(Set(documents[0].tags.values) == ["!reset", "!override"])
        #expect(documents[0].tags[SourceLocation(line: 3, column: 19)] == "!reset")
    }

    @Test func nonStringKeysAreNoted() throws {
        let documents = try YAMLReader.load("1: a\n? [x]\n: b\nc: d\n")
        #expect(documents[0].nonStringKeys == [SourceLocation(line: 1, column: 1), SourceLocation(line: 2, column: 3)])
        #expect(documents[0].root.objectMembers?.map(\.key) == ["1", "[\"x\"]", "c"])
    }

    @Test func streamsOfDocuments() throws {
        let documents = try YAMLReader.load("%YAML 1.2\n---\na: 1\n...\n---\n- b\n--- |\n  text\n")
        #expect(documents.map { JSONWriter.compact($0.root) } == [#"{"a":1}"#, #"["b"]"#, #""text\n""#])
        #expect(try YAMLReader.load("").isEmpty)
        #expect(try YAMLReader.load("# only a comment\n").isEmpty)
    }

    @Test func invalidUTF8IsRefusedWithItsPlace() throws {
        do {
            _ = try YAMLReader.load(Array("a: b\nc: \u{e9}".utf8.dropLast()) + [0xFF])
            Issue.record("loaded invalid UTF-8")
        } catch {
            #expect(error.message.contains("is not UTF-8"))
            #expect(error.location.line == 2)
        }
    }

    @Test func neverCrashesOnTruncations() {
        let text = "a: &x {b: [1, 'two', \"th\\u00e9\"], ? c : d}\nl: |+2\n   x\n e: *x\n- f\n"
        let bytes = Array(text.utf8)
        for length in 0...bytes.count {
            _ = try? YAMLReader.load(Array(bytes[0..<length]))
        }
    }
}
