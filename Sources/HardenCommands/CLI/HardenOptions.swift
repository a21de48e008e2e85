import HardenFormats
import HardenModel
/// harden's own options. They come before the profile name, and may also stand among the docker
/// options after it (`harden run web --dry-run -- nginx`): docker run has no options of these names.
public struct HardenOptions: Sendable, Equatable {
    public var profileDirectories: [String] = []
    public var engine: String?
    /// `--policy FILE`: the team policy, instead of `policy.json` found beside the profiles.
    public var policyFile: String?
    public var dryRun = false
    public var help = false
    /// `--secret NAME=FILE`, in the order given.
    public var secrets: [SecretRequest] = []
    /// Valued options that only the command at hand takes (`--service NAME` for compose, `--kind`
    /// for k8s), in the order given, each without its leading dashes.
    public var commandValues: [CommandValue] = []

    public struct CommandValue: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    /// The last value given for a command option (`--kind`), nil if none.
    public func last(_ name: String) -> String? { commandValues.last { $0.name == name }?.value }

    public init() {}

    static let valued: Set<String> = ["--profiles", "--engine", "--policy", "--secret"]
    static let booleans: Set<String> = ["--dry-run", "--help"]

    /// Consumes one harden option at `index` if there is one there; returns how many arguments it used.
    mutating func consume(
        _ arguments: [String], at index: Int, shownAs number: Int, commandOptions: Set<String> = []
    ) throws(HardenError) -> Int {
        let argument = arguments[index]
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        if Self.booleans.contains(argument) {
            if argument == "--dry-run" { dryRun = true } else { help = true }
            return 1
        }
        guard Self.valued.contains(name) || commandOptions.contains(name) else { return 0 }
        let value: String
        var used = 1
        if argument.contains("=") {
            value = String(argument.dropFirst(name.count + 1))
        } else {
            guard index + 1 < arguments.count else { throw .input("\(name) needs a value (argument \(number))") }
            value = arguments[index + 1]
            used = 2
        }
        guard !value.isEmpty else { throw .input("\(name) needs a non-empty value (argument \(number))") }
        if commandOptions.contains(name) {
            commandValues.append(CommandValue(name: String(name.dropFirst(2)), value: value))
            return used
        }
        switch name {
        case "--profiles": profileDirectories.append(value)
        case "--policy": policyFile = value
        case "--secret":
            let secret = try SecretRequest.parse(value, argument: number)
            if let earlier = secrets.first(where: { $0.name == secret.name }) {
                throw .input("--secret \(secret.name) (argument \(number)) is given twice (first at argument \(earlier.argument)); pass each secret once")
            }
            secrets.append(secret)
        default:
            guard Launcher.engines.contains(value) || value.contains("/") else {
                throw .input("--engine \"\(value)\" (argument \(number)) is not an engine harden drives; use docker, podman or nerdctl")
            }
            engine = value
        }
        return used
    }

    /// For commands that launch nothing: a secret given to them would be dropped in silence.
    func refuseSecrets(_ command: String) throws(HardenError) {
        guard let secret = secrets.first else { return }
        throw .input("--secret \(secret.name) (argument \(secret.argument)): harden \(command) launches nothing; --secret belongs to harden run, oci, compose and k8s")
    }

    /// Splits `[harden options] PROFILE [docker options and harden options] [--] IMAGE [COMMAND...]`
    /// into harden's options, the profile name, and the docker part with harden's options taken out.
    public static func split(_ arguments: [String], needsProfile: Bool = true) throws(HardenError) -> (HardenOptions, String?, [String]) {
        let (options, profile, docker, _) = try splitKeepingPositions(arguments, needsProfile: needsProfile)
        return (options, profile, docker)
    }

    /// As `split`, also returning where each docker argument stood in `arguments`, so messages can
    /// number arguments as the user typed them.
    /// `commandOptions` names the valued options (`--service`) that the calling command takes too.
    public static func splitKeepingPositions(
        _ arguments: [String], needsProfile: Bool = true, commandOptions: Set<String> = [], usage: String? = nil
    ) throws(HardenError) -> (HardenOptions, String?, [String], [Int]) {
        var options = HardenOptions()
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let used = try options.consume(arguments, at: index, shownAs: index + 2, commandOptions: commandOptions)
            guard used > 0 else {
                let own = commandOptions.sorted().map { ", \($0) VALUE" }.joined()
                throw .input("unknown harden option \(arguments[index]) (argument \(index + 2)); harden options are --profiles DIR, --policy FILE, --engine NAME, --secret NAME=FILE, --dry-run\(own); docker run options go after the profile name")
            }
            index += used
        }
        if index < arguments.count, arguments[index] == "--" { index += 1 }
        guard index < arguments.count else {
            if options.help || !needsProfile { return (options, nil, [], []) }
            throw .input("missing the profile name; usage: \(usage ?? "harden run [harden options] PROFILE [docker run options] [--] IMAGE [COMMAND...]")")
        }
        let profile = arguments[index]
        var rest = Array(arguments[(index + 1)...])
        var origins = Array((index + 1)..<arguments.count)
        var position = 0
        // Walk the docker options the way the docker parser will, so a value such as `-e --dry-run`
        // is never mistaken for harden's option.
        while position < rest.count {
            let argument = rest[position]
            if argument == "--" || !argument.hasPrefix("-") || argument == "-" { break }
            let used = try options.consume(rest, at: position, shownAs: origins[position] + 2, commandOptions: commandOptions)
            if used > 0 {
                rest.removeSubrange(position..<(position + used))
                origins.removeSubrange(position..<(position + used))
                continue
            }
            position += 1 + valuesFollowing(argument)
        }
        return (options, profile, rest, origins)
    }

    /// How many separate value arguments a docker flag token takes after it (0 or 1).
    static func valuesFollowing(_ token: String) -> Int {
        if token.hasPrefix("--") {
            guard !token.contains("=") else { return 0 }
            return DockerOptionTable.spec(long: String(token.dropFirst(2)))?.kind == .value ? 1 : 0
        }
        var letters = Array(token.dropFirst())
        while !letters.isEmpty {
            let letter = letters.removeFirst()
            guard let spec = DockerOptionTable.spec(short: letter) else { return 0 }
            if spec.kind == .value { return letters.isEmpty ? 1 : 0 }
        }
        return 0
    }
}
