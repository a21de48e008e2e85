import HardenModel
/// The words of a line before docker run's own arguments: a prompt, shell assignments, wrappers
/// (`sudo -E`, `env -i X=1`, `nohup`, `timeout 5m`, …), the engine (by name or absolute path), its
/// global options and `run`, `create`, `container run` or `container create`.
///
/// Each wrapper and engine is read with its own option grammar (getopt for the wrappers, pflag for
/// the engines), and only the options whose effect on the launch is known are taken: an option that
/// runs a shell, changes the directory relative paths are read from, or swaps the runtime makes the
/// line one harden cannot judge. A line that does not come out as exactly one engine invocation is
/// not understood, rather than read with the wrapper word as the image.
package enum EngineInvocation {
    enum Reading: Equatable {
        /// docker run's arguments start at `start`; `engine` is nil when the line leaves the engine out.
        case arguments(start: Int, engine: String?)
        /// What could not be read, and the index of the word it is about.
        case notUnderstood(String, at: Int)
    }

    static let engines: Set<String> = ["docker", "podman", "nerdctl"]

    /// Commands that run another command and whose options harden does not read: first on a line,
    /// they mean the line is not one plain engine invocation.
    static let otherRunners: Set<String> = [
        "xargs", "stdbuf", "setsid", "ionice", "chroot", "su", "runuser", "sg", "unshare", "nsenter", "watch", "strace",
        "ltrace", "builtin", "eval", "sh", "bash", "dash", "zsh", "ksh", "busybox", "flock", "chrt", "taskset", "cgexec",
        "systemd-run", "firejail", "bwrap", "script", "ssh", "pkexec", "sudoedit", "gosu", "su-exec", "setpriv", "capsh",
    ]

    /// Subcommands by which launchers other than the three engines start containers.
    private static let launchVerbs: Set<String> = ["run", "create", "container"]

    /// Shell builtins that change what the lines after them mean: the directory relative paths are
    /// read from (`cd /var/run` then `-v .:/s`), the environment, aliases and functions, or code read
    /// from another file. A list holding one is a script harden does not follow.
    static let shellStateBuiltins: Set<String> = [
        "cd", "pushd", "popd", "export", "unset", "alias", "unalias", "source", ".", "set", "shopt", "declare", "typeset",
        "local", "readonly", "function", "trap", "hash", "enable", "umask",
    ]

    static func read(_ words: [String]) -> Reading {
        // Nearly every line of a long list starts `docker run`: say so without the grammar.
        if words.count > 1, words[1] == "run", words[0] == "docker" || words[0] == "podman" {
            return .arguments(start: 2, engine: words[0])
        }
        var index = 0
        if words.first == "$" { index = 1 }
        var before: String?
        while index < words.count {
            let word = words[index]
            if isAssignment(word) {
                before = before ?? word
                index += 1
                continue
            }
            let name = commandName(word)
            if let name, let wrapper = wrappers[name] {
                switch wrapper(words, index + 1) {
                case .success(let next):
                    before = before ?? word
                    index = next
                    continue
                case .failure(let failure):
                    return .notUnderstood("\(name) \(failure.message): harden cannot tell which command this line runs", at: failure.index)
                }
            }
            if let name, engines.contains(name) { return readEngine(name, words, from: index + 1) }
            let base = word.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? word
            if word.contains("/"), !word.hasPrefix("/"), engines.contains(base) || wrappers[base] != nil {
                return .notUnderstood("\(word) is a relative path: which program it runs depends on the directory the line is run from", at: index)
            }
            if let before {
                return .notUnderstood("\(word) after \(before) is not docker, podman or nerdctl: harden reads only container engine invocations", at: index)
            }
            if let name, otherRunners.contains(name) {
                return .notUnderstood("\(word) runs another command in a way harden does not read", at: index)
            }
            if shellStateBuiltins.contains(word) {
                return .notUnderstood("\(word) is a shell builtin that changes how the lines after it are read (directory, environment, functions), which harden does not follow; give each launch as a docker run line with absolute paths", at: index)
            }
            // `mywrapper docker run …`: docker itself would run an image named mywrapper, but the line
            // reads as a wrapper harden does not know in front of the engine.
            if index + 1 < words.count, !word.hasPrefix("-"), let next = commandName(words[index + 1]), engines.contains(next) {
                return .notUnderstood("\(word) before \(words[index + 1]) is a wrapper harden does not know, or an image whose command runs an engine", at: index)
            }
            // `docker-compose run …`, `kubectl run …`, `ctr run …`, `finch run …`: another launcher's
            // own run, whose options would otherwise be read as the command of an image of that name.
            // A word with a tag or digest is plainly an image, so `myapp:1 run` stays a command.
            if index + 1 < words.count, !word.hasPrefix("-"), !word.contains(":"), !word.contains("@"),
                launchVerbs.contains(words[index + 1]) {
                let verb = words[index + 1]
                return .notUnderstood("\(word) \(verb) is another program's launch, or an untagged image whose command is \(verb): harden reads docker, podman and nerdctl run lines; for the image write docker run IMAGE:TAG \(verb) …", at: index)
            }
            // No engine: the line is docker run's arguments alone, prompt and all, as before.
            return .arguments(start: 0, engine: nil)
        }
        if let before { return .notUnderstood("\(before) runs no container engine on this line", at: words.count - 1) }
        return .arguments(start: 0, engine: nil)
    }

    /// `NAME=VALUE` before a command: the shell's way of setting the command's environment.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return false }
        let name = word.utf8[..<equals]
        guard let first = name.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// A bare command name, or the last component of an absolute path; nil for anything else.
    private static func commandName(_ word: String) -> String? {
        guard word.hasPrefix("/") else { return word.contains("/") ? nil : word }
        guard let last = word.split(separator: "/").last, !word.hasSuffix("/") else { return nil }
        return String(last)
    }

    // MARK: The engine

    private static func readEngine(_ engine: String, _ words: [String], from start: Int) -> Reading {
        let grammar = engineOptions[engine]!
        var index = start
        while index < words.count, words[index].hasPrefix("-"), words[index] != "-" {
            if words[index] == "--" { return .notUnderstood("\(engine) -- leaves no subcommand harden can read", at: index) }
            switch grammar.consume(words, at: index, flavour: .pflag) {
            case .success(let next): index = next
            case .failure(let failure):
                return .notUnderstood("\(engine) global option \(failure.message)", at: failure.index)
            }
        }
        guard index < words.count else { return .notUnderstood("\(engine) without a subcommand runs no container", at: words.count - 1) }
        if words[index] == "container" { index += 1 }
        guard index < words.count, words[index] == "run" || words[index] == "create" else {
            let word = index < words.count ? words[index] : "nothing"
            return .notUnderstood("\(engine) \(word) is not run or create: harden reads container run and create lines", at: min(index, words.count - 1))
        }
        return .arguments(start: index + 1, engine: engine)
    }

    /// Global options read before the subcommand, from each engine's root command: docker/cli
    /// cli/flags/options.go, podman cmd/podman/root.go, nerdctl cmd/nerdctl/main.go. Options left out
    /// (podman --hooks-dir, --runtime, --conmon, --module; nerdctl --cni-path, …) change what runs the
    /// container, so a line using them is not understood.
    static let engineOptions: [String: OptionGrammar] = [
        "docker": OptionGrammar(
            switches: ["debug", "D", "tls", "tlsverify"],
            values: ["config", "context", "c", "host", "H", "log-level", "l", "tlscacert", "tlscert", "tlskey"]),
        "podman": OptionGrammar(
            switches: ["remote", "r", "syslog", "transient-store", "noout"],
            values: ["url", "connection", "c", "identity", "root", "runroot", "log-level", "storage-driver", "storage-opt",
                     "tmpdir", "events-backend", "cgroup-manager", "imagestore", "db-backend", "ssh", "out"]),
        "nerdctl": OptionGrammar(
            switches: ["debug", "debug-full", "insecure-registry", "experimental", "kube-hide-dupe"],
            values: ["namespace", "n", "address", "a", "host", "H", "snapshotter", "storage-driver", "data-root",
                     "cgroup-manager", "hosts-dir", "host-gateway-ip", "bridge-ip"]),
    ]

    // MARK: Wrappers

    struct Failure: Error {
        var message: String
        var index: Int
    }

    /// Reads a wrapper's own options from the word after its name; the index of its command.
    typealias Wrapper = @Sendable ([String], Int) -> Result<Int, Failure>

    static let wrappers: [String: Wrapper] = [
        // sudo(8): getopt_long with "+"; options that run a shell (-s, -i), edit (-e), list (-l),
        // validate (-v), change directory (-D) or root (-R), or pick another host or SELinux role are
        // left out. VAR=value words after the options set the command's environment.
        "sudo": { words, start in
            options(sudo, words, from: start).flatMap { skipAssignments(words, from: $0) }
        },
        // doas(1): getopt "+C:Lnsu:"; -s runs a shell, -C and -L do not run a command.
        "doas": { words, start in options(OptionGrammar(switches: ["n"], values: ["u"]), words, from: start) },
        // env(1), GNU coreutils: -C/--chdir moves relative paths, -S/--split-string splits words
        // itself, -0 prints: left out. Every NAME=VALUE after the options is an assignment.
        "env": { words, start in
            var index = start
            if index < words.count, words[index] == "-" { index += 1 }
            return options(env, words, from: index).flatMap { next in
                var index = next
                while index < words.count, words[index].contains("=") { index += 1 }
                return .success(index)
            }
        },
        "nohup": { words, start in options(OptionGrammar(), words, from: start) },
        // bash's `time` keyword takes only -p.
        "time": { words, start in options(OptionGrammar(switches: ["p"]), words, from: start) },
        // bash's exec builtin: -c empties the environment, -l marks a login; -a renames argv[0].
        "exec": { words, start in options(OptionGrammar(switches: ["c", "l"]), words, from: start) },
        // bash's command builtin: -p uses the default PATH; -v and -V describe instead of running.
        "command": { words, start in options(OptionGrammar(switches: ["p"]), words, from: start) },
        // nice(1): -n N, --adjustment=N, and the old -N.
        "nice": { words, start in
            if start < words.count, words[start].count > 1, words[start].hasPrefix("-"),
               Int(words[start].dropFirst()) != nil {
                return .success(start + 1)
            }
            return options(OptionGrammar(values: ["n", "adjustment"]), words, from: start)
        },
        // timeout(1): options, then the duration, then the command.
        "timeout": { words, start in
            options(OptionGrammar(switches: ["preserve-status", "foreground", "v", "verbose"],
                                  values: ["s", "signal", "k", "kill-after"]), words, from: start).flatMap { next in
                guard next < words.count, isDuration(words[next]) else {
                    return .failure(Failure(message: "needs a duration such as 30s before the command", index: min(next, words.count - 1)))
                }
                return .success(next + 1)
            }
        },
    ]

    static let sudo = OptionGrammar(
        switches: ["A", "askpass", "B", "bell", "E", "H", "set-home", "k", "reset-timestamp", "n", "non-interactive",
                   "P", "preserve-groups", "S", "stdin", "b", "background"],
        values: ["u", "user", "g", "group", "p", "prompt", "C", "close-from", "T", "command-timeout"],
        optionalValues: ["preserve-env"])

    static let env = OptionGrammar(
        switches: ["i", "ignore-environment", "v", "debug"],
        values: ["u", "unset"])

    private static func options(_ grammar: OptionGrammar, _ words: [String], from start: Int) -> Result<Int, Failure> {
        var index = start
        while index < words.count, words[index].hasPrefix("-"), words[index] != "-" {
            if words[index] == "--" { return .success(index + 1) }
            switch grammar.consume(words, at: index, flavour: .getopt) {
            case .success(let next): index = next
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(index)
    }

    private static func skipAssignments(_ words: [String], from start: Int) -> Result<Int, Failure> {
        var index = start
        while index < words.count, isAssignment(words[index]) { index += 1 }
        return .success(index)
    }

    /// timeout's DURATION: a non-negative decimal number with an optional s, m, h or d.
    static func isDuration(_ word: String) -> Bool {
        var number = Substring(word)
        if let last = number.last, "smhd".contains(last) { number = number.dropLast() }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return false }
        return number.filter { $0 == "." }.count <= 1 && number != "."
    }
}

/// The options a wrapper or engine takes before its command, by name: a one-letter name is a
/// short option, any other a long one.
package struct OptionGrammar: Sendable {
    var switches: Set<String> = []
    var values: Set<String> = []
    /// Long options whose value, if any, is joined with `=` (sudo --preserve-env[=list]).
    var optionalValues: Set<String> = []

    enum Flavour {
        /// getopt_long: `-uUSER`, `-u USER`, `--user=USER`, `--user USER`; switches take no value.
        case getopt
        /// pflag: as getopt, and also `-u=USER`, and `--switch=false`.
        case pflag
    }

    /// The index after one option word (and its value).
    func consume(_ words: [String], at index: Int, flavour: Flavour) -> Result<Int, EngineInvocation.Failure> {
        let word = words[index]
        func failure(_ message: String) -> Result<Int, EngineInvocation.Failure> {
            .failure(EngineInvocation.Failure(message: message, index: index))
        }
        if word.hasPrefix("--") {
            let body = word.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inline = body.contains("=")
            if switches.contains(name) {
                guard inline else { return .success(index + 1) }
                let value = body.drop { $0 != "=" }.dropFirst()
                guard flavour == .pflag, GoBool.parse(value) != nil else { return failure("\(word) is not a switch harden can read") }
                return .success(index + 1)
            }
            if optionalValues.contains(name) { return .success(index + 1) }
            if values.contains(name) {
                if inline { return .success(index + 1) }
                guard index + 1 < words.count else { return failure("\(word) needs a value") }
                return .success(index + 2)
            }
            return failure("\(word) is not one harden knows the effect of")
        }
        // A cluster of short options: switches, then at most one that takes the rest or the next word.
        var letters = Substring(word.dropFirst())
        while let letter = letters.first {
            let name = String(letter)
            letters = letters.dropFirst()
            if switches.contains(name) {
                if letters.first == "=" {
                    guard flavour == .pflag, GoBool.parse(letters.dropFirst()) != nil else { return failure("\(word) is not a switch harden can read") }
                    return .success(index + 1)
                }
                continue
            }
            if values.contains(name) {
                if !letters.isEmpty { return .success(index + 1) }
                guard index + 1 < words.count else { return failure("-\(name) needs a value") }
                return .success(index + 2)
            }
            return failure("-\(name) is not one harden knows the effect of")
        }
        return .success(index + 1)
    }
}
