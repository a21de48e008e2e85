/// A JSON syntax error with the position a user should look at.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Strict RFC 8259 parser that records where every value and key starts.
///
/// Strictness is deliberate: a security profile that is accepted with a typo
/// (trailing comma, comment, duplicate key) is a profile whose meaning the
/// author may not have intended.
public enum JSONParser {
    /// Parses one JSON document.
    ///
    /// - No comments, trailing commas, NaN/Infinity, single quotes or leading zeros.
    /// - A key repeated within one object is an error naming the key and the line
    ///   of its first occurrence, because the duplicate could hide a weaker setting.
    /// - Nesting deeper than `maxDepth` containers is an error. The parser itself
    ///   never recurses, so any input is safe; `maxDepth` also bounds the recursion
    ///   of whoever walks, compares, prints or frees the resulting tree.
    /// - A leading UTF-8 byte order mark is skipped.
    /// - Invalid UTF-8 and unpaired surrogate `\u` escapes are errors.
    public static func parse(_ text: String, maxDepth: Int = 256) throws(JSONSyntaxError) -> JSONNode {
        var text = text
        // withUTF8 gives the native storage without copying a possibly huge document.
        let result: Result<JSONNode, JSONSyntaxError> = text.withUTF8 { buffer in
            var parser = JSONByteParser(buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public static func parse(_ data: [UInt8], maxDepth: Int = 256) throws(JSONSyntaxError) -> JSONNode {
        let result: Result<JSONNode, JSONSyntaxError> = data.withUnsafeBufferPointer { buffer in
            var parser = JSONByteParser(buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

// MARK: - Implementation

private enum JSONByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let singleQuote = UInt8(ascii: "'")
}

/// One open container. Containers are kept on an explicit stack instead of the
/// call stack so that hostile nesting can never overflow the thread's stack.
private struct JSONContainerFrame {
    let isObject: Bool
    let location: SourceLocation
    var elements: [JSONNode] = []
    var members: [JSONMember] = []
    /// Built lazily once an object is large enough that linear duplicate checks
    /// would turn quadratic; small objects (the common case) never pay for hashing.
    var keyIndex: [String: Int] = [:]
    var pendingKey = ""
    var pendingKeyLocation = SourceLocation(line: 0, column: 0)

    init(isObject: Bool, location: SourceLocation) {
        self.isObject = isObject
        self.location = location
    }

    static let linearSearchLimit = 16

    mutating func existingKeyLocation(_ key: String) -> SourceLocation? {
        if members.count < JSONContainerFrame.linearSearchLimit {
            return members.first(where: { $0.key == key })?.keyLocation
        }
        if keyIndex.count < members.count {
            for index in keyIndex.count..<members.count {
                keyIndex[members[index].key] = index
            }
        }
        return keyIndex[key].map { members[$0].keyLocation }
    }
}

private struct JSONByteParser {
    let buf: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var pos = 0
    var line = 1
    var lineStart = 0
    // Columns are computed lazily from the last known (position, column) pair so
    // that hot loops only look at bytes, and long single-line documents stay linear.
    var columnAnchor = 0
    var anchorColumn = 1
    var scratch: [UInt8] = []

    init(_ buf: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buf
        self.end = buf.count
        self.maxDepth = max(0, maxDepth)
        if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
            pos = 3
            lineStart = 3
            columnAnchor = 3
        }
    }

    // MARK: Positions

    mutating func location(at target: Int) -> SourceLocation {
        if target < columnAnchor {
            columnAnchor = lineStart
            anchorColumn = 1
        }
        var column = anchorColumn
        var index = columnAnchor
        let limit = min(target, end)
        while index < limit {
            // Every byte that is not a UTF-8 continuation byte starts a scalar.
            if buf[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        columnAnchor = limit
        anchorColumn = column
        return SourceLocation(line: line, column: column)
    }

    mutating func error(at target: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(location: location(at: target), message: message)
    }

    mutating func skipWhitespace() {
        while pos < end {
            let byte = buf[pos]
            if byte == JSONByte.space || byte == JSONByte.tab || byte == JSONByte.carriageReturn {
                pos += 1
            } else if byte == JSONByte.newline {
                pos += 1
                line += 1
                lineStart = pos
                columnAnchor = pos
                anchorColumn = 1
            } else {
                return
            }
        }
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        var frames: [JSONContainerFrame] = []

        nextValue: while true {
            skipWhitespace()
            guard pos < end else {
                throw error(at: pos, frames.isEmpty ? "empty input, expected a JSON value" : "unexpected end of input, expected a value")
            }
            let start = location(at: pos)
            var value: JSONNode
            switch buf[pos] {
            case JSONByte.openBrace:
                try checkDepth(frames.count + 1)
                pos += 1
                skipWhitespace()
                if pos < end, buf[pos] == JSONByte.closeBrace {
                    pos += 1
                    value = JSONNode(.object([]), at: start)
                } else {
                    var frame = JSONContainerFrame(isObject: true, location: start)
                    try readKey(into: &frame, afterComma: false)
                    frames.append(frame)
                    continue nextValue
                }
            case JSONByte.openBracket:
                try checkDepth(frames.count + 1)
                pos += 1
                skipWhitespace()
                if pos < end, buf[pos] == JSONByte.closeBracket {
                    pos += 1
                    value = JSONNode(.array([]), at: start)
                } else {
                    frames.append(JSONContainerFrame(isObject: false, location: start))
                    continue nextValue
                }
            case JSONByte.quote:
                value = JSONNode(.string(try parseString(startLocation: start)), at: start)
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                value = JSONNode(.number(try parseNumber()), at: start)
            case UInt8(ascii: "t") where matchLiteral("true"):
                pos += 4
                value = JSONNode(.bool(true), at: start)
            case UInt8(ascii: "f") where matchLiteral("false"):
                pos += 5
                value = JSONNode(.bool(false), at: start)
            case UInt8(ascii: "n") where matchLiteral("null"):
                pos += 4
                value = JSONNode(.null, at: start)
            default:
                throw unexpected(expecting: "a value")
            }

            // Attach the finished value to its parent; closing a container
            // finishes another value, so keep going until one needs a new value.
            while true {
                guard !frames.isEmpty else {
                    skipWhitespace()
                    if pos < end {
                        throw error(at: pos, "unexpected \(describeByte(at: pos)) after the top-level value")
                    }
                    return value
                }
                let top = frames.count - 1
                skipWhitespace()
                if frames[top].isObject {
                    frames[top].members.append(JSONMember(
                        key: frames[top].pendingKey, keyLocation: frames[top].pendingKeyLocation, value: value))
                    guard pos < end else {
                        throw error(at: pos, "unexpected end of input, expected ',' or '}' after object member")
                    }
                    switch buf[pos] {
                    case JSONByte.comma:
                        pos += 1
                        skipWhitespace()
                        try readKey(into: &frames[top], afterComma: true)
                        continue nextValue
                    case JSONByte.closeBrace:
                        pos += 1
                        let frame = frames.removeLast()
                        value = JSONNode(.object(frame.members), at: frame.location)
                    case JSONByte.slash:
                        throw error(at: pos, "comments are not allowed in JSON")
                    default:
                        throw error(at: pos, "expected ',' or '}' after object member, found \(describeByte(at: pos))")
                    }
                } else {
                    frames[top].elements.append(value)
                    guard pos < end else {
                        throw error(at: pos, "unexpected end of input, expected ',' or ']' after array element")
                    }
                    switch buf[pos] {
                    case JSONByte.comma:
                        let commaPosition = pos
                        pos += 1
                        skipWhitespace()
                        if pos < end, buf[pos] == JSONByte.closeBracket {
                            throw error(at: commaPosition, "trailing comma is not allowed")
                        }
                        continue nextValue
                    case JSONByte.closeBracket:
                        pos += 1
                        let frame = frames.removeLast()
                        value = JSONNode(.array(frame.elements), at: frame.location)
                    case JSONByte.slash:
                        throw error(at: pos, "comments are not allowed in JSON")
                    default:
                        throw error(at: pos, "expected ',' or ']' after array element, found \(describeByte(at: pos))")
                    }
                }
            }
        }
    }

    mutating func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth {
            throw error(at: pos, "nesting is deeper than the limit of \(maxDepth) levels; no harden input needs that many, so look for unclosed brackets or generate flatter JSON")
        }
    }

    /// Reads `"key" :` with the position at the key (whitespace already skipped).
    mutating func readKey(into frame: inout JSONContainerFrame, afterComma: Bool) throws(JSONSyntaxError) {
        guard pos < end else {
            throw error(at: pos, "unexpected end of input, expected a string key")
        }
        let byte = buf[pos]
        guard byte == JSONByte.quote else {
            if byte == JSONByte.closeBrace, afterComma {
                throw error(at: pos, "trailing comma is not allowed")
            }
            if byte == JSONByte.singleQuote {
                throw error(at: pos, "object keys must use double quotes")
            }
            if byte == JSONByte.slash {
                throw error(at: pos, "comments are not allowed in JSON")
            }
            let expected = afterComma ? "a string key" : "a string key or '}'"
            throw error(at: pos, "expected \(expected), found \(describeByte(at: pos))")
        }
        let keyLocation = location(at: pos)
        let key = try parseString(startLocation: keyLocation)
        if let first = frame.existingKeyLocation(key) {
            throw JSONSyntaxError(
                location: keyLocation,
                message: "duplicate key \(JSONWriter.quoted(key)) (first defined at line \(first.line))")
        }
        frame.pendingKey = key
        frame.pendingKeyLocation = keyLocation
        skipWhitespace()
        guard pos < end, buf[pos] == JSONByte.colon else {
            if pos >= end {
                throw error(at: pos, "unexpected end of input, expected ':' after object key")
            }
            throw error(at: pos, "expected ':' after object key, found \(describeByte(at: pos))")
        }
        pos += 1
    }

    // MARK: Scalars

    func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard pos + count <= end else { return false }
        return literal.withUTF8Buffer { expected in
            for offset in 0..<count where buf[pos + offset] != expected[offset] {
                return false
            }
            return true
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = pos
        if buf[pos] == JSONByte.minus { pos += 1 }
        guard pos < end, isDigit(buf[pos]) else {
            if matchLiteral("Infinity") {
                throw error(at: start, "NaN and Infinity are not valid JSON numbers")
            }
            throw error(at: pos, "expected a digit after '-'")
        }
        if buf[pos] == JSONByte.zero {
            pos += 1
            if pos < end, isDigit(buf[pos]) {
                throw error(at: start, "leading zeros are not allowed in numbers")
            }
        } else {
            while pos < end, isDigit(buf[pos]) { pos += 1 }
        }
        if pos < end, buf[pos] == JSONByte.dot {
            pos += 1
            guard pos < end, isDigit(buf[pos]) else {
                throw error(at: pos, "expected a digit after the decimal point")
            }
            while pos < end, isDigit(buf[pos]) { pos += 1 }
        }
        if pos < end, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < end, buf[pos] == JSONByte.plus || buf[pos] == JSONByte.minus { pos += 1 }
            guard pos < end, isDigit(buf[pos]) else {
                throw error(at: pos, "expected a digit in the exponent")
            }
            while pos < end, isDigit(buf[pos]) { pos += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= JSONByte.zero && byte <= JSONByte.nine
    }

    /// Parses a string whose opening quote is at `pos`.
    mutating func parseString(startLocation: SourceLocation) throws(JSONSyntaxError) -> String {
        pos += 1
        let start = pos
        var index = pos
        // Fast path: most strings have no escapes and can be copied in one go.
        while index < end {
            let byte = buf[index]
            if byte == JSONByte.quote {
                pos = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<index]), as: UTF8.self)
            }
            if byte == JSONByte.backslash {
                return try parseEscapedString(contentStart: start, firstEscape: index, startLocation: startLocation)
            }
            if byte < 0x20 {
                throw controlCharacterError(at: index)
            }
            index = byte < 0x80 ? index + 1 : try endOfScalar(at: index)
        }
        pos = index
        throw JSONSyntaxError(location: startLocation, message: "unterminated string")
    }

    mutating func parseEscapedString(
        contentStart: Int, firstEscape: Int, startLocation: SourceLocation
    ) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[contentStart..<firstEscape]))
        var index = firstEscape
        while index < end {
            let byte = buf[index]
            if byte == JSONByte.quote {
                pos = index + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == JSONByte.backslash {
                guard index + 1 < end else { break }
                let escape = buf[index + 1]
                switch escape {
                case JSONByte.quote, JSONByte.backslash, JSONByte.slash:
                    scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, next) = try parseUnicodeEscape(at: index)
                    appendUTF8(scalar)
                    index = next
                    continue
                default:
                    throw error(at: index, "invalid escape '\\\(describeEscapeCharacter(at: index + 1))' in string")
                }
                index += 2
            } else if byte < 0x20 {
                throw controlCharacterError(at: index)
            } else if byte < 0x80 {
                scratch.append(byte)
                index += 1
            } else {
                let next = try endOfScalar(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[index..<next]))
                index = next
            }
        }
        pos = end
        throw JSONSyntaxError(location: startLocation, message: "unterminated string")
    }

    /// Decodes `\uXXXX` (and its low-surrogate partner) starting at the backslash.
    mutating func parseUnicodeEscape(at backslash: Int) throws(JSONSyntaxError) -> (UInt32, Int) {
        guard let high = hex4(at: backslash + 2) else {
            throw error(at: backslash, "invalid \\u escape, expected four hex digits")
        }
        switch high {
        case 0xD800...0xDBFF:
            let low: UInt32? =
                if backslash + 7 < end, buf[backslash + 6] == JSONByte.backslash, buf[backslash + 7] == UInt8(ascii: "u") {
                    hex4(at: backslash + 8)
                } else {
                    nil
                }
            guard let low, (0xDC00...0xDFFF).contains(low) else {
                throw error(at: backslash, "unpaired high surrogate \\u\(hexText(high)) in string")
            }
            return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), backslash + 12)
        case 0xDC00...0xDFFF:
            throw error(at: backslash, "unpaired low surrogate \\u\(hexText(high)) in string")
        default:
            return (high, backslash + 6)
        }
    }

    func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buf[index + offset]
            let digit: UInt8
            switch byte {
            case JSONByte.zero...JSONByte.nine: digit = byte - JSONByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    func hexText(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `index` and returns
    /// the index just past it. Rejects overlong forms, encoded surrogates and
    /// values beyond U+10FFFF, as RFC 3629 requires.
    mutating func endOfScalar(at index: Int) throws(JSONSyntaxError) -> Int {
        guard let next = validScalarEnd(at: index) else {
            throw error(at: index, "invalid UTF-8 byte 0x\(hexByte(buf[index]))")
        }
        return next
    }

    func validScalarEnd(at index: Int) -> Int? {
        let lead = buf[index]
        var trailing: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00..<0x80: return index + 1
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: return nil
        }
        guard index + trailing < end else { return nil }
        let second = buf[index + 1]
        guard second >= low, second <= high else { return nil }
        var offset = 2
        while offset <= trailing {
            guard buf[index + offset] & 0xC0 == 0x80 else { return nil }
            offset += 1
        }
        return index + trailing + 1
    }

    func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    mutating func controlCharacterError(at index: Int) -> JSONSyntaxError {
        error(at: index, "unescaped control character U+\(hexText(UInt32(buf[index]))) in string")
    }

    /// Explains an unexpected byte where a value was required, with hints for
    /// the usual JSON-with-extensions habits.
    mutating func unexpected(expecting: String) -> JSONSyntaxError {
        let byte = buf[pos]
        switch byte {
        case JSONByte.slash:
            return error(at: pos, "comments are not allowed in JSON")
        case JSONByte.singleQuote:
            return error(at: pos, "strings must use double quotes")
        case UInt8(ascii: "N") where matchLiteral("NaN"), UInt8(ascii: "I") where matchLiteral("Infinity"):
            return error(at: pos, "NaN and Infinity are not valid JSON numbers")
        default:
            if byte >= 0x80, validScalarEnd(at: pos) == nil {
                return error(at: pos, "invalid UTF-8 byte 0x\(hexByte(byte))")
            }
            if isLetter(byte) {
                // Show the whole bare word ("tru", "yes", "None"), which says more than its first letter.
                var wordEnd = pos
                while wordEnd < end, wordEnd - pos < 24, isLetter(buf[wordEnd]) { wordEnd += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: buf[pos..<wordEnd]), as: UTF8.self)
                return error(at: pos, "expected \(expecting), found '\(word)'")
            }
            return error(at: pos, "expected \(expecting), found \(describeByte(at: pos))")
        }
    }

    func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A short human description of whatever starts at `index`.
    func describeByte(at index: Int) -> String {
        guard index < end else { return "end of input" }
        let byte = buf[index]
        if byte >= 0x80 {
            guard let next = validScalarEnd(at: index) else {
                return "invalid UTF-8 byte 0x\(hexByte(byte))"
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[index..<next]), as: UTF8.self)
            return "'\(text)'"
        }
        if byte < 0x20 || byte == 0x7F {
            return "control character U+\(hexText(UInt32(byte)))"
        }
        return "'\(Character(Unicode.Scalar(byte)))'"
    }

    func describeEscapeCharacter(at index: Int) -> String {
        let description = describeByte(at: index)
        if description.hasPrefix("'"), description.hasSuffix("'") {
            return String(description.dropFirst().dropLast())
        }
        return description
    }
}
