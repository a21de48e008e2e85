import HardenModel
/// How one string is spelt in YAML so that every reader gets back that same string: YAML 1.1
/// readers (PyYAML under docker-compose 1.29, Go's yaml.v2) as much as YAML 1.2 ones (yaml.v3
/// under kubectl and compose v2). 1.1 is the hard one: it reads `yes`, `off` and `y` as booleans,
/// `0755` as octal, `8080:80` as a base-60 number and `2024-01-01` as a date.
///
/// A string is written plain only when it is certainly a string to both; otherwise it is
/// double-quoted, where escapes keep control characters and line breaks visible. Quoting a string
/// that did not need it costs two characters; failing to quote one changes a setting.
package enum YAMLScalar {
    static func string(_ text: String) -> String {
        needsQuotes(text) ? doubleQuoted(text) : text
    }

    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if first == " " || first == "\t" || last == " " || last == "\t" { return true }
        if indicators.contains(first) { return true }
        // `:` starts a mapping value (`a: b`) and makes 1.1's base-60 numbers (`8080:80`); `#` starts a
        // comment after a space. Both are rare enough in values that quoting every one is simplest.
        if text.unicodeScalars.contains(where: { $0 == ":" || $0 == "#" || needsEscape($0) }) { return true }
        if reservedWords.contains(text.lowercased()) || text.hasPrefix("...") { return true }
        return looksNumeric(text)
    }

    /// Characters that mean something at the start of a plain scalar: sequence entries, keys,
    /// flow collections, comments, anchors, aliases, tags, block scalars, quotes, directives,
    /// and the two YAML reserves for future use.
    private static let indicators: Set<Unicode.Scalar> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]

    /// YAML 1.1's booleans and nulls in any case (1.1 lists only three casings of each; a reader
    /// that is lax about case must not change the meaning either), the merge key and the value key.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "=",
    ]

    /// Anything a 1.1 or 1.2 reader could take for an int, float, base-60 number or date: after an
    /// optional sign, a digit (or `.` and a digit), then only digits, hex letters, base and exponent
    /// marks, separators. `0755`, `1_000`, `0x1F`, `1e3`, `.5`, `2024-01-01` are quoted; `512m`
    /// and `30s` are not.
    static func looksNumeric(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if [".inf", ".nan"].contains(body.lowercased()) { return true }
        let scalars = Array(body.unicodeScalars)
        guard let first = scalars.first else { return false }
        let startsLikeNumber = isDigit(first) || (first == "." && scalars.count > 1 && isDigit(scalars[1]))
        guard startsLikeNumber else { return false }
        return scalars.allSatisfy { isDigit($0) || "abcdefABCDEFxXoO._+-:".unicodeScalars.contains($0) }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Outside YAML's printable set, or read as a line break by 1.1 (NEL, LS, PS), or a byte order mark.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// A double-quoted scalar with the escapes YAML 1.1 and 1.2 share (they are JSON's, too).
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
