/// Turns YAML bytes into tokens, libyaml's way: a queue of tokens, an indentation stack for block
/// collections, and "simple keys" (a scalar or flow node that turns out to be a key only when a `:`
/// follows it on the same line, so its KEY token is inserted after the fact).
///
/// Works on bytes: every indicator is ASCII, and columns only matter where indentation (spaces) is
/// compared, so characters are never decoded except to report a location.
struct YAMLScanner {
    struct SimpleKey {
        var possible = false
        var required = false
        var tokenNumber = 0
        var mark = YAMLMark(offset: 0, line: 0, column: 0, location: SourceLocation(line: 0, column: 0))
    }

    let buf: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos = 0
    var line = 1
    var lineStart = 0
    // The character column of `cachedOffset`, so locations cost one pass over each line.
    var cachedOffset = 0
    var cachedColumn = 1

    var tokens: [YAMLToken] = []
    var head = 0
    var tokensParsed = 0
    var streamStartProduced = false
    var streamEndProduced = false
    var indent = -1
    var indents: [Int] = []
    var simpleKeyAllowed = false
    var simpleKeys: [SimpleKey] = [SimpleKey()]
    var flowLevel = 0
    /// The block indentation a flow collection started under: its lines must stay indented past it.
    var flowIndent: [Int] = []
    /// Per open flow collection: a mapping's keys may reach their ":" across lines, a sequence's may not.
    var flowIsMapping: [Bool] = []
    /// A quoted scalar, alias or closed flow collection was the last token: in flow context a ":"
    /// right after it (even across blanks) is a value indicator.
    var jsonLikeKey = false

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        self.buf = buf
        self.end = buf.count
        if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
            pos = 3
            lineStart = 3
            cachedOffset = 3
        }
    }

    // MARK: Bytes

    @inline(__always) func at(_ offset: Int) -> UInt8 {
        let index = pos + offset
        return index < end ? buf[index] : 0
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    @inline(__always) static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    @inline(__always) static func isBreakOrEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D || byte == 0 }
    @inline(__always) static func isBlankOrBreakOrEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0
    }
    @inline(__always) static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    var atEnd: Bool { pos >= end }
    var column: Int { pos - lineStart }

    @inline(__always) mutating func advance() { pos += 1 }

    /// Consumes one line break (CR LF counts as one) and returns it normalised to "\n".
    mutating func skipBreak() {
        if at(0) == 0x0D, at(1) == 0x0A { pos += 2 } else { pos += 1 }
        line += 1
        lineStart = pos
        cachedOffset = pos
        cachedColumn = 1
    }

    mutating func mark() -> YAMLMark {
        if cachedOffset < lineStart || cachedOffset > pos {
            cachedOffset = lineStart
            cachedColumn = 1
        }
        var index = cachedOffset
        var count = cachedColumn
        while index < pos {
            if buf[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        cachedOffset = pos
        cachedColumn = count
        return YAMLMark(offset: pos, line: line, column: pos - lineStart, location: SourceLocation(line: line, column: count))
    }

    mutating func error(_ message: String) -> YAMLSyntaxError {
        YAMLSyntaxError(location: mark().location, message: message)
    }

    // MARK: Queue

    /// The next token, scanning as far ahead as a pending simple key needs.
    mutating func peek() throws(YAMLSyntaxError) -> YAMLToken {
        try fetchMoreTokens()
        return tokens[head]
    }

    mutating func next() throws(YAMLSyntaxError) -> YAMLToken {
        try fetchMoreTokens()
        let token = tokens[head]
        head += 1
        tokensParsed += 1
        if head == tokens.count {
            tokens.removeAll(keepingCapacity: true)
            head = 0
        }
        return token
    }

    mutating func fetchMoreTokens() throws(YAMLSyntaxError) {
        while true {
            var need = head == tokens.count
            if !need {
                try staleSimpleKeys()
                for key in simpleKeys where key.possible && key.tokenNumber == tokensParsed {
                    need = true
                    break
                }
            }
            if !need { return }
            if streamEndProduced { return }
            try fetchNextToken()
        }
    }

    mutating func append(_ token: YAMLToken) { tokens.append(token) }

    mutating func insert(_ token: YAMLToken, number: Int) {
        tokens.insert(token, at: head + (number - tokensParsed))
    }

    // MARK: Dispatch

    mutating func fetchNextToken() throws(YAMLSyntaxError) {
        if !streamStartProduced {
            streamStartProduced = true
            simpleKeyAllowed = true
            append(YAMLToken(.streamStart, at: mark()))
            return
        }
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(column)
        if atEnd { return fetchStreamEnd() }
        let byte = buf[pos]
        if column == 0 {
            if byte == UInt8(ascii: "%") { return try fetchDirective() }
            if isDocumentIndicator(UInt8(ascii: "-")) { return try fetchDocumentIndicator(.documentStart) }
            if isDocumentIndicator(UInt8(ascii: ".")) { return try fetchDocumentIndicator(.documentEnd) }
        }
        try checkFlowIndentation()
        let afterJSONLike = jsonLikeKey
        jsonLikeKey = false
        let next = at(1)
        switch byte {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return try fetchFlowEntry()
        case UInt8(ascii: "-") where Self.isBlankOrBreakOrEnd(next): return try fetchBlockEntry()
        case UInt8(ascii: "?") where Self.isBlankOrBreakOrEnd(next) || (flowLevel > 0 && Self.isFlowIndicator(next)):
            return try fetchKey()
        case UInt8(ascii: ":") where Self.isBlankOrBreakOrEnd(next)
            || (flowLevel > 0 && (Self.isFlowIndicator(next) || afterJSONLike)):
            return try fetchValue()
        case UInt8(ascii: "*"): return try fetchAnchor(alias: true)
        case UInt8(ascii: "&"): return try fetchAnchor(alias: false)
        case UInt8(ascii: "!"): return try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): return try fetchFlowScalar(double: false)
        case UInt8(ascii: "\""): return try fetchFlowScalar(double: true)
        default: break
        }
        if canStartPlain(byte, next) { return try fetchPlainScalar() }
        throw unexpectedCharacter(byte)
    }

    func canStartPlain(_ byte: UInt8, _ next: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !Self.isBlankOrBreakOrEnd(next) && !(flowLevel > 0 && Self.isFlowIndicator(next))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return !Self.isBlankOrBreakOrEnd(byte) && Self.isPrintable(buf, pos)
        }
    }

    /// Controls other than tab and line breaks (and a NUL) are not YAML text.
    static func isPrintable(_ buf: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = buf[index]
        return byte >= 0x20 && byte != 0x7F || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    mutating func unexpectedCharacter(_ byte: UInt8) -> YAMLSyntaxError {
        switch byte {
        case 0x09: return error("a tab where YAML expects indentation; fix: indent with spaces only")
        case UInt8(ascii: "@"), UInt8(ascii: "`"): return error("\"\(Character(Unicode.Scalar(byte)))\" is reserved and cannot start a plain value; fix: quote the value")
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "?"):
            return error("\"\(Character(Unicode.Scalar(byte)))\" cannot stand here; fix: quote the value or put a space after the indicator")
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return error("a block scalar (\(Character(Unicode.Scalar(byte)))) inside a flow collection; fix: quote the value")
        default:
            if byte < 0x20 || byte == 0x7F {
                return error("control character 0x\(String(byte, radix: 16, uppercase: true)) is not YAML text; fix: remove it or write it as an escape in a double-quoted string")
            }
            return error("\"\(Character(Unicode.Scalar(byte)))\" cannot start a value here; fix: quote the value")
        }
    }

    func isDocumentIndicator(_ byte: UInt8) -> Bool {
        at(0) == byte && at(1) == byte && at(2) == byte && Self.isBlankOrBreakOrEnd(at(3))
    }

    // MARK: Whitespace

    mutating func scanToNextToken() throws(YAMLSyntaxError) {
        while true {
            // Only spaces indent; a tab is separation once something else started the line.
            var sawTab = false
            while at(0) == 0x20 || at(0) == 0x09 {
                if at(0) == 0x09 { sawTab = true }
                advance()
            }
            if at(0) == UInt8(ascii: "#") {
                if pos > 0, !Self.isBlankOrBreakOrEnd(buf[pos - 1]), pos != lineStart {
                    throw error("a comment must be separated from what precedes it by a space; fix: put a space before #")
                }
                while !Self.isBreakOrEnd(at(0)) { advance() }
            }
            if Self.isBreak(at(0)) {
                skipBreak()
                if flowLevel == 0 { simpleKeyAllowed = true }
                continue
            }
            if sawTab, flowLevel == 0, !atEnd, tabIsIndentation() {
                var tab = lineStart
                while buf[tab] != 0x09 { tab += 1 }
                pos = tab
                throw error("a tab in indentation; fix: indent with spaces only")
            }
            return
        }
    }

    /// Whether a tab on this line sits where block indentation is measured: the line holds only
    /// blanks so far, and the spaces before the first tab do not indent it past the current block.
    func tabIsIndentation() -> Bool {
        var index = lineStart
        while index < pos, buf[index] == 0x20 { index += 1 }
        guard index < pos, buf[index] == 0x09 else { return false }
        for offset in index..<pos where !Self.isBlank(buf[offset]) { return false }
        return index - lineStart <= indent
    }

    /// A block collection cannot start after a tab: its indentation would depend on the tab's width.
    func tabBefore(_ offset: Int) -> Bool {
        var index = offset - 1
        while index >= 0, Self.isBlank(buf[index]) {
            if buf[index] == 0x09 { return true }
            index -= 1
        }
        return false
    }

    // MARK: Simple keys

    mutating func staleSimpleKeys() throws(YAMLSyntaxError) {
        for index in simpleKeys.indices where simpleKeys[index].possible {
            let key = simpleKeys[index]
            let multiLine = key.mark.line < line && (index == 0 || !flowIsMapping[index - 1])
            if multiLine || pos - key.mark.offset > 1024 {
                if key.required {
                    throw YAMLSyntaxError(location: key.mark.location, message: "a mapping key without its \":\"; fix: add \": \" after the key, or indent the line under the previous key")
                }
                simpleKeys[index].possible = false
            }
        }
    }

    mutating func saveSimpleKey() throws(YAMLSyntaxError) {
        let required = flowLevel == 0 && indent == column
        guard simpleKeyAllowed else { return }
        try removeSimpleKey()
        simpleKeys[simpleKeys.count - 1] = SimpleKey(possible: true, required: required, tokenNumber: tokensParsed + (tokens.count - head), mark: mark())
    }

    mutating func removeSimpleKey() throws(YAMLSyntaxError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible, key.required {
            throw YAMLSyntaxError(location: key.mark.location, message: "a mapping key without its \":\"; fix: add \": \" after the key")
        }
        simpleKeys[simpleKeys.count - 1].possible = false
    }

    // MARK: Indentation

    mutating func rollIndent(_ column: Int, number: Int?, kind: YAMLTokenKind, at mark: YAMLMark) throws(YAMLSyntaxError) {
        guard flowLevel == 0, indent < column else { return }
        if tabBefore(mark.offset) {
            throw YAMLSyntaxError(location: mark.location, message: "a block collection starts after a tab; fix: use spaces before it, or put it on its own line")
        }
        indents.append(indent)
        indent = column
        let token = YAMLToken(kind, at: mark)
        if let number { insert(token, number: number) } else { append(token) }
    }

    mutating func unrollIndent(_ column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(YAMLToken(.blockEnd, at: mark()))
            indent = indents.removeLast()
        }
    }

    /// Flow content continued on a later line must stay indented past the block it sits in.
    mutating func checkFlowIndentation() throws(YAMLSyntaxError) {
        guard flowLevel > 0, let blockIndent = flowIndent.last, !atEnd else { return }
        var index = lineStart
        while index < pos, buf[index] == 0x20 { index += 1 }
        guard index - lineStart <= blockIndent else { return }
        for offset in index..<pos where !Self.isBlank(buf[offset]) { return }
        throw error("a flow collection's line is not indented past its block; fix: indent it further than the key it belongs to")
    }

    // MARK: Structure tokens

    mutating func fetchStreamEnd() {
        if column != 0 {
            // As if the input ended with a line break.
            cachedOffset = pos
        }
        unrollIndent(-1)
        try? removeSimpleKey()
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
