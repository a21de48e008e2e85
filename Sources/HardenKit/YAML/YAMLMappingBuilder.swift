/// One mapping being read: duplicate keys refused, non-string keys noted, `<<` merges applied last
/// (the mapping's own keys win, then earlier merged mappings over later ones, as PyYAML and go-yaml do).
struct YAMLMappingBuilder {
    var members: [JSONMember] = []
    var index: [String: SourceLocation] = [:]
    var merges: [JSONNode] = []

    mutating func add(key: JSONNode, keyToken: YAMLToken, value: JSONNode, parser: inout YAMLParser) throws(YAMLSyntaxError) {
        if case .string("<<") = key.kind, keyToken.kind == .scalar, keyToken.style == .plain, keyToken.value == "<<", parser.tags[key.location] == nil {
            try merge(value, at: key.location)
            return
        }
        let text: String
        var checked = true
        switch key.kind {
        case .string(let value): text = value
        case .number(let literal): text = literal; parser.nonStringKeys.append(key.location)
        case .bool(let value): text = value ? "true" : "false"; parser.nonStringKeys.append(key.location)
        case .null: text = ""; checked = false; parser.nonStringKeys.append(key.location)
        case .array, .object:
            text = JSONWriter.compact(key)
            checked = false
            parser.nonStringKeys.append(key.location)
        }
        if checked {
            if let first = index[text] {
                throw YAMLSyntaxError(location: key.location, message: "the key \(text.debugDescription) is given twice in one mapping (first on line \(first.line)); fix: keep one")
            }
            index[text] = key.location
        }
        members.append(JSONMember(key: text, keyLocation: key.location, value: value))
    }

    mutating func merge(_ value: JSONNode, at location: SourceLocation) throws(YAMLSyntaxError) {
        switch value.kind {
        case .object:
            merges.append(value)
        case .array(let items) where items.allSatisfy({ $0.objectMembers != nil }):
            merges.append(contentsOf: items)
        default:
            throw YAMLSyntaxError(location: location, message: "the << merge key takes a mapping or a list of mappings, found \(value.typeName); fix: merge an anchored mapping, e.g. <<: *common")
        }
    }

    func finish(at start: YAMLToken, parser: inout YAMLParser) throws(YAMLSyntaxError) -> JSONNode {
        guard !merges.isEmpty else { return JSONNode(.object(members), at: start.location) }
        var result = members
        var present = Set(index.keys)
        for source in merges {
            for member in source.objectMembers ?? [] where present.insert(member.key).inserted {
                result.append(member)
            }
        }
        return JSONNode(.object(result), at: start.location)
    }
}
