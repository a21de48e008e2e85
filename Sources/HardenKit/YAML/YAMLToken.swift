/// What the scanner hands the parser: the YAML grammar's tokens, as libyaml names them, so the
/// parser's states read like the spec's productions.
enum YAMLTokenKind: Equatable {
    case streamStart, streamEnd
    case versionDirective, tagDirective, reservedDirective
    case documentStart, documentEnd
    case blockSequenceStart, blockMappingStart, blockEnd
    case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
    case blockEntry, flowEntry, key, value
    case alias, anchor, tag, scalar
}

enum YAMLScalarStyle: Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

struct YAMLToken {
    var kind: YAMLTokenKind
    var location: SourceLocation
    /// Byte offset of the token's first byte: the parser compares it, never a column.
    var offset: Int
    /// Scalar text, anchor or alias name, tag handle, directive name or version.
    var value: String = ""
    /// Tag suffix, or a %TAG directive's prefix.
    var suffix: String = ""
    var style: YAMLScalarStyle = .plain

    init(_ kind: YAMLTokenKind, at mark: YAMLMark, value: String = "", suffix: String = "", style: YAMLScalarStyle = .plain) {
        self.kind = kind
        self.location = mark.location
        self.offset = mark.offset
        self.value = value
        self.suffix = suffix
        self.style = style
    }
}

/// A place in the input: the byte offset for the scanner's own arithmetic, the line and column (in
/// Unicode scalars, as an editor counts) for the user.
struct YAMLMark {
    var offset: Int
    var line: Int
    /// Byte column: indentation is spaces only, so where YAML compares columns bytes and characters agree.
    var column: Int
    var location: SourceLocation
}

/// One error, one line: where, what was found, and how to fix it.
public struct YAMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
