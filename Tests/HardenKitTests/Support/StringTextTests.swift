import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Foundation is the oracle: StringText replaces it so the shipped binary need not link it.
@Suite("String text agrees with Foundation")
struct StringTextTests {
    @Test("replacing text, byte for byte", arguments: [
        ("a\"b\"c", "\"", "\"\""), ("none", "x", "y"), ("", "a", "b"), ("///a//", "//", "/"), ("a\r\nb\r\n", "\r\n", "\n"),
("é|ü|", "|", "\\|"), ("aaaa", "aa", "b"), ("x.json.json", ".json", ""),
        ("(argument 3) bad (argument 3)", "(argument 3)", "(argument 4)"),
    ])
    func replacing(text: String, target: String, replacement: String) {
        #expect(text.replacingText(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    // Deliberately unlike Foundation here, which now compares whole characters as the standard
    // library does: a `"` or `$` that a combining mark follows is still one to the engine reading
    // the quoted field or the compose file, so it must be escaped too.
    @Test("a quote before a combining mark is still replaced, where Foundation and the standard library would not")
    func combiningMark() {
        // Built from scalars: a literal quote before a combining mark trips #expect's expansion.
        let text = "q" + String(String.UnicodeScalarView(["\"", "\u{301}", "x"]))
        let doubled = "q" + String(String.UnicodeScalarView(["\"", "\"", "\u{301}", "x"]))
        let ours = text.replacingText("\"", with: "\"\""), library = text.replacing("\"", with: "\"\"")
        #expect(ours == doubled)
        #expect(library == text)
        #expect(text.replacingOccurrences(of: "\"", with: "\"\"") == text)
    }

    @Test("finding text", arguments: [("/tmp/harden-0/seccomp", "/harden-0/"), ("abc", "d"), ("", "a"), ("a", ""), ("ééx/harden-1/", "/harden-1/"), ("aab", "ab"), ("ab", "abc")])
    func finding(text: String, target: String) {
        let ours = text.rangeOfText(target).map { text[$0] }
        let foundation = text.range(of: target).map { text[$0] }
        #expect(ours == foundation)
        #expect(ours.map { String(text[text.startIndex..<$0.startIndex]) } == foundation.map { String(text[text.startIndex..<$0.startIndex]) })
    }

    static let blanks = ["", "  ", " a ", "\ta\t", "\u{A0}a\u{3000}", "\na\n", " \r\n a b \u{2028}", "a", "\u{85}x\u{B}", " \n "]

    @Test("trimming whitespace", arguments: blanks)
    func trimming(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespace(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("trimming one character", arguments: ["", ".", "..", ".a.b.", "a.b", "..net.ipv4.."])
    func trimmingCharacter(text: String) {
        #expect(text.trimming(".") == text.trimmingCharacters(in: CharacterSet(charactersIn: ".")))
    }

    @Test("padding to a column", arguments: [("", 3), ("ab", 5), ("abcdef", 4), ("warning", 9), ("abc", 3)])
    func padding(text: String, width: Int) {
        #expect(text.padded(to: width) == text.padding(toLength: width, withPad: " ", startingAt: 0))
    }

    @Test("fixed notation", arguments: [0.1, 0.5, 1.0 / 3.0, 123.456, 1e20, 0.0000000015, 4096, 0.010000000])
    func fixed(value: Double) {
        #expect(StringText.fixed(value, digits: 9) == String(format: "%.9f", value))
    }

    @Test("percent-encoding a path for a URI reference", arguments: [
        "a b/c.json", "/abs/ü.json", "x:y", "100%", "a#b?c", "~user/-._!$&'()*+,=@", "a;b", "tab\there",
    ])
    func percentEncoding(path: String) {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        #expect(StringText.percentEncodedPath(path) == path.addingPercentEncoding(withAllowedCharacters: allowed))
    }
}
