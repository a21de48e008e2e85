/// Builds trees from the scanner's tokens, one recursive-descent function per YAML production.
/// Recursion is bounded by `maxDepth`, which also bounds every later walk over the tree.
struct YAMLParser {
    static let coreTagPrefix = "tag:yaml.org,2002:"

    var scanner: YAMLScanner
    let maxDepth: Int
    var depth = 0
    var anchors: [String: (node: JSONNode, size: Int)] = [:]
    /// Nodes in the document as expanded: each alias counts its anchor's whole size again.
    var nodeCount = 0
    let nodeLimit: Int
    var tagHandles: [String: String] = [:]
    var tags: [SourceLocation: String] = [:]
    var nonStringKeys: [SourceLocation] = []

    init(_ scanner: YAMLScanner, maxDepth: Int) {
        self.scanner = scanner
        self.maxDepth = max(0, maxDepth)
        self.nodeLimit = max(1_000_000, scanner.end)
    }

    mutating func peek() throws(YAMLSyntaxError) -> YAMLToken { try scanner.peek() }
    @discardableResult mutating func next() throws(YAMLSyntaxError) -> YAMLToken { try scanner.next() }

    func error(_ token: YAMLToken, _ message: String) -> YAMLSyntaxError {
        YAMLSyntaxError(location: token.location, message: message)
    }

    // MARK: Stream and documents

    mutating func documents() throws(YAMLSyntaxError) -> [YAMLDocument] {
        try next()
        var documents: [YAMLDocument] = []
        var ended = true
        while true {
            var token = try peek()
            if token.kind == .streamEnd { break }
            tagHandles = ["!": "!", "!!": Self.coreTagPrefix]
            var sawDirective = false
            var sawVersion = false
            while token.kind == .versionDirective || token.kind == .tagDirective || token.kind == .reservedDirective {
                guard ended else {
                    throw error(token, "a directive after a document that was not ended; fix: put ... on the line before the directive")
                }
                if token.kind == .versionDirective {
                    guard !sawVersion else { throw error(token, "a second %YAML directive for one document; fix: keep one") }
                    sawVersion = true
                }
                if token.kind == .tagDirective {
                    guard tagHandles[token.value] == nil || !sawDirective || token.value == "!" || token.value == "!!" else {
                        throw error(token, "the tag handle \(token.value) is declared twice; fix: keep one %TAG line for it")
                    }
                    tagHandles[token.value] = token.suffix
                }
                sawDirective = true
                try next()
                token = try peek()
            }
            if token.kind == .documentEnd, !sawDirective {
                try next()
                ended = true
                continue
            }
            if token.kind == .documentStart {
                try next()
            } else {
                if sawDirective { throw error(token, "directives must be followed by a --- line; fix: add --- before the document") }
                if !ended { throw error(token, "a second document without a --- line; fix: start it with ---, or indent it under a key") }
            }
            token = try peek()
            anchors = [:]
            tags = [:]
            nonStringKeys = []
            nodeCount = 0
            let root: JSONNode
            switch token.kind {
            case .documentStart, .documentEnd, .streamEnd, .versionDirective, .tagDirective, .reservedDirective:
                root = JSONNode(.null, at: token.location)
            default:
                root = try node(block: true, indentless: false)
            }
            token = try peek()
            switch token.kind {
            case .documentEnd:
                try next()
                ended = true
            case .documentStart, .streamEnd:
                ended = false
            case .versionDirective, .tagDirective, .reservedDirective:
                throw error(token, "a directive after a document that was not ended; fix: put ... on the line before the directive")
            default:
                throw error(token, "\(Self.describe(token)) where the document should end (is it indented under the wrong key?); fix: indent it consistently, or start a new document with ---")
            }
            documents.append(YAMLDocument(root: root, tags: tags, nonStringKeys: nonStringKeys))
        }
        return documents
    }

    static func describe(_ token: YAMLToken) -> String {
        switch token.kind {
        case .scalar: "a value"
        case .key: "a mapping key"
        case .value: "a \":\""
        case .blockEntry: "a sequence entry (\"- \")"
        case .blockMappingStart: "a mapping"
        case .blockSequenceStart: "a sequence"
        case .flowSequenceStart: "\"[\""
        case .flowMappingStart: "\"{\""
        case .flowSequenceEnd: "\"]\""
        case .flowMappingEnd: "\"}\""
        case .flowEntry: "\",\""
        case .alias: "an alias"
        case .anchor: "an anchor"
        case .tag: "a tag"
        case .documentStart: "a --- line"
        case .documentEnd: "a ... line"
        case .blockEnd: "the end of an indented block"
        case .streamEnd: "the end of the input"
        case .streamStart: "the start of the input"
        case .versionDirective, .tagDirective, .reservedDirective: "a directive"
        }
    }

    // MARK: Nodes

    mutating func node(block: Bool, indentless: Bool) throws(YAMLSyntaxError) -> JSONNode {
        var token = try peek()
        if token.kind == .alias {
            try next()
            guard let anchored = anchors[token.value] else {
                throw error(token, "the alias *\(token.value) names no anchor before it; fix: define &\(token.value) earlier in the document, or correct the name")
            }
            nodeCount += anchored.size
            guard nodeCount <= nodeLimit else {
                throw error(token, "aliases expand this document beyond \(nodeLimit) nodes (an alias bomb?); fix: write the values out, or use fewer nested aliases")
            }
            return anchored.node
        }
        guard depth < maxDepth else {
            throw error(token, "nesting deeper than \(maxDepth) levels; fix: flatten the document")
        }
        depth += 1
        defer { depth -= 1 }
        let countBefore = nodeCount
        var anchor: String?
        var tag: String?
        var tagToken: YAMLToken?
        while token.kind == .anchor || token.kind == .tag {
            if token.kind == .anchor {
                guard anchor == nil else { throw error(token, "a node with two anchors; fix: keep one") }
                anchor = token.value
            } else {
                guard tag == nil else { throw error(token, "a node with two tags; fix: keep one") }
                tag = try resolveTag(token)
                tagToken = token
            }
            try next()
            token = try peek()
        }
        var result: JSONNode
        switch token.kind {
        case .blockEntry where indentless:
            result = try indentlessSequence(at: token)
        case .scalar:
            try next()
            result = try scalar(token, tag: tag)
        case .flowSequenceStart:
            result = try flowSequence()
        case .flowMappingStart:
            result = try flowMapping()
        case .blockSequenceStart where block:
            result = try blockSequence()
        case .blockMappingStart where block:
            result = try blockMapping()
        default:
            guard anchor != nil || tag != nil else {
                throw error(token, "expected a value, found \(Self.describe(token)); fix: give the value, or quote it if it is text")
            }
            result = try emptyNode(at: tagToken ?? token, tag: tag)
        }
        nodeCount += 1
        if let tag, !Self.isCoreTag(tag) { tags[result.location] = tag }
        if let anchor { anchors[anchor] = (result, nodeCount - countBefore) }
        return result
    }

    mutating func emptyNode(at token: YAMLToken, tag: String? = nil) throws(YAMLSyntaxError) -> JSONNode {
        if let tag { return try scalar(YAMLToken(.scalar, at: YAMLMark(offset: token.offset, line: token.location.line, column: 0, location: token.location)), tag: tag) }
        return JSONNode(.null, at: token.location)
    }

    static func isCoreTag(_ tag: String) -> Bool {
        tag == "!" || tag.hasPrefix(coreTagPrefix)
    }

    mutating func resolveTag(_ token: YAMLToken) throws(YAMLSyntaxError) -> String {
        if token.value.isEmpty { return token.suffix }
        guard let prefix = tagHandles[token.value] else {
            throw error(token, "the tag handle \(token.value) is not declared; fix: declare it with %TAG \(token.value) … before ---, or write a local tag !name")
        }
        return prefix + token.suffix
    }

    mutating func scalar(_ token: YAMLToken, tag: String?) throws(YAMLSyntaxError) -> JSONNode {
        guard let tag, tag.hasPrefix(Self.coreTagPrefix) else {
            if tag == nil || tag != "!", token.style == .plain { return JSONNode(YAMLCoreSchema.resolve(token.value), at: token.location) }
            return JSONNode(.string(token.value), at: token.location)
        }
        let name = tag.dropFirst(Self.coreTagPrefix.count)
        let core = YAMLCoreSchema.resolve(token.value)
        switch (name, core) {
        case ("null", .null), ("bool", .bool), ("int", .number), ("float", .number):
            if name == "int", case .number(let literal) = core, literal.contains(where: { $0 == "." || $0 == "e" }) { break }
            return JSONNode(core, at: token.location)
        case ("null", _), ("bool", _), ("int", _), ("float", _):
            break
        default:
            return JSONNode(.string(token.value), at: token.location)
        }
        if name == "float", [".inf", "-.inf", "+.inf", ".nan", ".Inf", ".INF", ".NaN", ".NAN", "-.Inf", "-.INF"].contains(token.value) {
            return JSONNode(.string(token.value), at: token.location)
        }
        throw error(token, "\(token.value.debugDescription) is not a \(name) (tag !!\(name)); fix: correct the value or drop the tag")
    }
}
