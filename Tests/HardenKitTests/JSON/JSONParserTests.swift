import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("JSON parser")
struct JSONParserTests {
    // MARK: Values

    @Test("Scalars parse to the matching kind", arguments: [
        ("null", JSONNode.Kind.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .number("0")),
        ("-0", .number("-0")),
        ("1.5", .number("1.5")),
        ("-2", .number("-2")),
        ("1e3", .number("1e3")),
        ("1E+3", .number("1E+3")),
        ("2.50e-07", .number("2.50e-07")),
        (#""""#, .string("")),
        (#""hello""#, .string("hello")),
        (#""naïve 日本 🎉""#, .string("naïve 日本 🎉")),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
        (#""\u0041\u00e9\u65E5""#, .string("Aé日")),
        (#""\uD83D\uDE00""#, .string("😀")),
        (#""nul\u0000byte""#, .string("nul\u{0}byte")),
        (#""a\u002Fb""#, .string("a/b")),
    ])
    func scalarsParse(text: String, expected: JSONNode.Kind) throws {
        let node = try JSONParser.parse(text)
        #expect(node.kind == expected)
        #expect(node.location == SourceLocation(line: 1, column: 1))
    }

    @Test("Containers keep elements and members in source order")
    func containersKeepOrder() throws {
        let node = try JSONParser.parse(#"{"b": [3, 1, 2], "a": {"z": null, "y": true}, "e": [], "f": {}}"#)
        #expect(node.objectMembers?.map(\.key) == ["b", "a", "e", "f"])
        #expect(node["b"]?.arrayValue?.compactMap(\.intValue) == [3, 1, 2])
        #expect(node["a"]?.objectMembers?.map(\.key) == ["z", "y"])
        #expect(node["e"]?.arrayValue?.isEmpty == true)
        #expect(node["f"]?.objectMembers?.isEmpty == true)
    }

    @Test("String and byte inputs give identical trees")
    func stringAndBytesAgree() throws {
        let text = "{\n  \"ké\": [1, \"日本\", {\"x\": false}]\n}\n"
        let fromString = try JSONParser.parse(text)
        let fromBytes = try JSONParser.parse(Array(text.utf8))
        #expect(fromString == fromBytes)
    }

    @Test("Whitespace of every allowed kind is accepted around values")
    func whitespaceIsAccepted() throws {
        let node = try JSONParser.parse(" \t\r\n[ 1 ,\r\n\t2 ] \n\t ")
        #expect(node.arrayValue?.count == 2)
    }

    // MARK: Locations

    @Test("Values and keys record the line and column where they start")
    func locationsAreRecorded() throws {
        let text = """
            {
              "name": "web",
              "limits": {
                "cpus": 1.5,
                "pids": [10, 20]
              }
            }
            """
        let node = try JSONParser.parse(text)
        #expect(node.location == SourceLocation(line: 1, column: 1))
        let members = try #require(node.objectMembers)
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[0].value.location == SourceLocation(line: 2, column: 11))
        #expect(members[1].keyLocation == SourceLocation(line: 3, column: 3))
        #expect(members[1].value.location == SourceLocation(line: 3, column: 13))
        let limits = try #require(node["limits"])
        #expect(limits["cpus"]?.location == SourceLocation(line: 4, column: 13))
        let pids = try #require(limits["pids"]?.arrayValue)
        #expect(pids.map(\.location) == [SourceLocation(line: 5, column: 14), SourceLocation(line: 5, column: 18)])
    }

    @Test("Columns count characters, not UTF-8 bytes")
    func columnsCountCharacters() throws {
        // "é" is 2 bytes, "日" 3 and "🎉" 4; each is one column.
        let node = try JSONParser.parse(#"["é", "日🎉", 7]"#)
        let columns = try #require(node.arrayValue).map(\.location.column)
        #expect(columns == [2, 7, 13])
    }

    @Test("Errors after non-ASCII text still report character columns")
    func errorColumnsCountCharacters() {
        #expect(throws: JSONSyntaxError(
            location: SourceLocation(line: 2, column: 13),
            message: "expected ',' or '}' after object member, found '\"'")
        ) {
            try JSONParser.parse("{\n  \"日本\": \"é\" \"x\": 1}")
        }
    }

    @Test("A leading byte order mark is skipped and does not shift columns")
    func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)
        let node = try JSONParser.parse(bytes)
        #expect(node.location == SourceLocation(line: 1, column: 1))
        #expect(node.objectMembers?.first?.keyLocation == SourceLocation(line: 1, column: 2))
        let fromString = try JSONParser.parse("\u{FEFF}[true]")
        #expect(fromString.arrayValue?.first?.location == SourceLocation(line: 1, column: 2))
    }

    @Test("Windows line endings count as one line each")
    func crlfLineEndings() throws {
        let node = try JSONParser.parse("[\r\n1,\r\n  2\r\n]")
        #expect(node.arrayValue?.map(\.location) == [
            SourceLocation(line: 2, column: 1), SourceLocation(line: 3, column: 3),
        ])
    }

    @Test("Locations stay right at the end of a long single-line document")
    func longSingleLine() throws {
        let count = 50_000
        let text = "[" + Array(repeating: #""ü""#, count: count).joined(separator: ",") + "]"
        let node = try JSONParser.parse(text)
        let last = try #require(node.arrayValue?.last)
        // Each element plus its comma is 4 characters; the first starts at column 2.
        #expect(last.location == SourceLocation(line: 1, column: 2 + (count - 1) * 4))
    }

    // MARK: Errors

    @Test("Malformed documents report where and why", arguments: [
        ("", 1, 1, "empty input, expected a JSON value"),
        ("   \n  ", 2, 3, "empty input, expected a JSON value"),
        ("[1, 2,]", 1, 6, "trailing comma is not allowed"),
        ("{\"a\": 1,}", 1, 9, "trailing comma is not allowed"),
        ("{\"a\": 1,\n}", 2, 1, "trailing comma is not allowed"),
        ("// hi\n{}", 1, 1, "comments are not allowed in JSON"),
        ("[1 /* x */]", 1, 4, "comments are not allowed in JSON"),
        ("{\"a\": 1 // x\n}", 1, 9, "comments are not allowed in JSON"),
        ("{/* x */}", 1, 2, "comments are not allowed in JSON"),
        ("[NaN]", 1, 2, "NaN and Infinity are not valid JSON numbers"),
        ("-Infinity", 1, 1, "NaN and Infinity are not valid JSON numbers"),
        ("['x']", 1, 2, "strings must use double quotes"),
        ("{'x': 1}", 1, 2, "object keys must use double quotes"),
        ("{x: 1}", 1, 2, "expected a string key or '}', found 'x'"),
        ("[01]", 1, 2, "leading zeros are not allowed in numbers"),
        ("-", 1, 2, "expected a digit after '-'"),
        ("[-x]", 1, 3, "expected a digit after '-'"),
        ("1.", 1, 3, "expected a digit after the decimal point"),
        ("1.e5", 1, 3, "expected a digit after the decimal point"),
        ("1e", 1, 3, "expected a digit in the exponent"),
        ("1e+", 1, 4, "expected a digit in the exponent"),
        ("+1", 1, 1, "expected a value, found '+'"),
        (".5", 1, 1, "expected a value, found '.'"),
        ("[tru]", 1, 2, "expected a value, found 'tru'"),
        ("True", 1, 1, "expected a value, found 'True'"),
        ("nulll", 1, 5, "unexpected 'l' after the top-level value"),
        ("{} {}", 1, 4, "unexpected '{' after the top-level value"),
        ("[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'"),
        ("{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after object member, found '\"'"),
        ("{\"a\":}", 1, 6, "expected a value, found '}'"),
        ("[", 1, 2, "unexpected end of input, expected a value"),
        ("[1", 1, 3, "unexpected end of input, expected ',' or ']' after array element"),
        ("{", 1, 2, "unexpected end of input, expected a string key"),
        ("{\"a\"", 1, 5, "unexpected end of input, expected ':' after object key"),
        ("{\"a\": 1", 1, 8, "unexpected end of input, expected ',' or '}' after object member"),
        ("[,1]", 1, 2, "expected a value, found ','"),
        ("[1,,2]", 1, 4, "expected a value, found ','"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[\n  \"abc\\\"]", 2, 3, "unterminated string"),
        ("\"a\tb\"", 1, 3, "unescaped control character U+0009 in string"),
        ("\"a\nb\"", 1, 3, "unescaped control character U+000A in string"),
        ("\"\\x\"", 1, 2, "invalid escape '\\x' in string"),
        ("\"\\u12\"", 1, 2, "invalid \\u escape, expected four hex digits"),
        ("\"\\u12G4\"", 1, 2, "invalid \\u escape, expected four hex digits"),
        ("\"ab\\uD800\"", 1, 4, "unpaired high surrogate \\uD800 in string"),
        ("\"\\uD800\\u0041\"", 1, 2, "unpaired high surrogate \\uD800 in string"),
        ("\"\\uDBFFx\"", 1, 2, "unpaired high surrogate \\uDBFF in string"),
        ("\"\\uDC00\"", 1, 2, "unpaired low surrogate \\uDC00 in string"),
        ("\"\\uDE00\\uD83D\"", 1, 2, "unpaired low surrogate \\uDE00 in string"),
        ("[1]\u{7F}", 1, 4, "unexpected control character U+007F after the top-level value"),
        ("[é]", 1, 2, "expected a value, found 'é'"),
    ])
    func malformedDocumentsAreRejected(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(location: SourceLocation(line: line, column: column), message: message)) {
            try JSONParser.parse(text)
        }
        // The byte entry point must agree exactly with the String one.
        #expect(throws: JSONSyntaxError(location: SourceLocation(line: line, column: column), message: message)) {
            try JSONParser.parse(Array(text.utf8))
        }
    }

    @Test("A duplicate key is an error naming the key and the line of the first one")
    func duplicateKeysAreRejected() {
        let text = """
            {
              "readonly": true,
              "user": "nobody",
              "readonly": false
            }
            """
        #expect(throws: JSONSyntaxError(
            location: SourceLocation(line: 4, column: 3),
            message: #"duplicate key "readonly" (first defined at line 2)"#)
        ) {
            try JSONParser.parse(text)
        }
    }

    @Test("Duplicate keys are found in large objects too")
    func duplicateKeysInLargeObjects() {
        var members = (0..<100).map { "\"k\($0)\": \($0)" }
        members.append("\"k42\": 0")
        let text = "{" + members.joined(separator: ",\n") + "}"
        #expect(throws: JSONSyntaxError(
            location: SourceLocation(line: 101, column: 1),
            message: #"duplicate key "k42" (first defined at line 43)"#)
        ) {
            try JSONParser.parse(text)
        }
    }

    @Test("The same key in different objects is not a duplicate")
    func sameKeyInSiblingObjects() throws {
        let node = try JSONParser.parse(#"[{"a": 1}, {"a": 2, "b": {"a": 3}}]"#)
        #expect(node.arrayValue?.count == 2)
    }

    @Test("Keys that differ only by escaping are still duplicates")
    func escapedDuplicateKeys() {
        #expect(throws: JSONSyntaxError(
            location: SourceLocation(line: 1, column: 11),
            message: #"duplicate key "ab" (first defined at line 1)"#)
        ) {
            try JSONParser.parse(#"{"ab": 1, "a\u0062": 2}"#)
        }
    }

    @Test("Invalid UTF-8 is rejected", arguments: [
        ([0x22, 0xFF, 0x22], 2, "invalid UTF-8 byte 0xFF"),
        ([0x22, 0xC0, 0xAF, 0x22], 2, "invalid UTF-8 byte 0xC0"),              // overlong '/'
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 2, "invalid UTF-8 byte 0xE0"),        // overlong 3-byte
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 2, "invalid UTF-8 byte 0xED"),        // encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2, "invalid UTF-8 byte 0xF4"),  // above U+10FFFF
        ([0x22, 0xE2, 0x82], 2, "invalid UTF-8 byte 0xE2"),                    // truncated at end
        ([0x22, 0xE2, 0x82, 0x22], 2, "invalid UTF-8 byte 0xE2"),              // truncated by quote
        ([0x22, 0x80, 0x22], 2, "invalid UTF-8 byte 0x80"),                    // stray continuation
        ([0x22, 0x5C, 0x6E, 0xFE, 0x22], 4, "invalid UTF-8 byte 0xFE"),        // after an escape
        ([0xFF], 1, "invalid UTF-8 byte 0xFF"),                                // outside strings
        ([0x5B, 0x31, 0x5D, 0xC3], 4, "unexpected invalid UTF-8 byte 0xC3 after the top-level value"),
    ] as [([UInt8], Int, String)])
    func invalidUTF8IsRejected(bytes: [UInt8], column: Int, message: String) {
        #expect(throws: JSONSyntaxError(location: SourceLocation(line: 1, column: column), message: message)) {
            try JSONParser.parse(bytes)
        }
    }

    @Test("Valid UTF-8 at the edges of each sequence length is accepted", arguments: [
        "\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}",
    ])
    func boundaryScalarsAreAccepted(scalar: String) throws {
        let node = try JSONParser.parse(Array("\"\(scalar)\"".utf8))
        #expect(node.stringValue == scalar)
    }

    // MARK: Depth

    /// The work bound is the error's column: the parser stops at the 257th bracket, whatever follows
    /// (timing belongs to scripts/bounds.sh and the benchmarks, not to a unit test).
    @Test("100,000 nested brackets end in a depth error at the 257th, instead of overflowing the stack")
    func deepNestingIsRejected() {
        do {
            let opens = String(repeating: "[", count: 100_000)
            #expect(throws: JSONSyntaxError(
                location: SourceLocation(line: 1, column: 257),
                message: "nesting is deeper than the limit of 256 levels; no harden input needs that many, so look for unclosed brackets or generate flatter JSON")
            ) {
                try JSONParser.parse(opens + String(repeating: "]", count: 100_000))
            }
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(opens) }
            #expect(throws: JSONSyntaxError.self) {
                try JSONParser.parse(String(repeating: "{\"a\":", count: 100_000))
            }
        }
    }

    @Test("Nesting exactly at the limit is accepted and one more level is not", arguments: [1, 2, 64, 256, 1000])
    func depthLimitIsExact(limit: Int) throws {
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try JSONParser.parse(atLimit, maxDepth: limit)
        let mixed = String(repeating: "{\"k\":[", count: limit / 2) + (limit % 2 == 1 ? "{}" : "0")
            + String(repeating: "]}", count: limit / 2)
        _ = try JSONParser.parse(mixed, maxDepth: limit)
        #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse("[" + atLimit + "]", maxDepth: limit)
        }
    }

    @Test("A zero depth limit still allows scalars")
    func zeroDepthAllowsScalars() throws {
        #expect(try JSONParser.parse("\"x\"", maxDepth: 0).stringValue == "x")
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[]", maxDepth: 0) }
    }

    // MARK: Scale

    /// How fast is scripts/bounds.sh's and the benchmarks' question; here, that locations stay exact to the end.
    @Test("A 100,000-line document parses with correct final locations")
    func manyLinesParse() throws {
        var text = "[\n"
        for index in 0..<25_000 {
            text += "  {\n    \"id\": \(index),\n    \"name\": \"n\\u00e9\(index)\"\n  },\n"
        }
        text += "  null\n]\n"
        let node = try JSONParser.parse(text)
        let elements = try #require(node.arrayValue)
        #expect(elements.count == 25_001)
        #expect(elements[24_999]["name"]?.stringValue == "né24999")
        #expect(elements[24_999]["name"]?.location == SourceLocation(line: 100_000, column: 13))
        #expect(elements.last?.location == SourceLocation(line: 100_002, column: 3))
    }

    // MARK: Accessors

    @Test("intValue accepts exactly the literals that denote an Int", arguments: [
        ("0", 0), ("-0", 0), ("42", 42), ("-17", -17),
        ("1e3", 1000), ("1E+3", 1000), ("1.5e1", 15), ("1.50e1", 15), ("10e-1", 1), ("10.0", 10),
        ("0.0", 0), ("0e999999999999999999", 0), ("-0.0e-5", 0), ("123456789e-6", nil),
        ("1.5", nil), ("1e-1", nil), ("0.1", nil),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("9223372036854775808", nil), ("-9223372036854775809", nil),
        ("9.223372036854775807e18", Int.max), ("1e18", 1_000_000_000_000_000_000),
        ("1e19", nil), ("1e999999999999999999", nil), ("100000000000000000000e-2", 1_000_000_000_000_000_000),
    ] as [(String, Int?)])
    func intValueIsExact(literal: String, expected: Int?) throws {
        let node = try JSONParser.parse(literal)
        #expect(node.intValue == expected)
    }

    @Test("doubleValue converts number literals")
    func doubleValue() throws {
        #expect(try JSONParser.parse("1.5").doubleValue == 1.5)
        #expect(try JSONParser.parse("-2e-3").doubleValue == -0.002)
        #expect(try JSONParser.parse("\"1.5\"").doubleValue == nil)
    }

    @Test("Typed accessors return nil for other kinds")
    func accessorsAreTypeChecked() throws {
        let node = try JSONParser.parse(#"{"s": "x", "b": true, "n": 3, "a": [], "o": {}, "z": null}"#)
        let kinds = ["s", "b", "n", "a", "o", "z"].compactMap { node[$0] }
        #expect(kinds.map(\.typeName) == ["string", "boolean", "number", "array", "object", "null"])
        #expect(kinds.map { $0.stringValue != nil } == [true, false, false, false, false, false])
        #expect(kinds.map { $0.boolValue != nil } == [false, true, false, false, false, false])
        #expect(kinds.map { $0.intValue != nil } == [false, false, true, false, false, false])
        #expect(kinds.map { $0.doubleValue != nil } == [false, false, true, false, false, false])
        #expect(kinds.map { $0.arrayValue != nil } == [false, false, false, true, false, false])
        #expect(kinds.map { $0.objectMembers != nil } == [false, false, false, false, true, false])
        #expect(node["missing"] == nil)
        #expect(node["a"]?["s"] == nil)
    }

    @Test("sameContent ignores locations but not member order or number spelling")
    func sameContentSemantics() throws {
        let compact = try JSONParser.parse(#"{"a":[1,{"b":null}],"c":"x"}"#)
        let spaced = try JSONParser.parse("{\n  \"a\": [ 1, { \"b\": null } ],\n  \"c\": \"x\"\n}")
        #expect(compact != spaced)
        #expect(compact.sameContent(as: spaced))
        #expect(!compact.sameContent(as: try JSONParser.parse(#"{"c":"x","a":[1,{"b":null}]}"#)))
        #expect(!compact.sameContent(as: try JSONParser.parse(#"{"a":[1.0,{"b":null}],"c":"x"}"#)))
        #expect(!compact.sameContent(as: try JSONParser.parse(#"{"a":[1,{"b":false}],"c":"x"}"#)))
        #expect(!compact.sameContent(as: try JSONParser.parse(#"{"a":[1],"c":"x"}"#)))
    }

    @Test("Error descriptions lead with line:column")
    func errorDescription() {
        let error = JSONSyntaxError(location: SourceLocation(line: 3, column: 14), message: "trailing comma is not allowed")
        #expect(error.description == "3:14: trailing comma is not allowed")
    }
}
