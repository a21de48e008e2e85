/// Block and flow sequences and mappings. A missing key or value is null, as YAML says.
extension YAMLParser {
    mutating func blockSequence() throws(YAMLSyntaxError) -> JSONNode {
        let start = try next()
        var items: [JSONNode] = []
        while true {
            let token = try peek()
            switch token.kind {
            case .blockEntry:
                try next()
                let following = try peek()
                if following.kind == .blockEntry || following.kind == .blockEnd {
                    items.append(JSONNode(.null, at: following.location))
                    nodeCount += 1
                } else {
                    items.append(try node(block: true, indentless: false))
                }
            case .blockEnd:
                try next()
                return JSONNode(.array(items), at: start.location)
            default:
                throw error(token, "expected a sequence entry (\"- \") at this indentation, found \(Self.describe(token)); fix: align the entries of one list, or indent the value under its entry")
            }
        }
    }

    /// `key:` followed by `- item` lines at the key's own indentation.
    mutating func indentlessSequence(at start: YAMLToken) throws(YAMLSyntaxError) -> JSONNode {
        var items: [JSONNode] = []
        while try peek().kind == .blockEntry {
            try next()
            let following = try peek()
            switch following.kind {
            case .blockEntry, .key, .value, .blockEnd:
                items.append(JSONNode(.null, at: following.location))
                nodeCount += 1
            default:
                items.append(try node(block: true, indentless: false))
            }
        }
        return JSONNode(.array(items), at: start.location)
    }

    mutating func blockMapping() throws(YAMLSyntaxError) -> JSONNode {
        let start = try next()
        var mapping = YAMLMappingBuilder()
        while true {
            var token = try peek()
            switch token.kind {
            case .key, .value:
                var key: JSONNode
                var keyToken = token
                if token.kind == .key {
                    try next()
                    token = try peek()
                    keyToken = token
                    key = Self.endsBlockEntry(token.kind) ? JSONNode(.null, at: token.location) : try node(block: true, indentless: true)
                } else {
                    key = JSONNode(.null, at: token.location)
                }
                var value = JSONNode(.null, at: key.location)
                token = try peek()
                if token.kind == .value {
                    try next()
                    token = try peek()
                    value = Self.endsBlockEntry(token.kind) ? JSONNode(.null, at: token.location) : try node(block: true, indentless: true)
                }
                try mapping.add(key: key, keyToken: keyToken, value: value, parser: &self)
            case .blockEnd:
                try next()
                return try mapping.finish(at: start, parser: &self)
            default:
                throw error(token, "expected a \"key: value\" at this indentation, found \(Self.describe(token)); fix: align the keys of one mapping, or indent the value under its key")
            }
        }
    }

    static func endsBlockEntry(_ kind: YAMLTokenKind) -> Bool {
        kind == .key || kind == .value || kind == .blockEnd
    }

    mutating func flowSequence() throws(YAMLSyntaxError) -> JSONNode {
        let start = try next()
        var items: [JSONNode] = []
        var first = true
        while true {
            var token = try peek()
            if token.kind == .flowSequenceEnd { try next(); return JSONNode(.array(items), at: start.location) }
            if !first {
                guard token.kind == .flowEntry else {
                    throw error(token, "expected \",\" or \"]\" in a flow sequence, found \(Self.describe(token)); fix: separate entries with commas and close the [ with ]")
                }
                try next()
                token = try peek()
                if token.kind == .flowSequenceEnd { try next(); return JSONNode(.array(items), at: start.location) }
            }
            first = false
            if token.kind == .key || token.kind == .value {
                // A single "key: value" pair inside [ ] is a one-entry mapping.
                var pair = YAMLMappingBuilder()
                let (key, keyToken, value) = try flowPair(closing: .flowSequenceEnd)
                try pair.add(key: key, keyToken: keyToken, value: value, parser: &self)
                items.append(try pair.finish(at: token, parser: &self))
                nodeCount += 1
            } else {
                items.append(try node(block: false, indentless: false))
            }
        }
    }

    mutating func flowMapping() throws(YAMLSyntaxError) -> JSONNode {
        let start = try next()
        var mapping = YAMLMappingBuilder()
        var first = true
        while true {
            var token = try peek()
            if token.kind == .flowMappingEnd { try next(); return try mapping.finish(at: start, parser: &self) }
            if !first {
                guard token.kind == .flowEntry else {
                    throw error(token, "expected \",\" or \"}\" in a flow mapping, found \(Self.describe(token)); fix: separate entries with commas and close the { with }")
                }
                try next()
                token = try peek()
                if token.kind == .flowMappingEnd { try next(); return try mapping.finish(at: start, parser: &self) }
            }
            first = false
            let (key, keyToken, value) = try flowPair(closing: .flowMappingEnd)
            try mapping.add(key: key, keyToken: keyToken, value: value, parser: &self)
        }
    }

    /// `? key : value`, `key: value`, `: value` or a lone `key` inside a flow collection.
    mutating func flowPair(closing: YAMLTokenKind) throws(YAMLSyntaxError) -> (JSONNode, YAMLToken, JSONNode) {
        var token = try peek()
        var key: JSONNode
        var keyToken = token
        if token.kind == .key {
            try next()
            token = try peek()
            keyToken = token
            key = token.kind == .value || token.kind == .flowEntry || token.kind == closing
                ? JSONNode(.null, at: token.location) : try node(block: false, indentless: false)
        } else if token.kind == .value {
            key = JSONNode(.null, at: token.location)
        } else {
            key = try node(block: false, indentless: false)
        }
        var value = JSONNode(.null, at: key.location)
        token = try peek()
        if token.kind == .value {
            try next()
            token = try peek()
            if token.kind != .flowEntry, token.kind != closing { value = try node(block: false, indentless: false) } else { value = JSONNode(.null, at: token.location) }
        }
        return (key, keyToken, value)
    }
}
