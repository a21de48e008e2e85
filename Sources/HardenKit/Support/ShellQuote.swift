/// Why a line could not be split into words.
public struct ShellSplitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position in the input, counted in Unicode scalars (newlines included).
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// POSIX sh quoting, so that `--dry-run` prints a command a user can paste
/// into sh or bash and get exactly the argv harden would have used.
public enum ShellQuote {
    /// Quotes one word for POSIX sh so it survives spaces, quotes, `$`, backticks,
    /// backslashes, `!`, globs, newlines and emptiness.
    ///
    /// Words made only of `[A-Za-z0-9_@%+=:,./-]` stay bare to keep output
    /// readable; everything else is single-quoted, the one context where sh
    /// (and bash's history expansion) interprets nothing, with `'` written as `'\''`.
    ///
    /// A bare word containing `=` is an assignment if it comes first in a
    /// command, so callers should not put such a word in the command position.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.utf8.allSatisfy(isSafe) {
            return word
        }
        var quoted = "'"
        for character in word.unicodeScalars {
            if character == "'" {
                quoted += #"'\''"#
            } else {
                quoted.unicodeScalars.append(character)
            }
        }
        quoted += "'"
        return quoted
    }

    /// Each word quoted, joined by single spaces.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    /// Splits a line into words the way POSIX sh tokenizes a simple command,
    /// without performing any expansion.
    ///
    /// - Single quotes preserve everything up to the next `'`.
    /// - Double quotes preserve everything except `\\`, `\"`, `\$`, `` \` `` (the
    ///   backslash is dropped) and backslash-newline (both are dropped).
    /// - Outside quotes a backslash makes the next character literal;
    ///   backslash-newline is a line continuation; a trailing lone backslash is
    ///   kept, as dash and bash do.
    /// - Spaces, tabs and newlines separate words; an unquoted `#` at the start
    ///   of a word starts a comment that runs to the end of the line.
    /// - Operators (`|`, `;`, `&`, `<`, `>`, parentheses) get no special meaning.
    ///
    /// Throws on an unterminated quote, pointing at the opening quote.
    public static func split(_ line: String) throws(ShellSplitError) -> [String] {
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

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"),
             UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "."),
             UInt8(ascii: "/"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
