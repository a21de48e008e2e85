/// The one error type the command line reports: a single line, and the exit status that goes with it.
///
/// Exit statuses are part of harden's contract: 2 for bad input or usage (nothing was run),
/// 1 for a launch the validator rejected.
public struct HardenError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bad input or usage: a malformed profile, an unknown option, a missing file.
        case input
        /// A request harden refuses to run (privileged, runtime socket mounts, validator errors).
        case rejected
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind = .input, _ message: String) {
        self.kind = kind
        self.message = HardenError.oneLine(message)
    }

    /// Messages quote what they were given, and a value holding a line break (a key, a path, a
    /// size in a hostile file) must not split the one line scripts and people read: control
    /// characters are written as escapes (\\n, \\u{1b}).
    public static func oneLine(_ text: String) -> String {
        let breaks: Set<Unicode.GeneralCategory> = [.control, .lineSeparator, .paragraphSeparator]
        guard text.unicodeScalars.contains(where: { breaks.contains($0.properties.generalCategory) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where breaks.contains(scalar.properties.generalCategory): result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    public static func input(_ message: String) -> HardenError { HardenError(.input, message) }
    public static func rejected(_ message: String) -> HardenError { HardenError(.rejected, message) }

    public var exitCode: Int32 { kind == .rejected ? 1 : 2 }
    public var description: String { message }
}
