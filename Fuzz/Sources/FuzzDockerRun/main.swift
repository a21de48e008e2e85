import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// The docker door. Input with a NUL byte is an argument vector (words split on NUL), as after
// `harden check --`; input without is a `--file` list (shell quoting, comments, continuations).
// Beyond not crashing: a line that is read, written back out as `harden run` would write it and
// read again, must hold the container as tightly and must be refused for the same reasons.
// And no line is accepted in which a word was skipped: every word is the engine or a wrapper (or
// their options), a docker run option or its value, the image, or the command.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var launches: [AuditedLaunch] = []
    if input.contains(0) {
        let words = input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let launch = try? DockerLineReader.read(words: words, name: "fuzz") else { return 0 }
        checkEveryWordRead(words, launch, input: input)
        launches = [launch]
    } else {
        guard let read = try? DockerLineReader.read(list: String(decoding: input, as: UTF8.self), file: "fuzz") else { return 0 }
        launches = read
        for (line, command) in DockerLineReader.logicalLines(String(decoding: input, as: UTF8.self)) {
            guard let words = try? ShellQuote.split(command), let launch = read.first(where: { $0.name == "fuzz:\(line)" }) else { continue }
            checkEveryWordRead(words, launch, input: input)
        }
    }
    // A launch not understood is refused whole; there is nothing to write back.
    for launch in launches where launch.plan.notUnderstood.isEmpty {
        let argv = ["docker"] + DockerArguments.emit(launch.plan)
        let again: AuditedLaunch
        do {
            again = try DockerLineReader.read(words: argv, name: "emitted")
        } catch {
            violated("the emitted line \(argv) does not read back: \(error.message)", input: input)
        }
        if let difference = securityDifference(launch.plan, again.plan) {
            violated("the emitted line \(argv) changes \(difference)", input: input)
        }
        let refused = refusals(launch), refusedAgain = refusals(again)
        if !refused.isSubset(of: refusedAgain) {
            violated("the emitted line \(argv) loses the refusals \(refused.subtracting(refusedAgain).sorted())", input: input)
        }
    }
    return 0
}

/// A launch accepted from `words` accounts for each of them: the words before docker run's arguments
/// are the engine invocation's, and after them each is an option, the value an option took from the
/// next word, `--`, the image or the command.
func checkEveryWordRead(_ words: [String], _ launch: AuditedLaunch, input: [UInt8]) {
    guard launch.plan.notUnderstood.isEmpty else { return }
    guard case .arguments(let start, _) = EngineInvocation.read(words) else {
        violated("\(words) was accepted though its engine invocation is not understood", input: input)
    }
    let arguments = Array(words[start...])
    guard let parsed = try? DockerRunParser.parse(arguments) else {
        violated("\(words) was accepted though docker run's arguments do not parse", input: input)
    }
    let image = arguments.count - parsed.command.count - 1
    var read = Set(image..<arguments.count)
    for option in parsed.options {
        read.insert(option.position)
        // A value in the next word: the option word is the whole flag (no '=' and no letters after a short one).
        let word = arguments[option.position]
        if option.position + 1 < image, !word.contains("="), option.value == arguments[option.position + 1],
           word.hasPrefix("--") || word.utf8.count == 2 || DockerOptionTable.spec(short: word.last!)?.kind == .value {
            read.insert(option.position + 1)
        }
    }
    if image > 0, arguments[image - 1] == "--" { read.insert(image - 1) }
    if let skipped = (0..<arguments.count).first(where: { !read.contains($0) }) {
        violated("\(words) was accepted, but word \(start + skipped + 1) (\(arguments[skipped].debugDescription)) was not read", input: input)
    }
}

runFuzzer(fuzzOne)
