@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The smallest faithful reading of the YAML `YAMLWriter` writes, as a YAML 1.2 reader (compose v2's
/// yaml.v3) reads it: block mappings and sequences by indentation, `- ` entries that open a nested
/// block on their own line, plain scalars typed by YAML's core schema (true/false, null, numbers),
/// double-quoted scalars with their escapes, and `[]`/`{}`. Anything else fails the test, so the
/// emitter cannot start writing YAML this reader would take differently without a test noticing.
enum EmittedYAML {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String) throws -> JSONNode {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var index = 0
        let node = try block(&lines, &index, indent: 0)
        guard index == lines.count else { throw Failure(description: "unread line \(index + 1): \(lines[index])") }
        return node
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    static func block(_ lines: inout [String], _ index: inout Int, indent: Int) throws -> JSONNode {
        guard index < lines.count else { throw Failure(description: "a block expected at the end") }
        let first = lines[index]
        if String(first.dropFirst(indent)).hasPrefix("- ") {
            var items: [JSONNode] = []
            while index < lines.count, indentation(lines[index]) == indent, String(lines[index].dropFirst(indent)).hasPrefix("- ") {
                let content = String(lines[index].dropFirst(indent + 2))
                if content.hasPrefix("- ") || (try? keyAndRest(content)) != nil {
                    // `- key: value` or `- - item`: the entry is a block whose first line starts after the dash.
                    lines[index] = String(repeating: " ", count: indent + 2) + content
                    items.append(try block(&lines, &index, indent: indent + 2))
                } else {
                    items.append(try scalar(content))
                    index += 1
                }
            }
            return .arr(items)
        }
        var members: [(String, JSONNode)] = []
        while index < lines.count, indentation(lines[index]) == indent, !String(lines[index].dropFirst(indent)).hasPrefix("- ") {
            let (key, rest) = try keyAndRest(String(lines[index].dropFirst(indent)))
            index += 1
            if rest.isEmpty {
                guard index < lines.count, indentation(lines[index]) > indent else { throw Failure(description: "key \(key) has no value") }
                members.append((key, try block(&lines, &index, indent: indentation(lines[index]))))
            } else {
                members.append((key, try scalar(rest)))
            }
        }
        guard index == lines.count || indentation(lines[index]) < indent else {
            throw Failure(description: "line \(index + 1) is indented unexpectedly: \(lines[index])")
        }
        return .obj(members)
    }

    /// `key: value` or `key:`; the key plain or double-quoted.
    static func keyAndRest(_ text: String) throws -> (String, String) {
        if text.hasPrefix("\"") {
            let (key, consumed) = try doubleQuoted(Substring(text))
            let rest = text.dropFirst(consumed)
            guard rest.hasPrefix(":") else { throw Failure(description: "no colon after the key in \(text)") }
            return (key, String(rest.dropFirst()).trimmingPrefixSpace())
        }
        if let range = text.range(of: ": ") { return (String(text[..<range.lowerBound]), String(text[range.upperBound...])) }
        if text.hasSuffix(":") { return (String(text.dropLast()), "") }
        throw Failure(description: "not a mapping entry: \(text)")
    }

    static func scalar(_ text: String) throws -> JSONNode {
        if text.hasPrefix("\"") {
            let (value, consumed) = try doubleQuoted(Substring(text))
            guard consumed == text.utf8.count else { throw Failure(description: "text after a quoted scalar: \(text)") }
            return .str(value)
        }
        switch text {
        case "[]": return .arr([])
        case "{}": return .obj([])
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~": return JSONNode(.null)
        default: break
        }
        if text.first.map({ "[{'|>&*!%@`#".contains($0) }) == true { throw Failure(description: "a plain scalar this reader does not take: \(text)") }
        if text.contains(": ") || text.contains(" #") { throw Failure(description: "a plain scalar YAML would split: \(text)") }
        if Double(text) != nil && text.allSatisfy({ "0123456789.-+eE".contains($0) }) { return .num(text) }
        return .str(text)
    }

    /// A double-quoted scalar at the start of `text`, and how many UTF-8 bytes it took.
    static func doubleQuoted(_ text: Substring) throws -> (String, Int) {
        var out = ""
        var scalars = text.unicodeScalars.dropFirst().makeIterator()
        var consumed = 1
        while let scalar = scalars.next() {
            consumed += String(scalar).utf8.count
            switch scalar {
            case "\"": return (out, consumed)
            case "\\":
                guard let escape = scalars.next() else { throw Failure(description: "a dangling escape") }
                consumed += 1
                switch escape {
                case "\"": out += "\""
                case "\\": out += "\\"
                case "/": out += "/"
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "0": out += "\u{0}"
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let digit = scalars.next() { hex.unicodeScalars.append(digit) } }
                    consumed += 4
                    guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { throw Failure(description: "bad \\u escape") }
                    out.unicodeScalars.append(decoded)
                default: throw Failure(description: "an escape this reader does not take: \\\(escape)")
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        throw Failure(description: "an unterminated quoted scalar: \(text)")
    }
}

private extension String {
    func trimmingPrefixSpace() -> String { String(drop { $0 == " " }) }
}
