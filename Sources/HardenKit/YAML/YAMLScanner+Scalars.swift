/// Plain and quoted scalars, with YAML's line folding: a single line break between two lines of
/// text becomes a space, every further empty line a "\n", and blanks around a break are dropped.
extension YAMLScanner {
    mutating func fetchPlainScalar() throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanPlainScalar()
        append(token)
    }

    mutating func fetchFlowScalar(double: Bool) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanFlowScalar(double: double)
        append(token)
        jsonLikeKey = true
        try checkAfterFlowNode()
    }

    mutating func scanPlainScalar() throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark()
        var text: [UInt8] = []
        var whitespace: [UInt8] = []
        var breaks = 0
        var leadingBlanks = false
        let minimumIndent = indent + 1
        var endOffset = pos
        while true {
            if column == 0, isDocumentIndicator(UInt8(ascii: "-")) || isDocumentIndicator(UInt8(ascii: ".")) { break }
            if at(0) == UInt8(ascii: "#") { break }
            var wroteAny = false
            while !Self.isBlankOrBreakOrEnd(at(0)) {
                let byte = at(0)
                if byte == UInt8(ascii: ":") {
                    let next = at(1)
                    if Self.isBlankOrBreakOrEnd(next) || (flowLevel > 0 && Self.isFlowIndicator(next)) { break }
                }
                if flowLevel > 0, Self.isFlowIndicator(byte) { break }
                if !Self.isPrintable(buf, pos) { break }
                if !wroteAny {
                    if leadingBlanks {
                        if breaks == 0 { text.append(0x20) } else { text.append(contentsOf: repeatElement(0x0A, count: breaks)) }
                        breaks = 0
                        leadingBlanks = false
                    } else if !whitespace.isEmpty {
                        text.append(contentsOf: whitespace)
                    }
                    whitespace.removeAll(keepingCapacity: true)
                    wroteAny = true
                }
                text.append(byte)
                advance()
            }
            endOffset = pos
            guard Self.isBlank(at(0)) || Self.isBreak(at(0)) else { break }
            let lineBefore = line
            while Self.isBlank(at(0)) || Self.isBreak(at(0)) {
                if Self.isBlank(at(0)) {
                    if leadingBlanks, column < minimumIndent, at(0) == 0x09, flowLevel == 0, contentFollowsOnLine() {
                        throw error("a tab in indentation; fix: indent with spaces only")
                    }
                    if !leadingBlanks { whitespace.append(at(0)) }
                    advance()
                } else {
                    if !leadingBlanks {
                        whitespace.removeAll(keepingCapacity: true)
                        leadingBlanks = true
                        breaks = 0
                    } else {
                        breaks += 1
                    }
                    skipBreak()
                }
            }
            if flowLevel == 0, column < minimumIndent { break }
            if line != lineBefore, flowLevel > 0, let blockIndent = flowIndent.last, column <= blockIndent, !atEnd {
                throw error("a flow collection's line is not indented past its block; fix: indent it further than the key it belongs to")
            }
        }
        if leadingBlanks { simpleKeyAllowed = true }
        _ = endOffset
        return YAMLToken(.scalar, at: start, value: String(decoding: text, as: UTF8.self), style: .plain)
    }

    func contentFollowsOnLine() -> Bool {
        var index = pos
        while index < end, Self.isBlank(buf[index]) { index += 1 }
        return index < end && !Self.isBreak(buf[index])
    }

    mutating func scanFlowScalar(double: Bool) throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark()
        let quote: UInt8 = double ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        advance()
        var text: [UInt8] = []
        var whitespace: [UInt8] = []
        var breaks = 0
        while true {
            if column == 0, isDocumentIndicator(UInt8(ascii: "-")) || isDocumentIndicator(UInt8(ascii: ".")) {
                throw error("a document marker inside a quoted string; fix: close the quote before the marker")
            }
            if atEnd {
                throw YAMLSyntaxError(location: start.location, message: "a \(double ? "double" : "single")-quoted string is never closed; fix: add the closing \(double ? "\"" : "'")")
            }
            var leadingBlanks = false
            var escapedBreak = false
            while !Self.isBlankOrBreakOrEnd(at(0)) {
                let byte = at(0)
                if !double, byte == quote, at(1) == quote {
                    text.append(quote)
                    pos += 2
                    continue
                }
                if byte == quote { break }
                if double, byte == UInt8(ascii: "\\"), Self.isBreak(at(1)) {
                    advance()
                    skipBreak()
                    try checkQuotedContinuation(start: start, double: double)
                    leadingBlanks = true
                    escapedBreak = true
                    break
                }
                if double, byte == UInt8(ascii: "\\") {
                    try scanEscape(into: &text)
                    continue
                }
                text.append(byte)
                advance()
            }
            if at(0) == quote { break }
            breaks = 0
            while Self.isBlank(at(0)) || Self.isBreak(at(0)) {
                if Self.isBlank(at(0)) {
                    if !leadingBlanks { whitespace.append(at(0)) }
                    advance()
                } else {
                    if !leadingBlanks {
                        whitespace.removeAll(keepingCapacity: true)
                        leadingBlanks = true
                    } else {
                        breaks += 1
                    }
                    skipBreak()
                    try checkQuotedContinuation(start: start, double: double)
                }
            }
            if leadingBlanks {
                if !escapedBreak && breaks == 0 { text.append(0x20) } else { text.append(contentsOf: repeatElement(0x0A, count: breaks)) }
            } else {
                text.append(contentsOf: whitespace)
            }
            whitespace.removeAll(keepingCapacity: true)
        }
        advance()
        return YAMLToken(.scalar, at: start, value: String(decoding: text, as: UTF8.self), style: double ? .doubleQuoted : .singleQuoted)
    }

    /// A quoted string's later lines belong to the block node it sits in, so they are indented past it.
    mutating func checkQuotedContinuation(start: YAMLMark, double: Bool) throws(YAMLSyntaxError) {
        guard flowLevel == 0, indent >= 0 else { return }
        var index = pos
        while index < end, buf[index] == 0x20 { index += 1 }
        if index < end, buf[index] == 0x09, index - lineStart <= indent {
            var after = index
            while after < end, Self.isBlank(buf[after]) { after += 1 }
            if after < end, !Self.isBreak(buf[after]) {
                throw YAMLSyntaxError(location: mark().location, message: "a tab in a quoted string's indentation; fix: indent its continuation lines with spaces")
            }
        }
        if index < end, Self.isBlankOrBreakOrEnd(buf[index]) { return }
        if index - lineStart <= indent, index < end {
            let quote = double ? "\"" : "'"
            throw YAMLSyntaxError(location: start.location, message: "a \(double ? "double" : "single")-quoted string is not closed on its line, and line \(line) is not indented under it; fix: add the closing \(quote), or indent the continuation")
        }
    }

    mutating func scanEscape(into text: inout [UInt8]) throws(YAMLSyntaxError) {
        let code = at(1)
        var width = 0
        var scalar: UInt32 = 0
        switch code {
        case UInt8(ascii: "0"): scalar = 0
        case UInt8(ascii: "a"): scalar = 7
        case UInt8(ascii: "b"): scalar = 8
        case UInt8(ascii: "t"), 0x09: scalar = 9
        case UInt8(ascii: "n"): scalar = 10
        case UInt8(ascii: "v"): scalar = 11
        case UInt8(ascii: "f"): scalar = 12
        case UInt8(ascii: "r"): scalar = 13
        case UInt8(ascii: "e"): scalar = 0x1B
        case 0x20: scalar = 0x20
        case UInt8(ascii: "\""): scalar = 0x22
        case UInt8(ascii: "/"): scalar = 0x2F
        case UInt8(ascii: "\\"): scalar = 0x5C
        case UInt8(ascii: "N"): scalar = 0x85
        case UInt8(ascii: "_"): scalar = 0xA0
        case UInt8(ascii: "L"): scalar = 0x2028
        case UInt8(ascii: "P"): scalar = 0x2029
        case UInt8(ascii: "x"): width = 2
        case UInt8(ascii: "u"): width = 4
        case UInt8(ascii: "U"): width = 8
        default:
            throw error("unknown escape \\\(code == 0 ? "" : String(Character(Unicode.Scalar(code)))) in a double-quoted string; fix: write \\\\ for a backslash, or use a single-quoted string")
        }
        pos += 2
        if width > 0 {
            for _ in 0..<width {
                guard let digit = Self.hexValue(at(0)) else {
                    throw error("\\\(Character(Unicode.Scalar(code))) needs \(width) hexadecimal digits; fix: write the code point in full, e.g. \\u00e9")
                }
                scalar = scalar << 4 | UInt32(digit)
                advance()
            }
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw error("escape U+\(String(scalar, radix: 16, uppercase: true)) is not a Unicode scalar (a surrogate or beyond U+10FFFF); fix: write the character itself")
        }
        text.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
