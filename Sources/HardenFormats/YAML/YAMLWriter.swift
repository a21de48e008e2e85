import HardenModel
/// Writes a JSON tree as block-style YAML, so a compose file and its JSON form (which `harden check`
/// reads) are one tree printed two ways.
///
/// The output is byte-stable: two-space indent, members in the tree's order, sequence entries
/// indented under their key, empty containers as `[]` and `{}`, strings spelt by `YAMLScalar`,
/// numbers as their literal text, a trailing newline. Builders pass plain decimals for numbers:
/// a YAML 1.1 reader takes an exponent literal such as `1e3` for a string.
public enum YAMLWriter {
    public static func document(_ node: JSONNode) -> String {
        if let inline = inline(node) { return inline + "\n" }
        return block(node, indent: 0).joined(separator: "\n") + "\n"
    }

    /// A scalar or an empty container, on the same line as its key or dash; nil for a block.
    private static func inline(_ node: JSONNode) -> String? {
        switch node.kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let literal): literal
        case .string(let text): YAMLScalar.string(text)
        case .array(let elements): elements.isEmpty ? "[]" : nil
        case .object(let members): members.isEmpty ? "{}" : nil
        }
    }

    /// The lines of a non-empty container, each already indented by `indent` spaces.
    private static func block(_ node: JSONNode, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        switch node.kind {
        case .object(let members):
            for member in members {
                let key = YAMLScalar.string(member.key)
                if let value = inline(member.value) {
                    lines.append("\(pad)\(key): \(value)")
                } else {
                    lines.append("\(pad)\(key):")
                    lines += block(member.value, indent: indent + 2)
                }
            }
        case .array(let elements):
            for element in elements {
                if let value = inline(element) {
                    lines.append("\(pad)- \(value)")
                } else {
                    // The entry's first line shares the dash's line: `- key: value` or `- - item`.
                    var nested = block(element, indent: indent + 2)
                    nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                    lines += nested
                }
            }
        default:
            break
        }
        return lines
    }
}
