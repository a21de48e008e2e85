import HardenModel
/// One option as docker would read it.
public struct ParsedOption: Sendable, Equatable {
    /// Canonical long name, aliases resolved (`--net` reads as `network`).
    public var name: String
    /// "true" or "false" for booleans; any other value verbatim, possibly empty.
    public var value: String
    /// Index of the argument where the option starts; options bundled in `-dit` share it.
    public var position: Int

    public init(name: String, value: String, position: Int) {
        self.name = name
        self.value = value
        self.position = position
    }
}

/// A `docker run` argument list split the way the docker CLI splits it.
public struct ParsedRun: Sendable, Equatable {
    public var options: [ParsedOption]
    public var image: String?
    /// Everything after the image, verbatim: docker passes flags there to the container.
    public var command: [String]

    public init(options: [ParsedOption], image: String?, command: [String]) {
        self.options = options
        self.image = image
        self.command = command
    }
}

public struct DockerRunParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Index of the offending argument; the argument count when one is missing at the end.
    public var position: Int
    public var argument: String
    /// One line: what is wrong, what was expected, how to fix it.
    public var message: String
    public var description: String { message }
    /// An option docker run does not have: another engine's (podman's) may still mean something.
    public var unknownOption = false

    public init(position: Int, argument: String, message: String, unknownOption: Bool = false) {
        self.position = position
        self.argument = argument
        self.message = message
        self.unknownOption = unknownOption
    }
}

/// Reads `docker run` arguments with the grammar of pflag, the flag library of the docker CLI.
///
/// It matters that the split is exactly docker's: harden decides what to allow from this reading,
/// and docker acts on its own. Where docker would read something surprisingly (it silently skips
/// `-test.` flags, for one), this parser refuses rather than guess.
public enum DockerRunParser {
    /// Parses docker run options, then the image, then the command.
    /// `requireImage`: when true, a missing image is an error.
    public static func parse(
        _ arguments: [String], requireImage: Bool = true
    ) throws(DockerRunParseError) -> ParsedRun {
        var reader = OptionReader(arguments: arguments)
        try reader.readOptions()
        let imageIndex = reader.index
        guard imageIndex < arguments.count else {
            if requireImage {
                // `-p img` reads as a port of "img" and no image: say which option swallowed it.
                let swallowed = reader.options.last.flatMap { last in
                    last.position == arguments.count - 2 && last.value == arguments.last ? last : nil
                }
                throw .missingImage(at: arguments.count, swallowedBy: swallowed)
            }
            return ParsedRun(options: reader.options, image: nil, command: [])
        }
        let image = arguments[imageIndex]
        if image.isEmpty { throw .emptyImage(at: imageIndex) }
        return ParsedRun(
            options: reader.options, image: image, command: Array(arguments[(imageIndex + 1)...]))
    }
}

private typealias Bytes = Substring.UTF8View

/// Walks the options; `index` ends on the image.
///
/// Works on UTF-8 bytes, not Characters: pflag works on bytes, and a combining mark after `=` must
/// not fuse with it into one Character. Every byte the grammar looks at is ASCII, and UTF-8 never
/// uses an ASCII byte inside a longer sequence, so each cut falls between two Unicode scalars.
private struct OptionReader {
    let arguments: [String]
    var index = 0
    var options: [ParsedOption] = []

    private static let dash = UInt8(ascii: "-"), equals = UInt8(ascii: "=")

    mutating func readOptions() throws(DockerRunParseError) {
        options.reserveCapacity(arguments.count / 2)
        while index < arguments.count {
            let argument = arguments[index]
            var text = argument
            // 0: positional; 1: `--`; 2: a long option; 3: short ones.
            let kind = text.withUTF8 { bytes -> Int in
                // "", "-" and words not starting with '-' are positional, and docker stops at the first.
                guard bytes.count > 1, bytes[0] == Self.dash else { return 0 }
                if bytes[1] == Self.dash { return bytes.count == 2 ? 1 : 2 }
                return 3
            }
            guard kind > 0 else { return }
            let position = index
            index += 1
            switch kind {
            case 1: return  // `--`: the next argument is the image, whatever it looks like
            case 2: try readLong(argument, at: position)
            default: try readShortCluster(Substring(argument).utf8.dropFirst(), argument: argument, at: position)
            }
        }
    }

    /// `--name`, `--name value`, `--name=value`.
    private mutating func readLong(_ argument: String, at position: Int) throws(DockerRunParseError) {
        var text = argument
        // The body after `--`, cut at its first '=' into the name and the inline value.
        let parts = text.withUTF8 { bytes -> (name: String, inline: String?)? in
            let body = UnsafeBufferPointer(rebasing: bytes[2...])
            if body.first == Self.dash || body.first == Self.equals { return nil }
            let equals = body.firstIndex(of: Self.equals)
            let name = String(decoding: UnsafeBufferPointer(rebasing: body[..<(equals ?? body.endIndex)]), as: UTF8.self)
            return (name, equals.map { String(decoding: UnsafeBufferPointer(rebasing: body[($0 + 1)...]), as: UTF8.self) })
        }
        guard let (name, inline) = parts else { throw .malformed(argument, at: position) }
        guard let spec = DockerOptionTable.spec(long: name) else {
            throw .unknownLong(name, argument: argument, at: position)
        }
        let value: String
        switch spec.kind {
        case .boolean:
            if let inline {
                value = try boolean(inline, option: "--\(name)", argument: argument, at: position)
            } else {
                value = "true"
            }
        case .value:
            if let inline {
                value = inline
            } else {
                value = try nextArgument(for: "--\(name)", argument: argument, at: position)
            }
        }
        options.append(ParsedOption(name: spec.name, value: value, position: position))
    }

    /// `-d`, `-dit`, `-d=false`, `-vVALUE`, `-v=VALUE`, `-v VALUE`, `-dpVALUE`, `-dp VALUE`.
    private mutating func readShortCluster(
        _ cluster: Bytes, argument: String, at position: Int
    ) throws(DockerRunParseError) {
        var rest = cluster
        while let byte = rest.first {
            if rest.starts(with: "test.".utf8) {
                throw .skippedTestFlag(argument, at: position)
            }
            guard byte < 0x80, let spec = DockerOptionTable.spec(short: Character(Unicode.Scalar(byte))) else {
                throw .unknownShort(Substring(rest).unicodeScalars.first!, argument: argument, at: position)
            }
            let after = rest.dropFirst()
            // pflag reads `-x=…` as an explicit value only when something follows the '='.
            let explicit = after.first == Self.equals && after.count > 1 ? after.dropFirst() : nil
            let shown = "-\(Character(Unicode.Scalar(byte)))"
            let value: String
            switch spec.kind {
            case .boolean:
                if let explicit {
                    value = try boolean(String(Substring(explicit)), option: shown, argument: argument, at: position)
                    rest = rest[rest.endIndex...]
                } else if after.elementsEqual("=".utf8) {
                    throw .emptyShortBoolean(shown, argument: argument, at: position)
                } else {
                    value = "true"
                    rest = after
                }
            case .value:
                if let explicit {
                    value = String(Substring(explicit))
                } else if !after.isEmpty {
                    value = String(Substring(after))  // includes a lone "=": `-u=` sets the user to "="
                } else {
                    value = try nextArgument(for: shown, argument: argument, at: position)
                }
                rest = rest[rest.endIndex...]
            }
            options.append(ParsedOption(name: spec.name, value: value, position: position))
        }
    }

    /// pflag takes the next argument as the value even when it looks like an option (`-e -it`).
    private mutating func nextArgument(
        for option: @autoclosure () -> String, argument: String, at position: Int
    ) throws(DockerRunParseError) -> String {
        guard index < arguments.count else {
            throw .missingValue(option(), argument: argument, at: position)
        }
        defer { index += 1 }
        return arguments[index]
    }

    /// Go's strconv.ParseBool, normalised to "true" or "false".
    private func boolean(
        _ raw: String, option: String, argument: String, at position: Int
    ) throws(DockerRunParseError) -> String {
        guard let flag = GoBool.parse(raw) else { throw .invalidBoolean(raw, option: option, argument: argument, at: position) }
        return flag ? "true" : "false"
    }
}

extension DockerRunParseError {
    private static let help = "see `docker run --help`"

    fileprivate static func missingImage(at position: Int, swallowedBy option: ParsedOption? = nil) -> Self {
        let swallowed = option.map { "; the last option, --\($0.name), took \"\($0.value)\" as its value, so give that option its value before the image" } ?? ""
        return Self(position: position, argument: "", message:
            "missing image (argument \(position)): docker run needs an image after its options, as in `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`" + swallowed)
    }

    fileprivate static func emptyImage(at position: Int) -> Self {
        Self(position: position, argument: "", message:
            "the image name is empty (argument \(position)); give an image such as 'alpine:3.20'")
    }

    fileprivate static func malformed(_ argument: String, at position: Int) -> Self {
        Self(position: position, argument: argument, message:
            "malformed docker run option '\(argument)' (argument \(position)); long options are written '--name' or '--name=value'")
    }

    fileprivate static func unknownLong(_ name: String, argument: String, at position: Int) -> Self {
        let hint = suggestion(for: name, within: name.count < 6 ? 1 : 2)
        return Self(position: position, argument: argument, message:
            "unknown docker run option '--\(name)' (argument \(position)); \(hint)\(help)", unknownOption: true)
    }

    fileprivate static func unknownShort(_ letter: Unicode.Scalar, argument: String, at position: Int) -> Self {
        let shorts = DockerOptionTable.all.compactMap(\.short).map { "-\($0)" }.joined(separator: " ")
        let option = "-\(Character(letter))"
        let within = argument == option ? "" : " in '\(argument)'"
        let hint = suggestion(for: String(argument.drop { $0 == "-" }.prefix { $0 != "=" }), within: 0)
        return Self(position: position, argument: argument, message:
            "unknown docker run option '\(option)'\(within) (argument \(position)); \(hint)the short options are \(shorts); \(help)", unknownOption: true)
    }

    fileprivate static func missingValue(_ option: String, argument: String, at position: Int) -> Self {
        let within = argument == option ? "" : " in '\(argument)'"
        let hostname = option == "-h" ? " (-h is --hostname in docker run; --help prints help)" : ""
        return Self(position: position, argument: argument, message:
            "docker run option '\(option)'\(within) (argument \(position)) needs a value, but nothing follows it; write '\(option) VALUE'\(hostname)")
    }

    fileprivate static func invalidBoolean(
        _ value: String, option: String, argument: String, at position: Int
    ) -> Self {
        Self(position: position, argument: argument, message:
            "docker run option '\(option)' (argument \(position)) is a switch and '\(value)' is not a boolean; write '\(option)', '\(option)=true' or '\(option)=false'")
    }

    fileprivate static func emptyShortBoolean(_ option: String, argument: String, at position: Int) -> Self {
        Self(position: position, argument: argument, message:
            "nothing follows '=' in '\(argument)' (argument \(position)); write '\(option)' or '\(option)=false'")
    }

    fileprivate static func skippedTestFlag(_ argument: String, at position: Int) -> Self {
        Self(position: position, argument: argument, message:
            "docker would silently skip 'test.…' in '\(argument)' (argument \(position)): its flag parser ignores '-test.' flags, kept for Go test binaries; remove it")
    }

    /// "did you mean '--privileged'? " for a near miss, or nothing.
    /// Bundled short options only match exactly (`-rm`), as `-dx` is no typo of `--dns`.
    private static func suggestion(for word: String, within limit: Int) -> String {
        let typed = Array(word.unicodeScalars)
        var best: (name: String, distance: Int)?
        for spec in DockerOptionTable.all {
            // The distance is at least the difference in length: skip those, or a long hostile word costs
            // a full comparison with every option name.
            for name in [spec.name] + spec.aliases where abs(name.unicodeScalars.count - typed.count) <= limit {
                let distance = editDistance(typed, Array(name.unicodeScalars))
                if distance <= limit, distance < best?.distance ?? .max { best = (name, distance) }
            }
        }
        return best.map { "did you mean '--\($0.name)'? " } ?? ""
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
