/// Anchors, aliases, tags and directives: the parts of YAML that name things rather than hold values.
extension YAMLScanner {
    mutating func fetchAnchor(alias: Bool) throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark()
        advance()
        let nameStart = pos
        while !Self.isBlankOrBreakOrEnd(at(0)), !Self.isFlowIndicator(at(0)) {
            if !Self.isPrintable(buf, pos) { break }
            advance()
        }
        let what = alias ? "an alias (*)" : "an anchor (&)"
        guard pos > nameStart else { throw error("\(what) without a name; fix: write a name right after it, e.g. &common and *common") }
        let byte = at(0)
        guard Self.isBlankOrBreakOrEnd(byte) || Self.isFlowIndicator(byte) || byte == UInt8(ascii: ":") else {
            throw error("\(what) name ends in a character it cannot hold; fix: use letters, digits, - and _")
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[nameStart..<pos]), as: UTF8.self)
        if alias { jsonLikeKey = true }
        append(YAMLToken(alias ? .alias : .anchor, at: start, value: name))
    }

    mutating func fetchTag() throws(YAMLSyntaxError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark()
        var handle = ""
        var suffix = ""
        if at(1) == UInt8(ascii: "<") {
            pos += 2
            suffix = try scanTagURI(verbatim: true)
            guard at(0) == UInt8(ascii: ">"), !suffix.isEmpty else {
                throw error("a verbatim tag !<…> is not closed; fix: end it with >")
            }
            advance()
        } else {
            advance()
            let wordStart = pos
            while Self.isWordCharacter(at(0)) { advance() }
            if at(0) == UInt8(ascii: "!") {
                advance()
                handle = "!" + String(decoding: UnsafeBufferPointer(rebasing: buf[wordStart..<pos]), as: UTF8.self)
                suffix = try scanTagURI(verbatim: false)
                if handle != "!!", handle.count > 1, suffix.isEmpty, handle.hasSuffix("!") {
                    throw error("the tag \(handle) has no suffix; fix: write a name after it")
                }
            } else {
                pos = wordStart
                handle = "!"
                suffix = try scanTagURI(verbatim: false)
            }
        }
        guard Self.isBlankOrBreakOrEnd(at(0)) || (flowLevel > 0 && Self.isFlowIndicator(at(0))) else {
            throw error("a tag must be followed by a space; fix: put a space between the tag and the value")
        }
        append(YAMLToken(.tag, at: start, value: handle, suffix: suffix))
    }

    static func isWordCharacter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// A tag's URI characters, with %-escapes decoded. Flow indicators end a tag outside !<…>.
    mutating func scanTagURI(verbatim: Bool) throws(YAMLSyntaxError) -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = at(0)
            if byte == UInt8(ascii: "%") {
                guard let high = Self.hexValue(at(1)), let low = Self.hexValue(at(2)) else {
                    throw error("a % in a tag must start an escape of two hexadecimal digits; fix: write %25 for a literal %")
                }
                bytes.append(high << 4 | low)
                pos += 3
                continue
            }
            guard Self.isURICharacter(byte) else { break }
            if !verbatim, Self.isFlowIndicator(byte) || byte == UInt8(ascii: "!") { break }
            if verbatim, byte == UInt8(ascii: ">") { break }
            bytes.append(byte)
            advance()
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error("a tag's %-escapes are not UTF-8; fix: escape whole UTF-8 characters")
        }
        return text
    }

    static let uriPunctuation = ";/?:@&=+$,_.!~*'()[]#>"

    static func isURICharacter(_ byte: UInt8) -> Bool {
        if isWordCharacter(byte) { return true }
        return uriPunctuation.utf8.contains(byte) || byte >= 0x80
    }

    // MARK: Directives

    mutating func fetchDirective() throws(YAMLSyntaxError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark()
        advance()
        let nameStart = pos
        while !Self.isBlankOrBreakOrEnd(at(0)) { advance() }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[nameStart..<pos]), as: UTF8.self)
        guard !name.isEmpty else { throw error("a % directive without a name; fix: write %YAML 1.2 or %TAG, or quote a value starting with %") }
        var token: YAMLToken
        switch name {
        case "YAML":
            skipBlanks()
            let versionStart = pos
            while at(0) >= UInt8(ascii: "0") && at(0) <= UInt8(ascii: "9") || at(0) == UInt8(ascii: ".") { advance() }
            let version = String(decoding: UnsafeBufferPointer(rebasing: buf[versionStart..<pos]), as: UTF8.self)
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), Self.isBlankOrBreakOrEnd(at(0)) else {
                throw error("%YAML needs a version such as 1.2; fix: write %YAML 1.2")
            }
            guard parts[0] == "1" else { throw error("YAML \(version) is not a version this reader knows; fix: write %YAML 1.2") }
            token = YAMLToken(.versionDirective, at: start, value: version)
        case "TAG":
            skipBlanks()
            guard at(0) == UInt8(ascii: "!") else { throw error("%TAG needs a handle such as !e!; fix: write %TAG !e! tag:example.com,2000:") }
            let handleStart = pos
            advance()
            while Self.isWordCharacter(at(0)) { advance() }
            if at(0) == UInt8(ascii: "!") { advance() }
            let handle = String(decoding: UnsafeBufferPointer(rebasing: buf[handleStart..<pos]), as: UTF8.self)
            guard handle == "!" || handle.hasSuffix("!"), Self.isBlank(at(0)) else {
                throw error("%TAG handle must be !, !! or !name!; fix: write %TAG !e! tag:example.com,2000:")
            }
            skipBlanks()
            let prefix = try scanTagURI(verbatim: true)
            guard !prefix.isEmpty, Self.isBlankOrBreakOrEnd(at(0)) else { throw error("%TAG needs a prefix after its handle; fix: write %TAG !e! tag:example.com,2000:") }
            token = YAMLToken(.tagDirective, at: start, value: handle, suffix: prefix)
        default:
            while !Self.isBreakOrEnd(at(0)), at(0) != UInt8(ascii: "#") || !Self.isBlank(buf[pos - 1]) { advance() }
            token = YAMLToken(.reservedDirective, at: start, value: name)
        }
        skipBlanks()
        if at(0) == UInt8(ascii: "#") {
            guard Self.isBlank(buf[pos - 1]) else { throw error("a comment needs a space before #; fix: put a space before #") }
            while !Self.isBreakOrEnd(at(0)) { advance() }
        }
        guard Self.isBreakOrEnd(at(0)) else { throw error("unexpected text after the %\(name) directive; fix: one directive per line") }
        append(token)
    }

    mutating func skipBlanks() {
        while Self.isBlank(at(0)) { advance() }
    }
}
