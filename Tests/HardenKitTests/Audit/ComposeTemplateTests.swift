import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite struct ComposeTemplateTests {
    static let values = ["SET": "value", "EMPTY": "", "DIR": "/srv"]

    static func substitute(_ text: String) throws -> ComposeTemplate.Result {
        try ComposeTemplate.substitute(text) { values[$0] }
    }

    @Test("every form compose-go substitutes", arguments: [
        ("$SET", "value", [String]()), ("${SET}", "value", []), ("a$SET-b", "avalue-b", []), ("$$SET", "$SET", []),
        ("$$", "$", []), ("${EMPTY:-d}", "d", []), ("${EMPTY-d}", "", []), ("${UNSET-d}", "d", []), ("${UNSET:-d}", "d", []),
        ("${SET:-d}", "value", []), ("${SET:+alt}", "alt", []), ("${EMPTY:+alt}", "", []), ("${EMPTY+alt}", "alt", []),
        ("${UNSET+alt}", "", []), ("${UNSET:?need it}", "", ["UNSET"]), ("${EMPTY?need}", "", []), ("${EMPTY:?need}", "", ["EMPTY"]),
        ("$UNSET/x", "/x", ["UNSET"]), ("${UNSET}", "", ["UNSET"]), ("${UNSET:-${DIR}/data}", "/srv/data", []),
        ("${UNSET:-${ALSO}}", "", ["ALSO"]), ("${DIR}/docker.sock", "/srv/docker.sock", []),
    ])
    func forms(text: String, expected: String, unresolved: [String]) throws {
        let result = try Self.substitute(text)
        #expect(result.text == expected)
        #expect(result.unresolved == unresolved)
    }

    @Test("invalid templates are refused, as compose refuses them", arguments: ["$", "a $ b", "${", "${SET", "${1A}", "${SET:x}", "$-"])
    func invalid(text: String) {
        #expect(throws: ComposeTemplate.Failure.self) { try Self.substitute(text) }
    }

    @Test func dotenvAsComposeReadsIt() throws {
        let values = try ComposeEnvironment.parse("""
        # a comment
        A=plain value # trailing comment
        export B="quoted # not a comment\\nnext"
        C='single $A'
        D=${A}-x
        E=
          F = spaced
        """, file: ".env", environment: ["A": "from environment"])
        #expect(values["A"] == "plain value")
        #expect(values["B"] == "quoted # not a comment\nnext")
        #expect(values["C"] == "single $A")
        #expect(values["D"] == "plain value-x")
        #expect(values["E"] == "")
        #expect(values["F"] == "spaced")
    }

    @Test func badDotenvLineNamesItsLine() {
        #expect(throws: HardenError.input(".env:2: expected NAME=value; fix: write the line as NAME=value or remove it")) {
            try ComposeEnvironment.parse("A=1\njust words\n", file: ".env", environment: [:])
        }
    }

    @Test func environmentWinsOverDotenv() throws {
        let dir = TemporaryDirectory()
        _ = dir.write(".env", "A=file\nB=file\n")
        let environment = try ComposeEnvironment.load(environment: ["A": "shell"], envFile: nil, directory: dir.path, shownEnvFile: nil)
        #expect(environment.value("A") == "shell")
        #expect(environment.value("B") == "file")
        #expect(throws: HardenError.self) {
            try ComposeEnvironment.load(environment: [:], envFile: dir.path + "/missing.env", directory: dir.path, shownEnvFile: "missing.env")
        }
    }
}
