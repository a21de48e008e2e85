import Testing
@testable import HardenKit

@Suite("Shell words split on UTF-8 bytes")
struct ShellSplitBytesTests {
    static func bytesSplit(_ line: String) -> [String]? {
        Array(line.utf8).withUnsafeBufferPointer { ShellQuote.splitUTF8($0) }
    }

    static func scalarSplit(_ line: String) -> [String]? {
        try? ShellQuote.split(line)
    }

    @Test("the same words as the scalar split, and nil where it throws", arguments: [
        "", "   ", "docker run --rm alpine:3.20", "a\tb\nc", "'single quoted' \"double \\\" quoted\"",
        "'' \"\" x", "a\\ b", "trailing\\", "a\\\nb", "\"a\\\nb\"", "\"\\$HOME \\` \\\\ \\x\"", "# comment only",
        "a #not-a-comment #", "a # comment 'unterminated", "x'y'z\"w\"", "'unterminated", "\"unterminated",
        "\"ends in backslash\\", "é 'ü' \"ß\" \\ñ caf\\é", "-e NAME=\u{1F600}", "\u{0301}a 'b\u{0301}'", "\\\u{1F600}x",
        "a=\"1 2\" b='3 4'", "--label 'team=pay' --env=A=B",
    ])
    func sameWords(line: String) {
        #expect(Self.bytesSplit(line) == Self.scalarSplit(line))
    }

    @Test("on lines drawn from the characters that matter, the two splits agree")
    func generatedLines() {
        let alphabet: [String] = [" ", "\t", "\n", "'", "\"", "\\", "#", "$", "`", "a", "b", "=", "-", "é", "\u{0301}", "\u{1F600}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            var line = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 60) + 1 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += alphabet[Int(state >> 33) % alphabet.count]
            }
            #expect(Self.bytesSplit(line) == Self.scalarSplit(line), "\(line.debugDescription)")
        }
    }
}
