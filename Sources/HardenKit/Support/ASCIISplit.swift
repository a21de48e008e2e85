extension StringProtocol where SubSequence == Substring {
    /// `split(separator:maxSplits:omittingEmptySubsequences:)` at an ASCII separator, the same
    /// pieces, cut on bytes when the text is plain ASCII (every Character one byte): docker option
    /// values are split for every audited launch, and walking Characters cost more than the rest.
    /// Text with any other character is split as before, by Characters.
    func splitASCII(
        _ separator: Unicode.Scalar, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        let bytes = utf8
        guard separator.isASCII, bytes.allSatisfy({ $0 < 0x80 }) else {
            return split(separator: Character(separator), maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        let cut = UInt8(separator.value)
        var pieces: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex, pieces.count < maxSplits {
            if bytes[index] == cut {
                if !omittingEmptySubsequences || start != index { pieces.append(self[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if !omittingEmptySubsequences || start != bytes.endIndex { pieces.append(self[start..<bytes.endIndex]) }
        return pieces
    }
}
