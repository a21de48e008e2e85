import HardenFormats
import HardenModel
/// The one reader of every command's arguments: `--name value`, `--name=value`, short spellings,
/// `--`, and operands, by the options the command declares. A command never walks its arguments
/// itself, so an option means the same thing, and a mistake gets the same answer, on every command.
///
/// Commands that compile docker run options (`run`, `oci`, `compose`, `k8s`) read
/// `[options] PROFILE [docker run options, ours among them] [--] IMAGE [COMMAND...]`: the docker
/// part is walked the way the docker reader will walk it, so the value of a docker option (`-e
/// --dry-run`) is never taken for one of ours, and it is left whole for that reader.
struct ArgumentCursor {
    enum Grammar: Sendable {
        /// Options and operands in any order; `--` ends the options.
        case operands
        /// Options, then the profile, then docker run's options with harden's among them.
        case profileThenDocker
    }

    let command: String
    let options: [CommandOption]
    let usage: String
    var grammar = Grammar.operands
    /// Whether the words from an operand on are a line of their own, to be read as `--` would
    /// start it (check's `docker run …`), given how many operands came before.
    var lineStarts: ((_ operandsBefore: Int, _ words: ArraySlice<String>) -> Bool)?
    /// Where the options of another program go, said after the list of ours (check's docker run line).
    var elsewhere: String?

    init(_ command: HardenCLI.Command, grammar: Grammar = .operands) {
        self.command = command.name
        self.options = command.options
        self.usage = command.usage
        self.grammar = grammar
    }

    func read(_ arguments: [String]) throws(HardenError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                index += 1
                guard grammar == .profileThenDocker else {
                    parsed.rest = Array(arguments[index...])
                    parsed.restStart = index + 2
                    return parsed
                }
                break
            }
            if Self.isOption(word) {
                index += try take(arguments, at: index, into: &parsed, afterProfile: false)
                continue
            }
            if grammar == .profileThenDocker { break }
            if let lineStarts, lineStarts(parsed.operands.count, arguments[index...]) {
                parsed.rest = Array(arguments[index...])
                parsed.restStart = index + 2
                return parsed
            }
            parsed.operands.append(word)
            parsed.operandArguments.append(index + 2)
            index += 1
        }
        guard grammar == .profileThenDocker, index < arguments.count else { return parsed }
        parsed.profile = arguments[index]
        try readDockerPart(arguments, from: index + 1, into: &parsed)
        return parsed
    }

    /// Takes harden's options out of the docker part and keeps the rest, with where each word stood.
    private func readDockerPart(_ arguments: [String], from start: Int, into parsed: inout ParsedArguments) throws(HardenError) {
        var kept: [Int] = []
        var index = start
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" || !Self.isOption(word) { break }
            if lookup(Self.name(of: word), inDockerPart: true) != nil {
                index += try take(arguments, at: index, into: &parsed, afterProfile: true)
                continue
            }
            try refuseStray(word, at: index)
            let end = min(index + 1 + Self.valuesFollowing(word), arguments.count)
            kept += index..<end
            index = end
        }
        kept += index..<arguments.count
        parsed.docker = kept.map { arguments[$0] }
        parsed.dockerOrigins = kept
    }

    /// Reads the option at `index`; returns how many words it used.
    private func take(
        _ arguments: [String], at index: Int, into parsed: inout ParsedArguments, afterProfile: Bool
    ) throws(HardenError) -> Int {
        let word = arguments[index]
        let number = index + 2
        let (spelled, inline) = Self.split(word)
        guard let found = lookup(spelled, inDockerPart: afterProfile) else {
            throw .input(strayMessage(spelled, number: number, beforeProfile: grammar == .profileThenDocker))
        }
        let option = options[found]
        if grammar == .profileThenDocker, !afterProfile, option.placement == .afterProfile {
            throw .input("\(word) (argument \(number)) goes after the profile name; usage: \(usage)")
        }
        var used = 1
        let value: String
        if option.value == nil {
            guard inline == nil else { throw .input("\(spelled) takes no value (argument \(number)); write \(spelled) alone") }
            value = ""
        } else if let inline {
            value = inline
        } else {
            guard index + 1 < arguments.count else { throw .input("\(spelled) needs a value (argument \(number)); usage: \(usage)") }
            value = arguments[index + 1]
            used = 2
        }
        if option.value != nil, value.isEmpty { throw .input("\(spelled) needs a non-empty value (argument \(number))") }
        if !option.repeatable, let first = parsed.given.first(where: { $0.name == option.name }) {
            let why = option.once.map { "; \($0)" } ?? ""
            throw .input("\(spelled) (argument \(number)) is given twice (first at argument \(first.argument)); give it once\(why)")
        }
        parsed.given.append(.init(name: option.name, value: value, argument: number))
        return used
    }

    /// Where in `options` the option a spelling names is. Compared byte for byte: Swift's string
    /// equality is canonical equivalence, under which a look-alike (the Kelvin sign for K) would match.
    /// (An index rather than the option: the first `CommandOption?` dropped on the `run` path cost
    /// the start a runtime metadata instantiation, more than the whole reading.)
    private func lookup(_ spelled: String, inDockerPart: Bool) -> Int? {
        if spelled.utf8.starts(with: "--".utf8) {
            return options.firstIndex { $0.name.utf8.elementsEqual(spelled.utf8) }
        }
        var scalars = spelled.unicodeScalars.makeIterator()
        guard scalars.next() == "-", let letter = scalars.next(), scalars.next() == nil, letter.isASCII else { return nil }
        let short = Character(letter)
        // After the profile a letter docker reads is docker's: `-h` is its --hostname there.
        if inDockerPart, DockerOptionTable.spec(short: short) != nil { return nil }
        return options.firstIndex { $0.short == short }
    }

    /// A word in the docker part that is no docker option: another command's option, or a near miss
    /// of one of ours, is named here; anything else is left to the docker reader, which knows docker's.
    private func refuseStray(_ word: String, at index: Int) throws(HardenError) {
        guard word.utf8.starts(with: "--".utf8) else { return }
        let spelled = Self.name(of: word)
        let bare = String(spelled.dropFirst(2))
        guard DockerOptionTable.spec(long: bare) == nil else { return }
        if !owners(of: spelled).isEmpty {
            throw .input(strayMessage(spelled, number: index + 2, beforeProfile: false))
        }
        guard let near = OptionSuggestion.nearest(bare, in: options.map { String($0.name.dropFirst(2)) }) else { return }
        // A nearer docker option is the likelier meaning; the docker reader suggests that one.
        let docker = DockerOptionTable.all.flatMap { [$0.name] + $0.aliases }
        if let theirs = OptionSuggestion.nearest(bare, in: docker),
           OptionSuggestion.distance(bare, theirs) <= OptionSuggestion.distance(bare, near) { return }
        throw .input(strayMessage(spelled, number: index + 2, beforeProfile: false))
    }

    /// The one message for an option this command does not take.
    private func strayMessage(_ spelled: String, number: Int, beforeProfile: Bool) -> String {
        let owners = owners(of: spelled)
        if !owners.isEmpty {
            return "\(spelled) (argument \(number)) has no meaning for harden \(command); it belongs to harden \(Self.list(owners)); leave it out"
        }
        var message = "unknown \(command) option \(spelled) (argument \(number))"
        if spelled.utf8.starts(with: "--".utf8),
           let near = OptionSuggestion.nearest(String(spelled.dropFirst(2)), in: options.map { String($0.name.dropFirst(2)) }) {
            message += "; did you mean --\(near)?"
        }
        message += (message.hasSuffix("?") ? " " : "; ") + "the options are " + options.map(\.shown).joined(separator: ", ")
        if beforeProfile { message += "; docker run options go after the profile name" }
        if let elsewhere { message += "; \(elsewhere)" }
        return message
    }

    /// The other commands that declare this spelling.
    private func owners(of spelled: String) -> [String] {
        HardenCLI.commands.filter { other in
            other.name != command && other.options.contains { option in
                option.name.utf8.elementsEqual(spelled.utf8)
                    || option.short.map { "-\($0)".utf8.elementsEqual(spelled.utf8) } == true
            }
        }.map(\.name)
    }

    /// `run`, `run and doctor`, `run, oci, compose and k8s`.
    static func list(_ names: [String]) -> String {
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }

    static func isOption(_ word: String) -> Bool { word.utf8.first == UInt8(ascii: "-") && word != "-" }

    /// The option's spelling without an `=value`.
    static func name(of word: String) -> String { split(word).name }

    /// `--name=value` into its name and value, at the first equals sign; no value without one.
    static func split(_ word: String) -> (name: String, value: String?) {
        guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.utf8.index(after: equals)...]))
    }

    /// How many separate value words a docker option word takes after it (0 or 1).
    static func valuesFollowing(_ word: String) -> Int {
        if word.hasPrefix("--") {
            guard !word.contains("=") else { return 0 }
            return DockerOptionTable.spec(long: String(word.dropFirst(2)))?.kind == .value ? 1 : 0
        }
        var letters = Array(word.dropFirst())
        while !letters.isEmpty {
            let letter = letters.removeFirst()
            guard let spec = DockerOptionTable.spec(short: letter) else { return 0 }
            if spec.kind == .value { return letters.isEmpty ? 1 : 0 }
        }
        return 0
    }
}
