/// What a line of a `--file` list needs from a shell beyond splitting into words, found in one pass
/// over its bytes with sh's quoting rules (the splitter itself gives these bytes no meaning).
///
/// A list line that would run differently under sh than as plain words (a second command, a
/// variable, a glob matched against the files of whoever runs it) is one harden cannot judge, so
/// the reader refuses it; and whether a backslash at the end of a line joins it to the next depends
/// on the quoting before it (in a comment or single quotes it is just a character).
package enum ShellLineScan {
    package struct Special: Equatable {
        package var byte: UInt8
        /// Offset in the scanned bytes.
        package var offset: Int
    }

    /// The first byte outside quotes (or `$`/backquote inside double quotes) that sh would act on;
    /// nil for a line that is only words. `$` before a blank or at the end (or, quoted, before the
    /// closing quote) is a literal `$`. Every list line goes through here: one switch a byte.
    package static func firstSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Special? {
        let count = bytes.count
        var index = 0
        var inWord = false
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                inWord = false
                index += 1
            case UInt8(ascii: "#") where !inWord:
                while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "'"):
                inWord = true
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "'") { index += 1 }
                index += 1
            case UInt8(ascii: "\""):
                inWord = true
                index += 1
                while index < count {
                    let inner = bytes[index]
                    if inner == UInt8(ascii: "\"") { break }
                    if inner == UInt8(ascii: "\\") { index += 2; continue }
                    if inner == UInt8(ascii: "`") { return Special(byte: inner, offset: index) }
                    if inner == UInt8(ascii: "$"), index + 1 < count {
                        let next = bytes[index + 1]
                        if next != UInt8(ascii: " "), next != UInt8(ascii: "\t"), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\"") {
                            return Special(byte: inner, offset: index)
                        }
                    }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\\"):
                if index + 1 < count, bytes[index + 1] != UInt8(ascii: "\n") { inWord = true }
                index += 2
            case UInt8(ascii: "$"):
                if index + 1 < count {
                    let next = bytes[index + 1]
                    if next != UInt8(ascii: " "), next != UInt8(ascii: "\t"), next != UInt8(ascii: "\n") { return Special(byte: byte, offset: index) }
                }
                inWord = true
                index += 1
            case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "~"):
                return Special(byte: byte, offset: index)
            default:
                inWord = true
                index += 1
            }
        }
        return nil
    }

    /// Where a continued line left off: in double quotes or not, and inside a word or not (a `#`
    /// that follows a continuation inside a word starts no comment).
    package struct Continuation: Equatable {
        var inDouble = false
        var inWord = false
        package init(inDouble: Bool = false, inWord: Bool = false) { self.inDouble = inDouble; self.inWord = inWord }
    }

    /// Whether the physical line's last byte is a backslash sh reads as a line continuation: outside
    /// quotes or inside double quotes, not escaped, not in a comment, not in single quotes. The
    /// line is scanned from `state`, where the line before it left off, and `state` is updated, so a
    /// chain of continued lines is scanned once, not once a line.
    package static func continues(_ bytes: UnsafeBufferPointer<UInt8>, from state: inout Continuation) -> Bool {
        let count = bytes.count
        guard bytes.last == UInt8(ascii: "\\") else { return false }
        var index = 0
        var inWord = state.inWord
        if state.inDouble {
            // The rest of the double-quoted text the line before opened.
            while index < count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") {
                    if index == count - 1 { return true }
                    index += 1
                }
                index += 1
            }
            index += 1
            state.inDouble = false
        }
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                inWord = false
                index += 1
            case UInt8(ascii: "#") where !inWord:
                return false
            case UInt8(ascii: "'"):
                inWord = true
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "'") { index += 1 }
                index += 1
            case UInt8(ascii: "\""):
                inWord = true
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        if index == count - 1 {
                            state = Continuation(inDouble: true, inWord: true)
                            return true
                        }
                        index += 1
                    }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\\"):
                if index == count - 1 {
                    state = Continuation(inDouble: false, inWord: inWord)
                    return true
                }
                inWord = true
                index += 2
            default:
                inWord = true
                index += 1
            }
        }
        return false
    }

    /// `continues(_:from:)` for a line on its own.
    static func continues(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var state = Continuation()
        return continues(bytes, from: &state)
    }

    /// What the byte does in sh, for the message that refuses the line.
    package static func meaning(of byte: UInt8) -> String {
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
    package static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
        "function", "{", "}", "!", "[[", "]]", "coproc",
    ]
}
