import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Words put together at random from what a command line can hold, read by every command's
/// declarations: the cursor never crashes, every word it keeps is one the user typed, at the place
/// it says, and every refusal is one line naming an argument that exists.
@Suite("Argument cursor: any words, every command")
struct ArgumentCursorPropertyTests {
    /// SplitMix64: the same words on every run, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let vocabulary: [String] = {
        let ours = HardenCLI.commands.flatMap(\.options).flatMap { option in
            [option.name, option.name + "=", option.name + "=x", option.short.map { "-\($0)" } ?? "-h"]
        }
        let docker = ["-e", "-p", "80:80", "-it", "-h", "-v", "--name", "--env=A=B", "--rm", "--privilegd", "--memory", "-o"]
        let odd = ["--", "-", "", "=", "--=", "-=", "web", "img:1", "docker", "run", "--\u{212A}ind", "--dryrun", "--fromat", "é", "-\u{301}"]
        return Array(Set(ours)) .sorted() + docker + odd
    }()

    @Test("any words: kept words are the user's, in place; refusals name an argument that exists",
          arguments: HardenCLI.commands.map(\.name))
    func anyWords(name: String) {
        let command = HardenCLI.command(named: name)!
        let grammar: ArgumentCursor.Grammar = ["run", "oci", "compose", "k8s"].contains(name) ? .profileThenDocker : .operands
        var generator = Generator(state: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for _ in 0..<400 {
            let count = Int.random(in: 0...8, using: &generator)
            let words = (0..<count).map { _ in Self.vocabulary.randomElement(using: &generator)! }
            do {
                let parsed = try ArgumentCursor(command, grammar: grammar).read(words)
                #expect(parsed.dockerOrigins.map { words[$0] } == parsed.docker, "\(words)")
                #expect(parsed.dockerOrigins == parsed.dockerOrigins.sorted() && Set(parsed.dockerOrigins).count == parsed.dockerOrigins.count)
                #expect(zip(parsed.operands, parsed.operandArguments).allSatisfy { words[$1 - 2] == $0 }, "\(words)")
                for given in parsed.given {
                    #expect(command.options.contains { $0.name == given.name }, "\(name) took \(given.name) from \(words)")
                    #expect(words.indices.contains(given.argument - 2), "\(words)")
                }
                if let rest = parsed.rest { #expect(Array(words.suffix(rest.count)) == rest && parsed.restStart == words.count - rest.count + 2) }
            } catch {
                #expect(!error.message.contains("\n"), "\(words)")
                let numbers = Self.argumentNumbers(in: error.message)
                #expect(!numbers.isEmpty && numbers.allSatisfy { (2...words.count + 1).contains($0) }, "\(words): \(error.message)")
            }
        }
    }

    /// The N of every "(argument N)" and "(first at argument N)" in a message.
    static func argumentNumbers(in message: String) -> [Int] {
        message.split(separator: "argument ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }
}
