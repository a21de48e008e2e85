import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Shell meaning in a list line, beyond its words")
struct ShellLineScanTests {
    static func special(_ line: String) -> String? {
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            ShellLineScan.firstSpecial(bytes).map { "\(Character(Unicode.Scalar($0.byte)))@\($0.offset)" }
        }
    }

    static func continues(_ line: String) -> Bool {
        Array(line.utf8).withUnsafeBufferPointer(ShellLineScan.continues)
    }

    // Each established with bash here: `bash -c 'printf "<%s>\n" WORDS'`.
    @Test("operators, expansions, globs, braces and tildes outside quotes, and $ or ` inside double quotes, are found", arguments: [
        ("a;b", ";@1"), ("a && b", "&@2"), ("a|b", "|@1"), ("a > f", ">@2"), ("a <f", "<@2"), ("(a)", "(@0"), ("{ a; }", "{@0"),
        ("a $X", "$@2"), ("a ${X:-y}", "$@2"), ("a $(x)", "$@2"), ("a $'x'", "$@2"), ("a $\"x\"", "$@2"), ("a `x`", "`@2"),
        ("a \"$X\"", "$@3"), ("a \"`x`\"", "`@3"), ("a *.txt", "*@2"), ("a b?", "?@3"), ("-p [::1]:80:80", "[@3"), ("a ~/x", "~@2"),
        ("a b{c,d}", "{@3"),
    ])
    func found(line: String, expected: String) {
        #expect(Self.special(line) == expected)
    }

    @Test("quoted, escaped and commented characters, and a $ before a blank or at the end, are plain", arguments: [
        "a 'b;c' \"d&e|f\" 'g$h' \\; \\$X \\* \"\\$Y\" \"\\`\"", "a # ; $X `x` *", "a b$ c", "a $", "a \"$\"", "a \"b $ c\"",
        "a#b;", "", "docker run --rm -p 127.0.0.1:8080:80 nginx:1.27", "a=b c=d e:f -x=y%z,w@v+u",
    ])
    func plain(line: String) {
        // `a#b;` holds ';' in a word: found. The rest are plain.
        if line == "a#b;" { #expect(Self.special(line) == ";@3"); return }
        #expect(Self.special(line) == nil, "\(line)")
    }

    @Test("a trailing backslash continues the line outside quotes and inside double quotes, not in a comment, single quotes or escaped", arguments: [
        ("a \\", true), ("a\\", true), ("\"a \\", true), ("a # c \\", false), ("'a \\", false), ("a \\\\", false), ("a \\\\\\", true),
        ("'x' \\", true), ("a", false), ("\"a\" # \"\\", false),
    ])
    func continuation(line: String, expected: Bool) {
        #expect(Self.continues(line) == expected)
    }

    @Test("continued lines join as sh joins them: inside a word without a space, a comment's backslash joins nothing")
    func joins() throws {
        let launches = try DockerLineReader.read(list: "docker run --privi\\\nleged img:1 # c \\\ndocker run -e \"A=1\\\n2\" img:2\n", file: "l")
        #expect(launches.map(\.name) == ["l:1", "l:3"])
        #expect(launches[0].plan.privileged)
        #expect(launches[1].plan.environment == ["A=12"])
    }

    // bash here: `p a "b \<newline># c" d` gives <a><b # c><d>; `p abc\<newline>#def x` gives
    // <abc#def><x>; `p abc \<newline># x \<newline>p y` gives <abc>, then <y> on its own.
    @Test("a continuation carries its quoting and word into the next line")
    func carries() throws {
        let launches = try DockerLineReader.read(list: "docker run -e \"A=b \\\n# c\" img:1\ndocker run -e A=abc\\\n#def img:2\ndocker run img:3 \\\n# x \\\n--privileged img:4\n", file: "l")
        #expect(launches.map(\.name) == ["l:1", "l:3", "l:5", "l:7"])
        #expect(launches[0].plan.environment == ["A=b # c"])
        #expect(launches[1].plan.environment == ["A=abc#def"])
        #expect(launches[2].plan.image == "img:3" && launches[2].plan.command.isEmpty)
        #expect(launches[3].plan.privileged)
    }

    @Test("a list line that needs a shell is refused with its line and column, and the other lines are still read")
    func refusedLine() throws {
        let launches = try DockerLineReader.read(list: "docker run img:1\ndocker run img:2 && rm -rf /\ndocker run --privileged img:3\n", file: "l")
        #expect(launches.map(\.name) == ["l:1", "l:2", "l:3"])
        let refused = launches[1]
        #expect(refused.plan.notUnderstood.first?.hasPrefix("& runs a command in the background or chains another (column 18)") == true)
        #expect(refused.sources[.notUnderstood(0)]?.description == "l:2:18")
        #expect(launches[2].plan.privileged)
    }

    @Test("check --file with a shell line exits 1 naming the line, not 2")
    func cli() {
        let dir = TemporaryDirectory()
        let list = dir.write("lines.txt", "docker run --rm img:1\nif true; then docker run --privileged img:2; fi\n")
        let result = CapturedConsole.run(["check", "--file", list])
        #expect(result.status == 1, "\(result.err)")
        #expect(result.out.contains("lines.txt:2:8"), "\(result.out)")
        #expect(result.out.contains("not-understood"))
    }
}
