import FoundationEssentials
import HardenModel

/// The variables compose substitutes into a file: its own environment over the project's `.env`
/// (beside the compose file, or the file `--env-file` names), as `docker compose` reads them.
package struct ComposeEnvironment {
    var variables: [String: String]

    init(variables: [String: String]) { self.variables = variables }

    func value(_ name: String) -> String? { variables[name] }

    /// `environment` over the dotenv file's values. `envFile` given but unreadable is bad input; a
    /// missing default `.env` is simply none.
    static func load(environment: [String: String], envFile: String?, directory: String, shownEnvFile: String?) throws(HardenError) -> ComposeEnvironment {
        let path = envFile ?? (directory + "/.env")
        var values: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            let shown = shownEnvFile ?? path
            let text = try UTF8Text.decode(data, file: shown)
            values = try parse(text, file: shown, environment: environment)
        } else if envFile != nil {
            throw .input("\(shownEnvFile ?? path): cannot read the env file; check the path")
        }
        for (name, value) in environment { values[name] = value }
        return ComposeEnvironment(variables: values)
    }

    /// compose-go's dotenv: `NAME=value` lines, an optional `export `, `#` comments, values in single
    /// quotes (literal), double quotes (escapes \n \t \" \\ and substitution) or bare (trimmed, a
    /// ` #` starts a comment, substitution applies). Earlier lines and the environment fill in variables.
    static func parse(_ text: String, file: String, environment: [String: String]) throws(HardenError) -> [String: String] {
        var values: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop(while: { $0 == " " }) }
            guard let equals = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw .input("\(file):\(number + 1): expected NAME=value; fix: write the line as NAME=value or remove it")
            }
            let name = String(line[..<equals]).trimmingWhitespace()
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ComposeTemplate.isNameCharacter($0) || $0 == "." || $0 == "-" }) else {
                throw .input("\(file):\(number + 1): \"\(name)\" is not a variable name; fix: use letters, digits and _")
            }
            let raw = line[line.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" })
            let lookup: (String) -> String? = { values[$0] ?? environment[$0] }
            var value: String
            if raw.hasPrefix("'"), let close = raw.dropFirst().firstIndex(of: "'") {
                value = String(raw[raw.index(after: raw.startIndex)..<close])
            } else if raw.hasPrefix("\""), let close = closingQuote(raw) {
                let inner = raw[raw.index(after: raw.startIndex)..<close]
                value = unescape(inner)
                value = (try? ComposeTemplate.substitute(value, lookup).text) ?? value
            } else {
                var bare = String(raw)
                if let comment = bare.rangeOfText(" #") { bare = String(bare[..<comment.lowerBound]) }
                value = bare.trimmingWhitespace()
                value = (try? ComposeTemplate.substitute(value, lookup).text) ?? value
            }
            values[name] = value
        }
        return values
    }

    static func closingQuote(_ raw: Substring) -> Substring.Index? {
        var index = raw.index(after: raw.startIndex)
        while index < raw.endIndex {
            if raw[index] == "\\" { index = raw.index(after: index); if index < raw.endIndex { index = raw.index(after: index) }; continue }
            if raw[index] == "\"" { return index }
            index = raw.index(after: index)
        }
        return nil
    }

    static func unescape(_ text: Substring) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
