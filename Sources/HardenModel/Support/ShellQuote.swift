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
        var line = line
        switch line.withUTF8({ words(in: $0) }) {
        case .words(let words):
            return words
        case .unterminated(let quote, let offset):
            // The column counts Unicode scalars: the bytes before the quote that start one.
            let column = line.utf8.prefix(offset).reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            throw ShellSplitError(column: column, message: "unterminated \(quote == UInt8(ascii: "'") ? "single" : "double") quote")
        }
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
