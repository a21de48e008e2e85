import HardenModel
/// The tokens of YAML's structure: stream and document boundaries, flow brackets and commas, and
/// the block indicators `- `, `? ` and `: ` that open collections by their column.
extension YAMLScanner {
    mutating func fetchStreamEnd() throws(YAMLSyntaxError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        streamEndProduced = true
        append(YAMLToken(.streamEnd, at: mark()))
    }

    mutating func fetchDocumentIndicator(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark()
        pos += 3
        append(YAMLToken(kind, at: start))
        if kind == .documentEnd {
            skipBlanks()
            if !Self.isBreakOrEnd(at(0)), at(0) != UInt8(ascii: "#") {
                throw error("text after a ... document end marker; fix: put it on its own line, after --- if it starts a new document")
            }
        }
    }

    mutating func fetchFlowCollectionStart(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        if flowLevel == 0 { flowIndent.append(indent) }
        flowLevel += 1
        simpleKeys.append(SimpleKey())
        flowIsMapping.append(kind == .flowMappingStart)
        simpleKeyAllowed = true
        let start = mark()
        advance()
        append(YAMLToken(kind, at: start))
    }

    mutating func fetchFlowCollectionEnd(_ kind: YAMLTokenKind) throws(YAMLSyntaxError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
            flowIsMapping.removeLast()
            if flowLevel == 0 { flowIndent.removeLast() }
        }
        simpleKeyAllowed = false
        let start = mark()
        advance()
        jsonLikeKey = true
        append(YAMLToken(kind, at: start))
        try checkAfterFlowNode()
    }

    /// After a quoted scalar or a closed flow collection only separation, a comment, an indicator or
    /// the line's end may follow ("a"b and [a]b are not YAML).
    mutating func checkAfterFlowNode() throws(YAMLSyntaxError) {
        let byte = at(0)
        if Self.isBlankOrBreakOrEnd(byte) || Self.isFlowIndicator(byte) || byte == UInt8(ascii: ":") { return }
        if byte == UInt8(ascii: "#") {
            throw error("a comment must be separated from what precedes it by a space; fix: put a space before #")
        }
        if flowLevel == 0, byte == UInt8(ascii: "?") { return }
        throw error("unexpected \"\(Character(Unicode.Scalar(byte)))\" right after a closing quote or bracket; fix: separate it with a comma or a space, or quote the whole value")
    }

    mutating func fetchFlowEntry() throws(YAMLSyntaxError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark()
        advance()
        append(YAMLToken(.flowEntry, at: start))
    }

    mutating func fetchBlockEntry() throws(YAMLSyntaxError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw error("a sequence entry (\"- \") where it is not allowed; fix: start the entry on its own line, indented under its key")
            }
            try rollIndent(column, number: nil, kind: .blockSequenceStart, at: mark())
        } else {
            throw error("a block sequence entry (\"- \") inside a flow collection; fix: separate flow entries with commas, or quote the value")
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark()
        advance()
        append(YAMLToken(.blockEntry, at: start))
    }

    mutating func fetchKey() throws(YAMLSyntaxError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw error("an explicit key (\"? \") where it is not allowed; fix: start it on its own line")
            }
            try rollIndent(column, number: nil, kind: .blockMappingStart, at: mark())
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        let start = mark()
        advance()
        append(YAMLToken(.key, at: start))
    }

    mutating func fetchValue() throws(YAMLSyntaxError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible {
            insert(YAMLToken(.key, at: key.mark), number: key.tokenNumber)
            try rollIndent(key.mark.column, number: key.tokenNumber, kind: .blockMappingStart, at: key.mark)
            simpleKeys[simpleKeys.count - 1].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else {
                    throw error("a \":\" where a mapping value is not allowed (a key cannot span lines, and a value cannot start a mapping on its own line); fix: put the key and \": \" on one line, or quote the value")
                }
                try rollIndent(column, number: nil, kind: .blockMappingStart, at: mark())
            }
            simpleKeyAllowed = flowLevel == 0
        }
        let start = mark()
        advance()
        append(YAMLToken(.value, at: start))
    }
}
