/// Reads one JSON object strictly: every key must be known, every value of the expected type, and
/// each error names the file, line and column, and the key path (`web.json:7:15: resources.memory: …`).
///
/// Profiles and policies both decode through this, so their errors read alike.
package struct StrictReader {
    /// Parses a whole document; a syntax error names the file, line and column.
    package static func parse(_ text: String, file: String) throws(HardenError) -> JSONNode {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .input("\(file):\(error.location.line):\(error.location.column): \(error.message)")
        }
    }

    package let file: String
    package let path: [String]
    package let node: JSONNode

    package init(file: String, path: [String] = [], node: JSONNode) {
        self.file = file
        self.path = path
        self.node = node
    }

    package var keyPath: String { StrictReader.render(path) }

    /// `resources.memory`, `tmpfs["/run"].size`: keys that are not plain words are bracketed.
    /// A byte that is an ASCII letter, digit or underscore: the common key, checked without Unicode tables.
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    package static func render(_ path: [String]) -> String {
        var text = ""
        for component in path {
            if !component.isEmpty && (component.utf8.allSatisfy(isPlainASCII) || component.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })) {
                text += text.isEmpty ? component : "." + component
            } else {
                text += "[\"\(component)\"]"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    package func error(_ message: String, at location: SourceLocation? = nil) -> HardenError {
        let where_ = location ?? node.location
        return .input("\(file):\(where_.line):\(where_.column): \(keyPath): \(message)")
    }

    /// The members of an object, after checking that no key falls outside `allowed`.
    func members(allowed: [String]) throws(HardenError) -> [JSONMember] {
        guard let members = node.objectMembers else {
            throw error("expected an object, found \(node.typeName)")
        }
        for member in members where !allowed.contains(member.key) {
            let child = StrictReader(file: file, path: path + [member.key], node: member.value)
            var hint = "allowed keys: " + allowed.joined(separator: ", ")
            if let near = StrictReader.nearest(member.key, in: allowed) { hint = "did you mean \"\(near)\"?" }
            throw child.error("unknown key; \(hint)", at: member.keyLocation)
        }
        return members
    }

    /// A reader for one member, or nil when the key is absent or explicitly `null`.
    package func child(_ key: String) -> StrictReader? {
        guard let member = node.objectMembers?.first(where: { $0.key == key }) else { return nil }
        if case .null = member.value.kind { return nil }
        return StrictReader(file: file, path: path + [key], node: member.value)
    }

    package func string() throws(HardenError) -> String {
        guard let value = node.stringValue else { throw error("expected a string, found \(node.typeName)") }
        return value
    }

    package func bool() throws(HardenError) -> Bool {
        guard let value = node.boolValue else { throw error("expected true or false, found \(node.typeName)") }
        return value
    }

    package func int(min: Int = 0, max: Int = Int.max) throws(HardenError) -> Int {
        guard let value = node.intValue else { throw error("expected a whole number, found \(describe())") }
        guard value >= min, value <= max else { throw error("\(value) is out of range; expected \(min) to \(max)") }
        return value
    }

    package func strings() throws(HardenError) -> [String] {
        guard let items = node.arrayValue else { throw error("expected an array of strings, found \(node.typeName)") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else {
                throw StrictReader(file: file, path: path + ["\(index)"], node: item)
                    .error("expected a string, found \(item.typeName)")
            }
            result.append(text)
        }
        return result
    }

    /// The value as a user would recognise it in a message: strings quoted, others by type.
    package func describe() -> String {
        switch node.kind {
        case .string(let text): return "\"\(text)\""
        case .number(let literal): return literal
        case .bool(let value): return String(value)
        default: return node.typeName
        }
    }

    /// The allowed key closest to a misspelling, when it is close enough to be a typo.
    package static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Edit distance counting a swap of neighbours as one edit, the commonest typo.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
