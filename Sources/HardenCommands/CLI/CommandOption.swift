import HardenFormats
import HardenModel
/// One option a command declares: its name, whether it takes a value, whether it may be repeated.
/// The declarations are the only list of what a command accepts: the argument cursor reads by them,
/// and the messages for an unknown or misplaced option are written from them.
struct CommandOption: Sendable, Equatable {
    enum Placement: Sendable, Equatable {
        case anywhere
        /// harden oci's bundle options describe the bundle of one profile, so they follow its name.
        case afterProfile
    }

    /// `--format`
    var name: String
    /// `-o` for `--output`; read after a profile only where docker run has no option of that letter.
    var short: Character?
    /// What the value is (`DIR`, `text|json`), shown in messages; nil for a switch.
    var value: String?
    var repeatable = false
    var placement = Placement.anywhere
    /// Said after "give it once" when a non-repeatable option is repeated: why once.
    var once: String?

    init(_ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false,
         placement: Placement = .anywhere, once: String? = nil) {
        self.name = name
        self.short = short
        self.value = value
        self.repeatable = repeatable
        self.placement = placement
        self.once = once
    }

    /// `--format text|json`, `-o/--output FILE`, as listed in messages; `--help` alone, as every
    /// command takes `-h` too.
    var shown: String {
        let spelling = short.map { name == "--help" ? name : "-\($0)/\(name)" } ?? name
        return value.map { "\(spelling) \($0)" } ?? spelling
    }

    // harden's global options. Each command declares only those that mean something to it.
    static let profiles = CommandOption("--profiles", value: "DIR", repeatable: true)
    static let policy = CommandOption("--policy", value: "FILE")
    static let engine = CommandOption("--engine", value: "docker|podman|nerdctl")
    static let dryRun = CommandOption("--dry-run")
    static let secret = CommandOption("--secret", value: "NAME=FILE", repeatable: true)
    static let help = CommandOption("--help", short: "h", repeatable: true)

    static func format(_ choices: String) -> CommandOption { CommandOption("--format", value: choices) }
}
