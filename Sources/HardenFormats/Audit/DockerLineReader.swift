import HardenModel
/// Reads docker run command lines: the words after `harden check --`, or the lines of a `--file`
/// list (shell word splitting, `#` comments, backslash continuations), into plans.
public enum DockerLineReader {
    /// Whether the words are a line that names its engine (`docker run …`, `sudo docker …`), or one
    /// that starts like an invocation harden cannot read, rather than docker run's arguments alone.
    package static func beginsWithEngine(_ words: [String]) -> Bool {
        switch EngineInvocation.read(words) {
        case .arguments(let start, _): return start > 0
        case .notUnderstood: return true
        }
    }

    /// One command line, given as words. Arguments are numbered from 1 as the words stand, the engine
    /// included. `engine`: the engine the line is meant for when it does not say (`--engine podman`).
    public static func read(words: [String], name: String, engine: String? = nil) throws(HardenError) -> AuditedLaunch {
        let skip: Int
        let lineEngine: String?
        switch EngineInvocation.read(words) {
        case .notUnderstood(let message, let index):
            return notUnderstood(message, at: SourcePosition(argument: index + 1), name: name)
        case .arguments(let start, let named):
            (skip, lineEngine) = (start, named ?? engine)
        }
        let arguments = Array(words.dropFirst(skip))
        let number: (Int) -> Int = { $0 + skip + 1 }
        let parsed: ParsedRun
        do {
            parsed = try DockerRunParser.parse(arguments)
        } catch {
            if error.unknownOption, let lineEngine, lineEngine != "docker" {
                return notUnderstood("\(error.argument) is not a docker run option, and harden does not model what \(lineEngine) does with it",
                                     at: SourcePosition(argument: number(error.position)), name: name)
            }
            throw .input(error.message.replacingText("(argument \(error.position))", with: "(argument \(number(error.position)))"))
        }
        let imageNumber = number(arguments.count - parsed.command.count - 1)
        if let image = parsed.image, let lineEngine, lineEngine != "docker", let transport = ImageTransport.of(image) {
            return notUnderstood("\(image) names an image through \(lineEngine)'s \(transport) transport, which harden does not read",
                                 at: SourcePosition(argument: imageNumber), name: name)
        }
        if let image = parsed.image { try ImageReference.validate(image, at: "argument \(imageNumber)") }
        var plan = LaunchPlan()
        var sources = PlanSources()
        sources.positions.reserveCapacity(parsed.options.count + 1)
        // An audited line means what docker would do with it: a port without an address is on every interface.
        try DockerOptionApplier.apply(parsed, to: &plan, publishAddress: nil, argumentNumber: number, sources: &sources)
        sources[.image] = SourcePosition(argument: imageNumber)
        return AuditedLaunch(name: name, kind: .dockerRun, plan: plan, sources: sources)
    }

    /// A launch harden could not read: it carries only the reason, which refuses it.
    static func notUnderstood(_ message: String, at position: SourcePosition, name: String) -> AuditedLaunch {
        var plan = LaunchPlan()
        var sources = PlanSources()
        plan.notUnderstood.append(HardenError.oneLine(message))
        sources[.notUnderstood(0)] = position
        return AuditedLaunch(name: name, kind: .dockerRun, plan: plan, sources: sources)
    }

    /// A list line that needs a shell (an operator, an expansion, a glob, a reserved word first), as
    /// a refused launch; nil for a line of plain words. `bytes`: the logical line.
    static func shellLine(
        _ bytes: UnsafeBufferPointer<UInt8>, words: [String], name: String, expanded: (ShellWorkingDirectory.Expanded, written: String)? = nil
    ) -> AuditedLaunch? {
        if let special = ShellLineScan.firstSpecial(bytes) {
            let column: Int
            if let (expansion, written) = expanded {
                column = expansion.column(ofOffset: special.offset, in: written)
            } else {
                column = bytes[..<special.offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            }
            let shown = Character(Unicode.Scalar(special.byte))
            return notUnderstood("\(shown) \(ShellLineScan.meaning(of: special.byte)) (column \(column)): the line needs a shell to mean what it says, "
                + "and harden reads a list line as one command of plain words; quote the character, or check the command the shell would run",
                at: SourcePosition(column: column), name: name)
        }
        if let first = words.first, ShellLineScan.reservedWords.contains(first) {
            return notUnderstood("\(first) starts shell grammar, not a command: the line needs a shell to mean what it says; check the command the shell would run",
                                 at: SourcePosition(argument: 1), name: name)
        }
        return nil
    }

    /// Every command of a list file; a bad line is an error naming the file and line.
    public static func read(list text: String, file: String) throws(HardenError) -> [AuditedLaunch] {
        var launches: [AuditedLaunch] = []
        for entry in entries(list: text, file: file) {
            switch entry {
            case .launch(let launch): launches.append(launch)
            case .unreadable(_, let message): throw .input(message)
            }
        }
        return launches
    }

    /// One line of a list: its launch, or the one-line error (`FILE:LINE: …`) saying why it cannot be read.
    package enum ListEntry {
        case launch(AuditedLaunch)
        case unreadable(line: Int, message: String)
    }

    /// Every line of a list, each read on its own: a bad line does not stop the lines after it.
    package static func entries(list text: String, file: String, workingDirectory: String? = nil) -> [ListEntry] {
        var entries: [ListEntry] = []
        for (line, command) in logicalLines(text) {
            switch entry(command, file: file, line: line, workingDirectory: workingDirectory) {
            case .some(let entry): entries.append(entry)
            case .none: continue
            }
        }
        return entries
    }

    /// One logical line of a list; nil for a blank line or a comment.
    /// `workingDirectory`: what `$PWD` and `$(pwd)` stand for (`ShellWorkingDirectory`); nil to
    /// refuse them as any other expansion.
    package static func entry(_ command: String, file: String, line: Int, workingDirectory: String? = nil) -> ListEntry? {
        let expanded = workingDirectory.flatMap { ShellWorkingDirectory.expand(command, directory: $0) }
        let words: [String]
        do {
            words = try ShellQuote.split(command)
        } catch {
            return .unreadable(line: line, message: "\(file):\(line): \(error.message) at column \(error.column); close the quote or escape it with a backslash")
        }
        guard !words.isEmpty else { return nil }
        var text = expanded?.text ?? command
        let expandedWords = expanded.flatMap { try? ShellQuote.split($0.text) } ?? words
        if let refused = text.withUTF8({ shellLine($0, words: expandedWords, name: "\(file):\(line)", expanded: expanded.map { ($0, command) }) }) {
            var launch = refused
            launch.sources = launch.sources.placed(inFile: file, line: line)
            return .launch(launch)
        }
        do {
            var launch = try read(words: expandedWords, name: "\(file):\(line)")
            launch.sources = launch.sources.placed(inFile: file, line: line)
            return .launch(launch)
        } catch {
            return .unreadable(line: line, message: "\(file):\(line): \(error.message)")
        }
    }

    /// Lines joined where one ends in a backslash sh reads as a continuation (not in a comment or
    /// single quotes), each with the number of its first line. The backslash and newline stay in the
    /// text: the splitter drops the pair, so a word broken across lines joins without a space, as in sh.
    package static func logicalLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var pending: String?
        var continuation = ShellLineScan.Continuation()
        var start = 1
        // Split on the scalar: to a String, "\r\n" is one Character and no "\n", so a list written on
        // Windows was read as one line, and every line after the first became the first's command.
        for (offset, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(String.UnicodeScalarView(raw))
            if line.hasSuffix("\r") { line.removeLast() }
            if pending == nil { start = offset + 1 }
            if pending == nil { continuation = ShellLineScan.Continuation() }
            if line.withUTF8({ ShellLineScan.continues($0, from: &continuation) }) {
                // In place: a chain of continued lines grows one string, not a copy a line.
                if pending == nil { pending = "" }
                pending!.append(line)
                pending!.append("\n")
                continue
            }
            result.append((start, (pending ?? "") + line))
            pending = nil
        }
        if let pending { result.append((start, pending)) }
        return result
    }
}
