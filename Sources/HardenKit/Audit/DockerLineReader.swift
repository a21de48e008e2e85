/// Reads docker run command lines: the words after `harden check --`, or the lines of a `--file`
/// list (shell word splitting, `#` comments, backslash continuations), into plans.
public enum DockerLineReader {
    /// Engines and the subcommands whose options are docker run's.
    static let engines: Set<String> = ["docker", "podman", "nerdctl"]

    /// How many leading words are the engine and its subcommand (`docker run`, `sudo docker container
    /// create`), so that what follows is docker run's own arguments.
    static func prefixLength(_ words: [String]) -> Int {
        var index = 0
        if words.first == "$" { index += 1 }
        if index < words.count, words[index] == "sudo" { index += 1 }
        guard index < words.count, engines.contains(words[index]) || words[index].hasSuffix("/docker") else { return 0 }
        index += 1
        if index < words.count, words[index] == "container" { index += 1 }
        guard index < words.count, ["run", "create"].contains(words[index]) else { return 0 }
        return index + 1
    }

    /// Commands that run another command, and the engines themselves: as the first word of a line
    /// that `prefixLength` could not read, each means the line is not one plain engine invocation.
    static let wrappers: Set<String> = [
        "sudo", "doas", "env", "nohup", "time", "exec", "command", "nice", "ionice", "timeout", "setsid", "stdbuf",
        "xargs", "chroot", "runuser", "su", "sg", "unshare", "nsenter", "watch", "strace", "builtin", "eval",
    ]

    static func wrapperWord(_ word: String) -> String? {
        let name = word.split(separator: "/").last.map(String.init) ?? word
        return wrappers.contains(name) || engines.contains(name) ? word : nil
    }

    /// One command line, given as words. Arguments are numbered from 1 as the words stand, the engine included.
    public static func read(words: [String], name: String) throws(HardenError) -> AuditedLaunch {
        let skip = prefixLength(words)
        let arguments = Array(words.dropFirst(skip))
        let number: (Int) -> Int = { $0 + skip + 1 }
        let parsed: ParsedRun
        do {
            parsed = try DockerRunParser.parse(arguments)
        } catch {
            throw .input(error.message.replacingText("(argument \(error.position))", with: "(argument \(number(error.position)))"))
        }
        var plan = LaunchPlan()
        var sources = PlanSources()
        sources.positions.reserveCapacity(parsed.options.count + 1)
        // An audited line means what docker would do with it: a port without an address is on every interface.
        try DockerOptionApplier.apply(parsed, to: &plan, publishAddress: nil, argumentNumber: number, sources: &sources)
        sources[.image] = SourcePosition(argument: number(arguments.count - parsed.command.count - 1))
        if skip == 0, let wrapper = wrapperWord(plan.image) {
            plan.notUnderstood.append("\(wrapper) before the engine is not a container image: harden cannot tell which engine invocation this line makes")
            sources[.notUnderstood(plan.notUnderstood.count - 1)] = sources[.image]
        }
        return AuditedLaunch(name: name, kind: .dockerRun, plan: plan, sources: sources)
    }

    /// Every command of a list file; a bad line is an error naming the file and line.
    public static func read(list text: String, file: String) throws(HardenError) -> [AuditedLaunch] {
        var launches: [AuditedLaunch] = []
        for (line, command) in logicalLines(text) {
            let words: [String]
            do {
                words = try ShellQuote.split(command)
            } catch {
                throw .input("\(file):\(line): \(error.message) at column \(error.column); close the quote or escape it with a backslash")
            }
            guard !words.isEmpty else { continue }
            do {
                var launch = try read(words: words, name: "\(file):\(line)")
                launch.sources = launch.sources.placed(inFile: file, line: line)
                launches.append(launch)
            } catch {
                throw .input("\(file):\(line): \(error.message)")
            }
        }
        return launches
    }

    /// Lines joined where one ends in an unescaped backslash, each with the number of its first line.
    static func logicalLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var pending: String?
        var start = 1
        // Split on the scalar: to a String, "\r\n" is one Character and no "\n", so a list written on
        // Windows was read as one line, and every line after the first became the first's command.
        for (offset, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(String.UnicodeScalarView(raw))
            if line.hasSuffix("\r") { line.removeLast() }
            if pending == nil { start = offset + 1 }
            let trailing = line.reversed().prefix { $0 == "\\" }.count
            if trailing % 2 == 1 {
                pending = (pending ?? "") + line.dropLast() + " "
                continue
            }
            result.append((start, (pending ?? "") + line))
            pending = nil
        }
        if let pending { result.append((start, pending)) }
        return result
    }
}
