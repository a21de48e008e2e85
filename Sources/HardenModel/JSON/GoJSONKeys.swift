/// The shape of a Go struct as encoding/json decodes into it, so a JSON document can be read with the
/// key matching the engine uses (runc and dockerd both decode with Go's encoding/json).
///
/// Go matches an object key to a struct field exactly if it can, else case-insensitively with
/// Unicode simple folding (`bytes.EqualFold`: `ſ` is `s`, the Kelvin sign `K` is `k`); see
/// encoding/json's `decode.go` (`object`) and `fold.go`. Map keys are kept exactly. A struct field
/// given twice (in any spelling) is decoded twice: the last scalar or array wins and repeated objects
/// merge. harden does not model that: a real config never repeats a key, so an object whose keys
/// collide after folding is refused as not understood, the simpler fail-closed choice.
package indirect enum GoShape: Sendable {
    /// A JSON string (Go `string`, or a named string type).
    case string
    case bool
    /// Any JSON number (Go's integer and float fields).
    case number
    case array(GoShape)
    /// A Go struct: field name (its `json` tag) → shape.
    case object(GoFields)
    /// A Go map: keys kept exactly as written, every value of one shape.
    case map(GoShape)
    /// A known field whose content harden refuses to judge (another platform's section): present and
    /// not null, it is not understood.
    case refused(String)

    static func fields(_ list: KeyValuePairs<String, GoShape>) -> GoShape { .object(GoFields(list)) }
}

/// A struct's fields, looked up by the folded key as Go matches them.
package struct GoFields: Sendable {
    let byFolded: [String: (name: String, shape: GoShape)]

    init(_ list: KeyValuePairs<String, GoShape>) {
        var table: [String: (name: String, shape: GoShape)] = [:]
        for (name, shape) in list { table[GoJSONKeys.fold(name)] = (name, shape) }
        byFolded = table
    }

    func field(for key: String) -> (name: String, shape: GoShape)? { byFolded[GoJSONKeys.fold(key)] }
}

/// Rewrites a parsed document into the field names Go would decode its keys into, so the readers
/// that follow can look keys up exactly, and lists what Go would read that harden cannot judge.
package enum GoJSONKeys {
    /// One thing harden could not judge, where it was written.
    package struct Problem: Sendable, Equatable {
        package var message: String
        package var location: SourceLocation
    }

    package struct Result: Sendable {
        package var node: JSONNode
        package var problems: [Problem]
        /// Every key path met in the document, spelt as written and joined by U+001F
        /// (`linux␟seccomp␟syscalls␟0␟names`), each either read or reported in `problems`: what a
        /// fuzzer compares with the document's own keys.
        package var consumed: [String]
    }

    /// ASCII letters lower-cased, and the only two non-ASCII scalars whose simple case folding
    /// reaches an ASCII letter (U+017F LATIN SMALL LETTER LONG S → s, U+212A KELVIN SIGN → k).
    /// Two keys are `bytes.EqualFold` to an ASCII field name exactly when their folds are equal.
    static func fold(_ key: String) -> String {
        if key.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return key }
        var scalars = String.UnicodeScalarView()
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: scalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x17F: scalars.append("s")
            case 0x212A: scalars.append("k")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// - Parameter format: what the document is, for messages: `the OCI runtime spec as runc reads it`.
    package static func canonical(_ node: JSONNode, shape: GoShape, file: String, format: String, collectPaths: Bool = false) throws(HardenError) -> Result {
        var walker = Walker(file: file, format: format, collectPaths: collectPaths)
        let result = try walker.walk(node, shape: shape, path: [], raw: [])
        return Result(node: result, problems: walker.problems, consumed: walker.consumed)
    }

    private struct Walker {
        let file: String
        let format: String
        let collectPaths: Bool
        var problems: [Problem] = []
        var consumed: [String] = []

        /// - Parameters:
        ///   - path: the field names so far, for messages.
        ///   - raw: the keys as the document spells them, for `consumed`.
        mutating func walk(_ node: JSONNode, shape: GoShape, path: [String], raw: [String]) throws(HardenError) -> JSONNode {
            // Go leaves a field at its zero value for null, whatever the field's type.
            if case .null = node.kind { return node }
            switch shape {
            case .string: try expect(node.stringValue != nil, node, "a string", path)
            case .bool: try expect(node.boolValue != nil, node, "true or false", path)
            case .number:
                guard case .number = node.kind else { throw mismatch(node, "a whole number", path) }
            case .refused(let why):
                problems.append(Problem(message: "\(StrictReader.render(path)): \(why)", location: node.location))
            case .array(let element):
                guard let items = node.arrayValue else {
                    if case .string = element { throw mismatch(node, "an array of strings", path) }
                    throw mismatch(node, "an array", path)
                }
                var out: [JSONNode] = []
                out.reserveCapacity(items.count)
                for (index, item) in items.enumerated() { out.append(try walk(item, shape: element, path: path + [String(index)], raw: raw + [String(index)])) }
                return JSONNode(.array(out), at: node.location)
            case .map(let value):
                guard let members = node.objectMembers else { throw mismatch(node, "an object", path) }
                var out: [JSONMember] = []
                // Exact repeats never get here: JSONParser refuses a repeated key outright.
                for member in members {
                    note(raw + [member.key])
                    out.append(JSONMember(key: member.key, keyLocation: member.keyLocation, value: try walk(member.value, shape: value, path: path + [member.key], raw: raw + [member.key])))
                }
                return JSONNode(.object(out), at: node.location)
            case .object(let fields):
                guard let members = node.objectMembers else { throw mismatch(node, "an object", path) }
                var out: [JSONMember] = []
                var seen: [String: String] = [:]
                for member in members {
                    note(raw + [member.key])
                    guard let (name, shape) = fields.field(for: member.key) else {
                        problems.append(Problem(message: "\(StrictReader.render(path + [member.key])): not a key of \(format); remove it", location: member.keyLocation))
                        continue
                    }
                    if let earlier = seen[name] {
                        problems.append(Problem(message: "\(StrictReader.render(path + [member.key])): the same field as \"\(earlier)\" (Go matches keys without regard to case and decodes both into it: the last value wins, objects merge); keep one", location: member.keyLocation))
                        continue
                    }
                    seen[name] = member.key
                    out.append(JSONMember(key: name, keyLocation: member.keyLocation, value: try walk(member.value, shape: shape, path: path + [name], raw: raw + [member.key])))
                }
                return JSONNode(.object(out), at: node.location)
            }
            return node
        }

        mutating func note(_ path: [String]) {
            if collectPaths { consumed.append(path.joined(separator: "\u{1F}")) }
        }

        func expect(_ ok: Bool, _ node: JSONNode, _ what: String, _ path: [String]) throws(HardenError) {
            if !ok { throw mismatch(node, what, path) }
        }

        func mismatch(_ node: JSONNode, _ what: String, _ path: [String]) -> HardenError {
            .input("\(file):\(node.location.line):\(node.location.column): \(StrictReader.render(path)): expected \(what), found \(node.typeName)")
        }
    }
}
