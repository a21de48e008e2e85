import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Shell words split on UTF-8 bytes")
struct ShellSplitBytesTests {
    static func bytesSplit(_ line: String) -> [String]? {
        Array(line.utf8).withUnsafeBufferPointer { ShellQuote.splitUTF8($0) }
    }

    static func scalarSplit(_ line: String) -> [String]? {
        try? ReferenceSplit.split(line)
    }

    /// What `ShellQuote.split` says, words or error, next to what the reference says.
    static func bothSplits(_ line: String) -> (String, String) {
        func outcome(_ split: (String) throws(ShellSplitError) -> [String]) -> String {
            do { return try split(line).debugDescription } catch { return "\(error.column): \(error.message)" }
        }
        return (outcome(ShellQuote.split), outcome(ReferenceSplit.split))
    }

    @Test("the same words as the reference scalar split, nil where it throws, and errors at the same column", arguments: [
        "", "   ", "docker run --rm alpine:3.20", "a\tb\nc", "'single quoted' \"double \\\" quoted\"",
        "'' \"\" x", "a\\ b", "trailing\\", "a\\\nb", "\"a\\\nb\"", "\"\\$HOME \\` \\\\ \\x\"", "# comment only",
        "a #not-a-comment #", "a # comment 'unterminated", "x'y'z\"w\"", "'unterminated", "\"unterminated",
        "\"ends in backslash\\", "é 'ü' \"ß\" \\ñ caf\\é", "-e NAME=\u{1F600}", "\u{0301}a 'b\u{0301}'", "\\\u{1F600}x",
        "a=\"1 2\" b='3 4'", "--label 'team=pay' --env=A=B",
    ])
    func sameWords(line: String) {
        #expect(Self.bytesSplit(line) == Self.scalarSplit(line))
        let (split, reference) = Self.bothSplits(line)
        #expect(split == reference, "errors point at the same column")
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
            let (split, reference) = Self.bothSplits(line)
            #expect(split == reference, "\(line.debugDescription)")
        }
    }
}

/// The splitter as it was written first, on Unicode scalars: slow, and simple enough to read as the
/// rules. The byte splitter behind `ShellQuote.split` must agree with it word for word and column for column.
enum ReferenceSplit {
    static func split(_ line: String) throws(ShellSplitError) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        // Separate from `current.isEmpty` because '' and "" are real, empty words.
        var inWord = false
        var index = 0

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\n":
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                }
                index += 1
            case "#" where !inWord:
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "'":
                inWord = true
                let opening = index
                index += 1
                while index < scalars.count, scalars[index] != "'" {
                    current.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else {
                    throw ShellSplitError(column: opening + 1, message: "unterminated single quote")
                }
                index += 1
            case "\"":
                inWord = true
                let opening = index
                index += 1
                while true {
                    guard index < scalars.count else {
                        throw ShellSplitError(column: opening + 1, message: "unterminated double quote")
                    }
                    let inner = scalars[index]
                    if inner == "\"" {
                        index += 1
                        break
                    }
                    if inner == "\\", index + 1 < scalars.count {
                        let escaped = scalars[index + 1]
                        if escaped == "\n" {
                            index += 2
                            continue
                        }
                        if escaped == "\\" || escaped == "\"" || escaped == "$" || escaped == "`" {
                            current.append(escaped)
                            index += 2
                            continue
                        }
                    }
                    current.append(inner)
                    index += 1
                }
            case "\\":
                guard index + 1 < scalars.count else {
                    inWord = true
                    current.append(scalar)
                    index += 1
                    continue
                }
                let escaped = scalars[index + 1]
                index += 2
                if escaped != "\n" {
                    inWord = true
                    current.append(escaped)
                }
            default:
                inWord = true
                current.append(scalar)
                index += 1
            }
        }
        if inWord {
            words.append(String(current))
        }
        return words
    }
}
