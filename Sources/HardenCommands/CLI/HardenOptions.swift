import HardenFormats
import HardenModel

/// harden's global options, as the argument cursor read them for a command that takes them. Which
/// command takes which is its declaration (`HardenCLI.Command.options`); here their values are
/// checked and kept for the session.
public struct HardenOptions: Sendable, Equatable {
    public var profileDirectories: [String] = []
    public var engine: String?
    /// `--policy FILE`: the team policy, instead of `policy.json` found beside the profiles.
    public var policyFile: String?
    public var dryRun = false
    public var help = false
    /// `--secret NAME=FILE`, in the order given.
    public var secrets: [SecretRequest] = []

    public init() {}

    /// The global options among those given, each value checked, in the order given.
    init(_ parsed: ParsedArguments) throws(HardenError) {
        for given in parsed.given {
            switch given.name {
            case CommandOption.profiles.name: profileDirectories.append(given.value)
            case CommandOption.policy.name: policyFile = given.value
            case CommandOption.dryRun.name: dryRun = true
            case CommandOption.help.name: help = true
            case CommandOption.engine.name:
                try Self.checkEngine(given.value, shown: "--engine \"\(given.value)\" (argument \(given.argument))")
                engine = given.value
            case CommandOption.secret.name:
                let secret = try SecretRequest.parse(given.value, argument: given.argument)
                if let earlier = secrets.first(where: { $0.name == secret.name }) {
                    throw .input("--secret \(secret.name) (argument \(given.argument)) is given twice (first at argument \(earlier.argument)); pass each secret once")
                }
                secrets.append(secret)
            default: break
            }
        }
    }

    /// An engine by name, or a path to one.
    static func checkEngine(_ value: String, shown: String) throws(HardenError) {
        guard !Launcher.engines.contains(value), !value.contains("/") else { return }
        let near = OptionSuggestion.nearest(value, in: Launcher.engines).map { "did you mean \($0)? " } ?? ""
        throw .input("\(shown) is not an engine harden drives; \(near)use docker, podman or nerdctl")
    }
}
