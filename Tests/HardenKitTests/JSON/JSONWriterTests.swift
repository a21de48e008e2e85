import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("JSON writer")
struct JSONWriterTests {
    static let sample = JSONNode.obj([
        ("name", .str("web")),
        ("readonly", .bool(true)),
        ("cpus", .num("1.5")),
        ("pids", .int(64)),
        ("ports", .arr([.int(80), .int(443)])),
        ("env", .obj([("LANG", .str("C.UTF-8"))])),
        ("caps", .arr([])),
        ("labels", .obj([])),
        ("user", .null),
        ("nested", .arr([.arr([.null]), .obj([("k", .arr([]))])])),
    ])

    @Test("Pretty output uses two-space indent, one element per line and a trailing newline")
    func prettyLayout() {
        let expected = """
            {
              "name": "web",
              "readonly": true,
              "cpus": 1.5,
              "pids": 64,
              "ports": [
                80,
                443
              ],
              "env": {
                "LANG": "C.UTF-8"
              },
              "caps": [],
              "labels": {},
              "user": null,
              "nested": [
                [
                  null
                ],
                {
                  "k": []
                }
              ]
            }

            """
        #expect(JSONWriter.pretty(Self.sample) == expected)
    }

    @Test("Compact output has no whitespace at all")
    func compactLayout() {
        let expected = #"{"name":"web","readonly":true,"cpus":1.5,"pids":64,"ports":[80,443],"#
            + #""env":{"LANG":"C.UTF-8"},"caps":[],"labels":{},"user":null,"nested":[[null],{"k":[]}]}"#
        #expect(JSONWriter.compact(Self.sample) == expected)
    }

    @Test("Top-level scalars and empty containers are written plainly", arguments: [
        (JSONNode.null, "null"), (.bool(false), "false"), (.int(-3), "-3"), (.str("x"), #""x""#),
        (.arr([]), "[]"), (.obj([]), "{}"),
    ])
    func topLevelScalars(node: JSONNode, expected: String) {
        #expect(JSONWriter.compact(node) == expected)
        #expect(JSONWriter.pretty(node) == expected + "\n")
    }

    @Test("Strings are escaped per RFC 8259", arguments: [
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("\\", #""\\""#),
        ("\n\t\r\u{08}\u{0C}", #""\n\t\r\b\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("a/b", #""a/b""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("naïve 日本 🎉", #""naïve 日本 🎉""#),
        ("\u{2028}", "\"\u{2028}\""),
    ])
    func stringEscaping(value: String, expected: String) {
        #expect(JSONWriter.compact(.str(value)) == expected)
    }

    @Test("Keys are escaped like strings")
    func keysAreEscaped() {
        #expect(JSONWriter.compact(.obj([("a\"b\n", .int(1))])) == #"{"a\"b\n":1}"#)
    }

    @Test("Numbers are written as their literal text", arguments: ["0", "-0", "1.50", "1e3", "-2.5E-07", "12345678901234567890123"])
    func numbersAreVerbatim(literal: String) {
        #expect(JSONWriter.compact(.num(literal)) == literal)
    }

    @Test("Builders produce nodes at the zero location, and long spellings match short ones")
    func builders() {
        let zero = SourceLocation(line: 0, column: 0)
        #expect(JSONNode.str("x") == JSONNode(.string("x"), at: zero))
        #expect(JSONNode.int(7) == JSONNode(.number("7")))
        #expect(JSONNode.obj([("a", .null)]) == JSONNode(.object([JSONMember(key: "a", keyLocation: zero, value: JSONNode(.null))])))
        #expect(JSONNode.object([("a", .string("s")), ("b", .array([.number("1")]))])
            == JSONNode.obj([("a", .str("s")), ("b", .arr([.num("1")]))]))
    }

    static let trickyValues: [JSONNode] = [
        .null,
        .str(""),
        .str("quote \" backslash \\ slash / tab \t newline \n nul \u{0} bell \u{7} del \u{7F}"),
        .str("surrogates 😀 𝄞 and BOM \u{FEFF} and U+2028 \u{2028}"),
        .str("\u{10FFFF}"),
        .num("-0.0e-0"),
        .num("123456789012345678901234567890"),
        .arr([]),
        .obj([]),
        .arr([.arr([.arr([])]), .obj([("", .obj([]))])]),
        .obj([("", .str("empty key")), (" ", .str("space key")), ("ключ", .str("значение"))]),
        .obj([("z", .int(1)), ("a", .int(2)), ("m", .arr([.bool(true), .bool(false), .null]))]),
        sample,
    ]

    @Test("Parsing pretty or compact output gives back the same content", arguments: trickyValues)
    func roundTrip(node: JSONNode) throws {
        let pretty = JSONWriter.pretty(node)
        #expect(try JSONParser.parse(pretty).sameContent(as: node))
        let compact = JSONWriter.compact(node)
        #expect(try JSONParser.parse(compact).sameContent(as: node))
        // Writing is a function of content alone, so a second trip is byte-identical.
        #expect(JSONWriter.pretty(try JSONParser.parse(pretty)) == pretty)
    }

    @Test("Every control character round-trips")
    func allControlCharactersRoundTrip() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let written = JSONWriter.compact(.str(text))
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 })
        #expect(try JSONParser.parse(written).stringValue == text)
    }
}
