import Glibc

/// The few text operations full Foundation used to supply here (its start-up cost is most of a
/// `harden run`).
extension StringProtocol {
    /// Every occurrence of `target` replaced, matched byte for byte: a quote or `$` followed by a
    /// combining mark is still one to docker's CSV reader or compose, where `replacing` and
    /// Foundation's replacingOccurrences (which compare whole characters) would pass it by.
    package func replacingText(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return String(self) }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == first, index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                result += replacement.utf8
                index += needle.count
                changed = true
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: result, as: UTF8.self) : String(self)
    }

    /// Without leading and trailing spaces and tabs (Unicode space separators, as
    /// CharacterSet.whitespaces), and with `newlines`, line breaks too.
    package func trimmingWhitespace(newlines: Bool = false) -> String {
        let scalars = unicodeScalars
        let blank = { (scalar: Unicode.Scalar) in StringText.isWhitespace(scalar, newlines: newlines) }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Without leading and trailing copies of `character`.
    func trimming(_ character: Character) -> String {
        guard let first = firstIndex(where: { $0 != character }) else { return "" }
        let last = lastIndex(where: { $0 != character })!
        return String(self[first...last])
    }

    /// Cut or filled with spaces to exactly `width` characters, for columns.
    package func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : String(self) + String(repeating: " ", count: width - count)
    }
}

extension String {
    /// Where `target` first occurs, matched byte for byte. The standard library's `firstRange(of:)`
    /// cost a quarter of a million instructions on first use, in a `harden run` start of nine million.
    package func rangeOfText(_ target: String) -> Range<String.Index>? {
        let bytes = Array(utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            return lower..<utf8.index(lower, offsetBy: needle.count)
        }
        return nil
    }
}

package enum StringText {
    /// CharacterSet.whitespaces is the space separators and tab; `newlines` adds
    /// CharacterSet.newlines (LF, VT, FF, CR, NEL, and the line and paragraph separators).
    static func isWhitespace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        if scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator { return true }
        guard newlines else { return false }
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `path` with every byte outside CharacterSet.urlPathAllowed (which leaves out `;`), and `:` too (a relative URI
    /// reference must not look like a scheme), written as %XX.
    package static func percentEncodedPath(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.append(byte)
            case _ where Array("-._~!$&'()*+,=@/".utf8).contains(byte):
                result.append(byte)
            default:
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `value` in fixed notation with `digits` decimals, rounded as printf's `%.Nf` rounds: the
    /// C library formats it, so no Foundation is needed.
    static func fixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        guard count >= 0, count < buffer.count else { return String(value) }
        return String(decoding: buffer[..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
