import HardenFormats
import HardenModel
/// What the argument cursor read from one command's arguments. Argument numbers count the command
/// name as argument 1, as every message shows them.
struct ParsedArguments: Sendable, Equatable {
    struct Given: Sendable, Equatable {
        /// The declared long name, whichever spelling was typed (`--output` for `-o`).
        var name: String
        /// The value; "" for a switch.
        var value: String
        var argument: Int
    }

    /// Options in the order given.
    var given: [Given] = []
    /// Operands before `--` (or before the words that start `rest`).
    var operands: [String] = []
    var operandArguments: [Int] = []
    /// Everything after `--`, or from the word a command said starts a line of its own (check's
    /// `docker run …`); nil when there is neither.
    var rest: [String]?
    /// The argument number of the first word of `rest`.
    var restStart = 0
    /// The profile, for commands whose grammar is `[options] PROFILE [docker run options] …`.
    var profile: String?
    /// The docker run part after the profile with harden's options taken out, and for each of its
    /// words the index it had in the arguments.
    var docker: [String] = []
    var dockerOrigins: [Int] = []

    func has(_ name: String) -> Bool { given.contains { $0.name == name } }

    /// The value of an option given at most once; nil when it is not given.
    func value(_ name: String) -> String? { given.last { $0.name == name }?.value }

    func values(_ name: String) -> [String] { given.filter { $0.name == name }.map(\.value) }

    func argument(of name: String) -> Int? { given.last { $0.name == name }?.argument }

    var help: Bool { has("--help") }

    /// `--kind "job" (argument 5)`: an option's value as messages about it open.
    func shown(_ name: String) -> String {
        guard let given = given.last(where: { $0.name == name }) else { return name }
        return "\(name) \"\(given.value)\" (argument \(given.argument))"
    }

    /// The operands and the words after `--` together, each with its argument number.
    /// (A loop, not zip: each new pair of types zipped costs the start a metadata instantiation.)
    var allOperands: [(word: String, argument: Int)] {
        var all: [(word: String, argument: Int)] = []
        for index in operands.indices { all.append((operands[index], operandArguments[index])) }
        if let rest { for index in rest.indices { all.append((rest[index], restStart + index)) } }
        return all
    }

    /// For commands that take no operands.
    func refuseOperands(usage: String) throws(HardenError) {
        if let word = operands.first {
            throw .input("unexpected argument \(word) (argument \(operandArguments[0])); usage: \(usage)")
        }
        if let word = rest?.first { throw .input("unexpected argument \(word) (argument \(restStart)); usage: \(usage)") }
    }
}
