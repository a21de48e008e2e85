/// Deterministic JSON output: the same node always produces the same bytes, so
/// generated files diff cleanly and can be compared or hashed.
public enum JSONWriter {
    /// Two-space indent, `"key": value`, object members in their stored order,
    /// one array element per line, empty containers as `[]` and `{}`, and a
    /// trailing newline.
    ///
    /// Strings are escaped per RFC 8259: `"` and `\` are escaped, control
    /// characters become `\n \t \r \b \f` or `\u00XX`, `/` is left alone and
    /// non-ASCII is written as UTF-8. Numbers are written as their literal text.
    public static func pretty(_ node: JSONNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(node, into: &out, indent: 0, pretty: true)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `node` as `pretty(_:)` writes it `indent` levels deep, without a trailing newline: one element
    /// of an array written piece by piece.
    package static func appendPretty(_ node: JSONNode, indent: Int, into out: inout [UInt8]) {
        write(node, into: &out, indent: indent, pretty: true)
    }

    /// The same as `pretty(_:)` without any whitespace, including no trailing newline.
    public static func compact(_ node: JSONNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(node, into: &out, indent: 0, pretty: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string literal, for quoting user data inside messages.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ node: JSONNode, into out: inout [UInt8], indent: Int, pretty: Bool) {
        switch node.kind {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let literal):
            out.append(contentsOf: literal.utf8)
        case .string(let value):
            appendString(value, into: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(into: &out, indent: indent + 1) }
                write(element, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &out, indent: indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(into: &out, indent: indent + 1) }
                appendString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &out, indent: indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and the indentation of `indent` levels, as `pretty(_:)` writes them.
    package static func newline(into out: inout [UInt8], indent: Int) {
        out.append(UInt8(ascii: "\n"))
        if indent * 2 <= spaces.count {
            out.append(contentsOf: spaces[..<(indent * 2)])
        } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// True when no byte of the text needs escaping, the common case, so it can be copied whole.
    private static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
        return true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Byte by byte, a config.json cost two hundred instructions a byte; most strings need no escape.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard plain(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default:
                // UTF-8 continuation and lead bytes pass straight through: a
                // Swift String is always valid UTF-8.
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
