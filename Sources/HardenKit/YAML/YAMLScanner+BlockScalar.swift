/// Literal (`|`) and folded (`>`) scalars: the header's indentation indicator and chomping (`-`
/// strips the final line breaks, `+` keeps them all, neither keeps one).
extension YAMLScanner {
    mutating func fetchBlockScalar(literal: Bool) throws(YAMLSyntaxError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        append(try scanBlockScalar(literal: literal))
    }

    mutating func scanBlockScalar(literal: Bool) throws(YAMLSyntaxError) -> YAMLToken {
        let start = mark()
        advance()
        var chomping = 0
        var increment = 0
        for _ in 0..<2 {
            let byte = at(0)
            if chomping == 0, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                chomping = byte == UInt8(ascii: "+") ? 1 : -1
                advance()
            } else if increment == 0, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard byte != UInt8(ascii: "0") else {
                    throw error("a block scalar's indentation indicator is 1 to 9, not 0; fix: remove the 0 or give the indentation")
                }
                increment = Int(byte - UInt8(ascii: "0"))
                advance()
            }
        }
        var sawBlank = false
        while Self.isBlank(at(0)) { sawBlank = true; advance() }
        if at(0) == UInt8(ascii: "#") {
            guard sawBlank else { throw error("a comment after a block scalar header needs a space before #; fix: put a space before #") }
            while !Self.isBreakOrEnd(at(0)) { advance() }
        }
        guard Self.isBreakOrEnd(at(0)) else {
            throw error("unexpected text after a block scalar header (| or >); fix: start the text on the next line")
        }
        if Self.isBreak(at(0)) { skipBreak() }

        // The indicator counts from the parent node's indentation (-1 at the top of a document).
        var blockIndent = increment > 0 ? indent + increment : -1
        var text: [UInt8] = []
        var trailing = 0
        var leadingBreak = false
        var leadingBlank = false
        try blockScalarBreaks(&blockIndent, &trailing, start: start)
        while column == blockIndent, !atEnd {
            if column == 0, isDocumentIndicator(UInt8(ascii: "-")) || isDocumentIndicator(UInt8(ascii: ".")) { break }
            let trailingBlank = Self.isBlank(at(0))
            if !literal, leadingBreak, !leadingBlank, !trailingBlank {
                if trailing == 0 { text.append(0x20) }
            } else if leadingBreak {
                text.append(0x0A)
            }
            leadingBreak = false
            text.append(contentsOf: repeatElement(0x0A, count: trailing))
            trailing = 0
            leadingBlank = Self.isBlank(at(0))
            let lineStartOffset = pos
            while !Self.isBreakOrEnd(at(0)) { advance() }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: buf[lineStartOffset..<pos]))
            if atEnd {
                // The input's end closes the last line as a line break would.
                leadingBreak = true
                break
            }
            skipBreak()
            leadingBreak = true
            try blockScalarBreaks(&blockIndent, &trailing, start: start)
        }
        if chomping != -1, leadingBreak { text.append(0x0A) }
        if chomping == 1 { text.append(contentsOf: repeatElement(0x0A, count: trailing)) }
        return YAMLToken(.scalar, at: start, value: String(decoding: text, as: UTF8.self), style: literal ? .literal : .folded)
    }

    /// Skips the empty lines before content (counting them), and settles the indentation from the
    /// first non-empty line when the header did not give it.
    mutating func blockScalarBreaks(_ blockIndent: inout Int, _ trailing: inout Int, start: YAMLMark) throws(YAMLSyntaxError) {
        var maxIndent = 0
        while true {
            while blockIndent < 0 || column < blockIndent, at(0) == 0x20 { advance() }
            if column > maxIndent { maxIndent = column }
            if at(0) == 0x09, column <= indent || (blockIndent >= 0 && column < blockIndent) {
                // Tabs on an empty line past the parent's indentation are whitespace; at or before it they indent.
                var index = pos
                while index < end, Self.isBlank(buf[index]) { index += 1 }
                if (index < end && !Self.isBreak(buf[index])) || column <= indent {
                    throw error("a tab where a block scalar's indentation is expected; fix: indent with spaces only")
                }
                pos = index
            }
            if atEnd, pos > lineStart, lineStart > start.offset {
                // A last line of spaces without a line break is still an empty line.
                trailing += 1
                break
            }
            if !Self.isBreak(at(0)) { break }
            skipBreak()
            trailing += 1
        }
        if blockIndent < 0 {
            let hasContent = !atEnd && !Self.isBreakOrEnd(at(0))
            if hasContent, maxIndent > column, column > indent {
                throw error("a block scalar's leading empty line has more spaces than its first line of text; fix: remove the spaces from the empty lines, or give an indentation indicator")
            }
            blockIndent = max(maxIndent, indent + 1)
        }
    }
}
