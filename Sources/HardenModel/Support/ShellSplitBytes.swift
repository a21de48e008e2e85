extension ShellQuote {
    /// `split(_:)` on UTF-8 bytes, for `check --file`, which splits a hundred thousand lines: nil
    /// where `split(_:)` throws (an unterminated quote); the caller asks `split(_:)` for the message
    /// and its column.
    package static func splitUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        if case .words(let words) = words(in: bytes) { return words }
        return nil
    }

    enum Split {
        case words([String])
        /// The quote byte that opens the unterminated quote, and its offset.
        case unterminated(quote: UInt8, at: Int)
    }

    /// The one splitter behind `split(_:)` and `splitUTF8(_:)`. It works on bytes: every byte the
    /// rules look at is ASCII, and UTF-8 never uses an ASCII byte inside a longer sequence, so it
    /// cuts words where working on Unicode scalars would, without decoding each line first.
    ///
    /// `bytes` must be valid UTF-8; the words are then valid UTF-8 too.
    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> Split {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        let hash = UInt8(ascii: "#"), single = UInt8(ascii: "'"), double = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`")
        var words: [String] = []
        words.reserveCapacity(32)
        var current: [UInt8] = []
        current.reserveCapacity(64)
        var inWord = false
        var index = 0
        let count = bytes.count

        func finishWord() {
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            inWord = false
        }

        while index < count {
            let byte = bytes[index]
            switch byte {
            case space, tab, newline:
                if inWord { finishWord() }
                index += 1
            case hash where !inWord:
                while index < count, bytes[index] != newline { index += 1 }
            case single:
                inWord = true
                let opening = index
                index += 1
                let start = index
                while index < count, bytes[index] != single { index += 1 }
                guard index < count else { return .unterminated(quote: single, at: opening) }
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                index += 1
            case double:
                inWord = true
                let opening = index
                index += 1
                while true {
                    guard index < count else { return .unterminated(quote: double, at: opening) }
                    let inner = bytes[index]
                    if inner == double {
                        index += 1
                        break
                    }
                    if inner == backslash, index + 1 < count {
                        let escaped = bytes[index + 1]
                        if escaped == newline {
                            index += 2
                            continue
                        }
                        if escaped == backslash || escaped == double || escaped == dollar || escaped == backtick {
                            current.append(escaped)
                            index += 2
                            continue
                        }
                    }
                    current.append(inner)
                    index += 1
                }
            case backslash:
                guard index + 1 < count else {
                    inWord = true
                    current.append(byte)
                    index += 1
                    continue
                }
                // A backslash escapes the whole next character: copy every byte of a multi-byte one.
                let escaped = bytes[index + 1]
                index += 2
                if escaped != newline {
                    inWord = true
                    current.append(escaped)
                    while index < count, bytes[index] & 0xC0 == 0x80 {
                        current.append(bytes[index])
                        index += 1
                    }
                }
            default:
                inWord = true
                let start = index
                index += 1
                while index < count {
                    let next = bytes[index]
                    if next == space || next == tab || next == newline || next == single || next == double || next == backslash { break }
                    index += 1
                }
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if current.isEmpty, index == count || bytes[index] == space || bytes[index] == tab || bytes[index] == newline {
                    // A plain word, the usual case: made straight from the line's bytes.
                    words.append(String(decoding: run, as: UTF8.self))
                    inWord = false
                    continue
                }
                current.append(contentsOf: run)
            }
        }
        if inWord { finishWord() }
        return .words(words)
    }
}
