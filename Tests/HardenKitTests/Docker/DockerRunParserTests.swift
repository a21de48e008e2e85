import Testing
import HardenCommands
import HardenFormats
import HardenModel

// Expectations below were checked against docker 28.2.2 itself, pointed at a stub daemon that
// echoes the container config it is sent.

/// Options as "name=value", the way the tests spell them.
private func read(_ arguments: [String]) throws -> [String] {
    try DockerRunParser.parse(arguments).options.map { "\($0.name)=\($0.value)" }
}

private func failure(_ arguments: [String], requireImage: Bool = true) -> DockerRunParseError? {
    do {
        _ = try DockerRunParser.parse(arguments, requireImage: requireImage)
        return nil
    } catch {
        return error
    }
}

@Suite("Reading docker run options")
struct DockerRunParserTests {
    @Test("a long option takes its value after a space or an equals sign", arguments: [
        ["--name", "web", "nginx"], ["--name=web", "nginx"],
    ])
    func longValue(arguments: [String]) throws {
        let run = try DockerRunParser.parse(arguments)
        #expect(run == ParsedRun(options: [ParsedOption(name: "name", value: "web", position: 0)],
                                 image: "nginx", command: []))
    }

    @Test("a boolean accepts Go's ParseBool spellings, normalised to true or false", arguments: [
        ("--rm", "true"), ("--rm=true", "true"), ("--rm=false", "false"), ("--read-only=false", "false"),
        ("--privileged=TRUE", "true"), ("--privileged=True", "true"), ("--privileged=1", "true"),
        ("--privileged=t", "true"), ("--privileged=T", "true"), ("--privileged=0", "false"),
        ("--privileged=f", "false"), ("--privileged=F", "false"), ("--privileged=FALSE", "false"),
        ("--privileged=False", "false"), ("-d", "true"), ("-d=false", "false"), ("-d=1", "true"),
        ("-t=F", "false"), ("--help=false", "false"),
    ])
    func booleanSpellings(flag: String, expected: String) throws {
        let options = try DockerRunParser.parse([flag, "nginx"]).options
        #expect(options.map(\.value) == [expected])
    }

    @Test("a boolean never takes the next argument, so `--rm false` runs the image false")
    func booleanLeavesNextArgument() throws {
        let run = try DockerRunParser.parse(["--rm", "false", "true"])
        #expect(run == ParsedRun(options: [ParsedOption(name: "rm", value: "true", position: 0)],
                                 image: "false", command: ["true"]))
    }

    @Test("a boolean given something ParseBool rejects is an error", arguments: [
        "--rm=yes", "--rm=", "--rm=tRUE", "--read-only=no", "-d=yes", "-t=2", "-d=", "-id=",
    ])
    func booleanRejectsOtherValues(flag: String) throws {
        let error = try #require(failure([flag, "nginx"]))
        #expect(error.position == 0)
        #expect(error.argument == flag)
        #expect(error.message.contains("is not a boolean") || error.message.contains("nothing follows '='"))
    }

    @Test("a short option takes its value apart, glued on, or after an equals sign", arguments: [
        ["-v", "/a:/b", "nginx"], ["-v/a:/b", "nginx"], ["-v=/a:/b", "nginx"], ["--volume=/a:/b", "nginx"],
    ])
    func shortValue(arguments: [String]) throws {
        #expect(try read(arguments) == ["volume=/a:/b"])
    }

    @Test("only the first equals sign after a short option is dropped", arguments: [
        (["-e=A=1", "nginx"], "env=A=1"), (["-eA=1", "nginx"], "env=A=1"),
        (["-u=", "nginx"], "user=="),  // nothing after '=', so docker takes "=" itself as the user
        (["-v==", "nginx"], "volume=="),
    ])
    func shortValueEquals(arguments: [String], expected: String) throws {
        #expect(try read(arguments) == [expected])
    }

    @Test("bundled short booleans may end in an option taking a value", arguments: [
        (["-dit", "nginx"], ["detach=true", "interactive=true", "tty=true"]),
        (["-dp", "80:80", "nginx"], ["detach=true", "publish=80:80"]),
        (["-dp80:80", "nginx"], ["detach=true", "publish=80:80"]),
        (["-dp=80:80", "nginx"], ["detach=true", "publish=80:80"]),
        (["-itv", "/a:/b", "nginx"], ["interactive=true", "tty=true", "volume=/a:/b"]),
        (["-di=false", "nginx"], ["detach=true", "interactive=false"]),
        (["-Pq", "nginx"], ["publish-all=true", "quiet=true"]),
        (["-ev", "nginx"], ["env=v"]),  // the value swallows the rest of the bundle
    ])
    func bundledShorts(arguments: [String], expected: [String]) throws {
        let run = try DockerRunParser.parse(arguments)
        #expect(run.options.map { "\($0.name)=\($0.value)" } == expected)
        #expect(run.options.allSatisfy { $0.position == 0 })
        #expect(run.image == "nginx")
    }

    @Test("an option taking a value eats the next argument, even one that looks like an option or image", arguments: [
        (["-e", "FOO", "nginx"], "env=FOO", "nginx"),
        (["-e", "-it", "nginx"], "env=-it", "nginx"),
        (["-e", "--", "nginx"], "env=--", "nginx"),
        (["--name", "--rm", "nginx"], "name=--rm", "nginx"),
        (["--entrypoint", "nginx", "alpine"], "entrypoint=nginx", "alpine"),
    ])
    func valueEatsNextArgument(arguments: [String], option: String, image: String) throws {
        let run = try DockerRunParser.parse(arguments)
        #expect(run.options.map { "\($0.name)=\($0.value)" } == [option])
        #expect(run.image == image)
        #expect(run.command.isEmpty)
    }

    @Test("everything after the image is the command, flags included")
    func commandIsVerbatim() throws {
        let command = ["--privileged", "-v", "/:/host", "--", "-dit", "--net=host", ""]
        let run = try DockerRunParser.parse(["--rm", "nginx"] + command)
        #expect(run.options.map(\.name) == ["rm"])
        #expect(run.image == "nginx")
        #expect(run.command == command)
    }

    @Test("`--` ends the options and the next argument is the image, whatever it looks like", arguments: [
        (["--rm", "--", "nginx", "sh"], "nginx", ["sh"]),
        (["--", "-e"], "-e", []),
        (["--", "--", "x"], "--", ["x"]),
        (["--", "--privileged"], "--privileged", []),
        (["-d", "-", "x"], "-", ["x"]),  // a lone dash is a positional argument, as in pflag
    ])
    func doubleDashEndsOptions(arguments: [String], image: String, command: [String]) throws {
        let run = try DockerRunParser.parse(arguments)
        #expect(run.image == image)
        #expect(run.command == command)
    }

    @Test("an empty long value is kept as the empty string", arguments: ["user", "entrypoint", "name"])
    func emptyLongValue(name: String) throws {
        #expect(try read(["--\(name)=", "nginx"]) == ["\(name)="])
    }

    @Test("hidden aliases read as the canonical option", arguments: [
        (["--net", "host"], "network=host"), (["--net=host"], "network=host"),
        (["--net-alias", "db"], "network-alias=db"), (["--dns-opt=ndots:1"], "dns-option=ndots:1"),
        (["-c", "512"], "cpu-shares=512"),
    ])
    func aliasesResolve(arguments: [String], expected: String) throws {
        #expect(try read(arguments + ["nginx"]) == [expected])
    }

    @Test("repeatable options accumulate in the order given, each at its own position")
    func repeatedOptionsAccumulate() throws {
        let run = try DockerRunParser.parse(
            ["-e", "A", "-eB", "--env=C", "--env", "D", "-p", "1:1", "-e=E", "--cap-add", "NET_ADMIN", "nginx"])
        let env = run.options.filter { $0.name == "env" }
        #expect(env.map(\.value) == ["A", "B", "C", "D", "E"])
        #expect(env.map(\.position) == [0, 2, 3, 4, 8])
        #expect(run.options.map(\.name) == ["env", "env", "env", "env", "publish", "env", "cap-add"])
    }

    @Test("every option records the index of the argument it starts at")
    func positions() throws {
        let run = try DockerRunParser.parse(["-e", "A", "--rm", "-dit", "--name=x", "--", "nginx"])
        #expect(run.options.map(\.position) == [0, 2, 3, 3, 3, 4])
    }

    @Test("an unknown long option is an error naming it, its position and a near match")
    func unknownLongOption() throws {
        let error = try #require(failure(["--rm", "--privilegd", "nginx"]))
        #expect(error.position == 1)
        #expect(error.argument == "--privilegd")
        #expect(error.message == "unknown docker run option '--privilegd' (argument 1); did you mean '--privileged'? see `docker run --help`")
        #expect(error.description == error.message)
    }

    @Test("long options match exactly: no prefixes, case or underscores", arguments: [
        "--priv", "--network-al=x", "--rm-", "--Rm", "--cap_add", "--detach-key=x", "--r\u{0301}m",
    ])
    func noPrefixMatching(flag: String) throws {
        let error = try #require(failure(["-d", flag, "nginx"]))
        #expect(error.position == 1)
        #expect(error.message.hasPrefix("unknown docker run option"))
    }

    @Test("an unknown short option is an error naming the letter", arguments: [
        (["-dx", "nginx"], 0, "'-x' in '-dx' (argument 0)"),
        (["--rm", "-Z"], 1, "'-Z' (argument 1)"),
        (["-D", "nginx"], 0, "'-D' (argument 0)"),
        (["-rm", "nginx"], 0, "did you mean '--rm'?"),
        (["-network=host", "nginx"], 0, "did you mean '--network'?"),
        (["-d\u{0301}", "nginx"], 0, "'-\u{0301}'"),
    ])
    func unknownShortOption(arguments: [String], position: Int, fragment: String) throws {
        let error = try #require(failure(arguments))
        #expect(error.position == position)
        #expect(error.argument == arguments[position])
        #expect(error.message.contains(fragment))
        #expect(error.message.contains("docker run --help"))
    }

    @Test("an option needing a value with nothing after it is an error naming it", arguments: [
        (["--name"], 0, "'--name'"),
        (["--rm", "-e"], 1, "'-e'"),
        (["-de"], 0, "'-e' in '-de'"),
        (["-h"], 0, "-h is --hostname"),
    ])
    func missingValue(arguments: [String], position: Int, fragment: String) throws {
        let error = try #require(failure(arguments))
        #expect(error.position == position)
        #expect(error.argument == arguments[position])
        #expect(error.message.contains("needs a value"))
        #expect(error.message.contains(fragment))
    }

    @Test("a long option with a third dash or no name is malformed", arguments: ["---rm", "--=x", "---"])
    func malformedLongOption(flag: String) throws {
        let error = try #require(failure([flag, "nginx"]))
        #expect(error.position == 0)
        #expect(error.message.hasPrefix("malformed docker run option '\(flag)'"))
    }

    @Test("a bundle reaching 'test.', which docker would silently skip, is refused", arguments: [
        "-test.v", "-dtest.x", "-ittest.",
    ])
    func testPrefixRefused(flag: String) throws {
        let error = try #require(failure(["--rm", flag, "nginx"]))
        #expect(error.position == 1)
        #expect(error.message.contains("silently skip"))
    }

    @Test("a missing image is an error at the end of the arguments", arguments: [
        [], ["--rm"], ["--rm", "--"], ["-e", "A=1"],
    ])
    func missingImage(arguments: [String]) throws {
        let error = try #require(failure(arguments))
        #expect(error.position == arguments.count)
        #expect(error.message.hasPrefix("missing image"))
    }

    @Test("without requireImage, a run with no image reads as options alone")
    func imageOptional() throws {
        #expect(try DockerRunParser.parse([], requireImage: false) == ParsedRun(options: [], image: nil, command: []))
        let run = try DockerRunParser.parse(["--help", "--"], requireImage: false)
        #expect(run == ParsedRun(options: [ParsedOption(name: "help", value: "true", position: 0)],
                                 image: nil, command: []))
    }

    @Test("an empty image name is an error")
    func emptyImage() throws {
        let error = try #require(failure(["--rm", "", "sh"]))
        #expect(error.position == 1)
        #expect(error.message.contains("empty"))
    }

    @Test("-h is the hostname, not help")
    func hostnameShort() throws {
        #expect(try read(["-h", "box", "nginx"]) == ["hostname=box"])
        #expect(try read(["-hbox", "nginx"]) == ["hostname=box"])
    }

    @Test("values keep their exact Unicode, even a combining mark right after '='")
    func valuesAreExact() throws {
        let value = "\u{0301}x"
        let options = try DockerRunParser.parse(["--name=\(value)", "-u\(value)", "nginx"]).options
        #expect(options.map { Array($0.value.utf8) } == [Array(value.utf8), Array(value.utf8)])
    }

    @Test("every error message is a single line")
    func messagesAreOneLine() {
        let cases: [[String]] = [["--nope"], ["-x"], ["--name"], ["--rm=maybe"], ["---"], ["-test.v"], [], [""]]
        for arguments in cases {
            let message = failure(arguments)?.message ?? ""
            #expect(!message.isEmpty && !message.contains("\n"), "\(arguments)")
        }
    }
}
