extension StringProtocol where SubSequence == Substring {
    /// `split(separator:maxSplits:omittingEmptySubsequences:)` at an ASCII separator, the same
    /// pieces, cut on bytes when the text is plain ASCII (every Character one byte): docker option
    /// values are split for every audited launch, and walking Characters cost more than the rest.
    /// Text with any other character is split as before, by Characters.
    @inlinable
    package func splitASCII(
        _ separator: Unicode.Scalar, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        let whole = self[...]
        let cut = UInt8(truncatingIfNeeded: separator.value)
        // A String's own bytes (a substring is copied first: option values are short, and walking a
        // substring's bytes goes through generic code that cost more than the copy).
        var text = String(whole)
        let offsets: [Range<Int>]?? = !separator.isASCII ? nil : text.withUTF8 { bytes -> [Range<Int>]? in
            guard bytes.isASCII else { return nil }
            var pieces: [Range<Int>] = []
            var start = 0
            var index = 0
            while index < bytes.count, pieces.count < maxSplits {
                if bytes[index] == cut {
                    if !omittingEmptySubsequences || start != index { pieces.append(start..<index) }
                    start = index + 1
                }
                index += 1
            }
            if !omittingEmptySubsequences || start != bytes.count { pieces.append(start..<bytes.count) }
            return pieces
        }
        guard let found = offsets, let ranges = found else {
            return split(separator: Character(separator), maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        let utf8 = whole.utf8
        return ranges.map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return whole[lower..<utf8.index(lower, offsetBy: range.count)]
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Every byte below 0x80, tested by or-ing them all: no branch a byte, for long lines.
    @inlinable
    package var isASCII: Bool {
        var union: UInt8 = 0
        for byte in self { union |= byte }
        return union < 0x80
    }
}
