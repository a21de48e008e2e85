/// What a line of a `--file` list needs from a shell beyond splitting into words, found in one pass
/// over its bytes with sh's quoting rules (the splitter itself gives these bytes no meaning).
///
/// A list line that would run differently under sh than as plain words (a second command, a
/// variable, a glob matched against the files of whoever runs it) is one harden cannot judge, so
/// the reader refuses it; and whether a backslash at the end of a line joins it to the next depends
/// on the quoting before it (in a comment or single quotes it is just a character).
enum ShellLineScan {
    struct Special: Equatable {
        var byte: UInt8
        /// Offset in the scanned bytes.
        var offset: Int
    }

    /// Bytes that mean something to sh outside quotes: operators, expansions and globs.
    @inline(__always)
    private static func isSpecialUnquoted(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The first byte outside quotes (or `$`/backquote inside double quotes) that sh would act on;
    /// nil for a line that is only words. `$` before a blank or at the end is a literal `$`.
    static func firstSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Special? {
        switch scan(bytes) {
        case .special(let special): return special
        default: return nil
        }
    }

    /// Whether the line's last byte is a backslash sh reads as a line continuation: outside quotes
    /// or inside double quotes, not escaped, not in a comment, not in single quotes.
    static func continues(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.last == UInt8(ascii: "\\") else { return false }
        if case .continues = scan(bytes, stopAtSpecial: false) { return true }
        return false
    }

    private enum Outcome { case plain, special(Special), continues }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, stopAtSpecial: Bool = true) -> Outcome {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        let hash = UInt8(ascii: "#"), single = UInt8(ascii: "'"), double = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`")
        let count = bytes.count
        var index = 0
        var inWord = false
        var found: Special?
        // A `$` that starts no expansion: before a blank or the end, and inside double quotes also
        // before the closing quote (`"$"`).
        func literalDollar(at position: Int, quoted: Bool = false) -> Bool {
            guard position + 1 < count else { return true }
            let next = bytes[position + 1]
            return next == space || next == tab || next == newline || (quoted && next == double)
        }
        // A continuation found while looking for specials: the special, if any, says more.
        var continuation: Outcome { stopAtSpecial ? found.map(Outcome.special) ?? .continues : .continues }
        func note(_ byte: UInt8, _ offset: Int) {
            if found == nil { found = Special(byte: byte, offset: offset) }
        }
        while index < count {
            if stopAtSpecial, let found { return .special(found) }
            let byte = bytes[index]
            switch byte {
            case space, tab, newline:
                inWord = false
                index += 1
            case hash where !inWord:
                while index < count, bytes[index] != newline { index += 1 }
            case single:
                inWord = true
                index += 1
                while index < count, bytes[index] != single { index += 1 }
                index += 1
            case double:
                inWord = true
                index += 1
                while index < count, bytes[index] != double {
                    let inner = bytes[index]
                    if inner == backslash {
                        if index == count - 1 { return continuation }
                        index += 2
                        continue
                    }
                    if inner == backtick || (inner == dollar && !literalDollar(at: index, quoted: true)) { note(inner, index) }
                    index += 1
                }
                index += 1
            case backslash:
                if index == count - 1 { return continuation }
                if bytes[index + 1] != newline { inWord = true }
                index += 2
            case dollar:
                inWord = true
                if !literalDollar(at: index) { note(byte, index) }
                index += 1
            default:
                inWord = true
                if isSpecialUnquoted(byte) { note(byte, index) }
                index += 1
            }
        }
        return found.map(Outcome.special) ?? .plain
    }

    /// What the byte does in sh, for the message that refuses the line.
    static func meaning(of byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: ";"): return "ends one command and starts another"
        case UInt8(ascii: "&"): return "runs a command in the background or chains another"
        case UInt8(ascii: "|"): return "pipes into or chains another command"
        case UInt8(ascii: "<"), UInt8(ascii: ">"): return "redirects input or output"
        case UInt8(ascii: "("), UInt8(ascii: ")"): return "opens or closes a subshell"
        case UInt8(ascii: "$"): return "expands a variable, a command or a quoted string"
        case UInt8(ascii: "`"): return "substitutes a command's output"
        case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["): return "is a glob the shell matches against the files where it runs"
        case UInt8(ascii: "{"), UInt8(ascii: "}"): return "groups commands or expands braces"
        case UInt8(ascii: "~"): return "expands to a home directory"
        default: return "means something to the shell"
        }
    }

    /// Words sh reads as its grammar when they come first: the line is then not one command.
    static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
        "function", "{", "}", "!", "[[", "]]", "coproc",
    ]
}
