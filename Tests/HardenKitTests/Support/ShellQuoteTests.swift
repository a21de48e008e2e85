import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Shell quoting")
struct ShellQuoteTests {
    static let nastyWords: [String] = [
        "plain",
        "with space",
        "  leading and trailing  ",
        "it's",
        "''",
        "'",
        "say \"hi\"",
        "\"",
        "$HOME",
        "${HOME}",
        "$(id)",
        "`id`",
        "back\\slash",
        "trailing\\",
        "\\",
        "new\nline",
        "\n",
        "tab\there",
        "carriage\rreturn",
        "*",
        "?",
        "[a-z]*",
        "{a,b}",
        "!",
        "!!",
        "!$",
        "",
        "héllo wörld",
        "日本語",
        "emoji 🎉",
        "~",
        "~root",
        "a=b",
        "-n",
        "--flag=value,x:y@z%+/",
        "#not-a-comment",
        "a#b",
        "semi;colon",
        "pipe|and&amp",
        "<in >out",
        "(sub) shell",
        "mixed 'single' and \"double\" $x `y` \\z !w",
        "%s%d%%",
        "\u{7F}del",
    ]

    /// Runs `printf '%s\0' <args>` through a real shell and returns the words it printed.
    static func wordsSeenBy(shell: String, arguments: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", "printf '%s\\0' " + arguments]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Read before waiting so a full pipe can never deadlock the child.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var words = data.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        // Every word ends in NUL, so splitting leaves one empty piece after the last.
        if words.last == "" { words.removeLast() }
        return words
    }

    static let shells = ["/bin/sh", "/bin/bash"].filter { FileManager.default.isExecutableFile(atPath: $0) }

    // MARK: quote / join

    @Test("Safe words stay bare and everything else is single-quoted", arguments: [
        ("abc", "abc"),
        ("/usr/bin/env", "/usr/bin/env"),
        ("--opt=value,x:y@z%+_-.", "--opt=value,x:y@z%+_-."),
        ("", "''"),
        ("a b", "'a b'"),
        ("it's", #"'it'\''s'"#),
        ("'", #"''\'''"#),
        ("$HOME", "'$HOME'"),
        ("é", "'é'"),
        ("~", "'~'"),
        ("a\nb", "'a\nb'"),
    ])
    func quoteOutput(word: String, expected: String) {
        #expect(ShellQuote.quote(word) == expected)
    }

    @Test("join separates quoted words with single spaces")
    func joinOutput() {
        #expect(ShellQuote.join(["docker", "run", "--name", "my app", ""]) == "docker run --name 'my app' ''")
        #expect(ShellQuote.join([]) == "")
    }

    @Test("Each nasty word survives a real shell unchanged", arguments: nastyWords)
    func wordSurvivesShell(word: String) throws {
        for shell in Self.shells {
            let seen = try Self.wordsSeenBy(shell: shell, arguments: ShellQuote.quote(word) + " end")
            #expect(seen == [word, "end"], "shell: \(shell)")
        }
    }

    @Test("A whole command line of nasty words survives a real shell unchanged")
    func joinedWordsSurviveShell() throws {
        #expect(!Self.shells.isEmpty)
        for shell in Self.shells {
            let seen = try Self.wordsSeenBy(shell: shell, arguments: ShellQuote.join(Self.nastyWords))
            #expect(seen == Self.nastyWords, "shell: \(shell)")
        }
    }

    // MARK: split

    @Test("split inverts join for every nasty word")
    func splitInvertsJoin() throws {
        #expect(try ShellQuote.split(ShellQuote.join(Self.nastyWords)) == Self.nastyWords)
        for word in Self.nastyWords {
            #expect(try ShellQuote.split(ShellQuote.quote(word)) == [word])
        }
    }

    @Test("split follows sh tokenizing rules", arguments: [
        ("a b  c", ["a", "b", "c"]),
        ("  \t\n ", []),
        ("'a b' \"c d\"", ["a b", "c d"]),
        (#"a\ b"#, ["a b"]),
        (#""a\"b\$c\`d\\e\f""#, [#"a"b$c`d\e\f"#]),
        (#"'a\"b\\c'"#, [#"a\"b\\c"#]),
        ("'' \"\"", ["", ""]),
        ("a'' b", ["a", "b"]),
        ("x\"y\"'z'w", ["xyzw"]),
        ("a#b # comment here\nc", ["a#b", "c"]),
        ("# only a comment", []),
        ("'#' \\#x \"#\"", ["#", "#x", "#"]),
        ("a\\\nb", ["ab"]),
        ("a \\\n b", ["a", "b"]),
        ("\"a\\\nb\"", ["ab"]),
        ("'a\\\nb'", ["a\\\nb"]),
        (#"'it'\''s'"#, ["it's"]),
        (#"\$HOME "\$HOME" '$HOME'"#, ["$HOME", "$HOME", "$HOME"]),
        (#""tab\there""#, [#"tab\there"#]),
        (#"end\"#, [#"end\"#]),
        ("x\\\\", ["x\\"]),
        ("a|b;c&d", ["a|b;c&d"]),
        ("日本 'é t'", ["日本", "é t"]),
    ] as [(String, [String])])
    func splitRules(line: String, expected: [String]) throws {
        #expect(try ShellQuote.split(line) == expected)
    }

    @Test("split agrees with a real shell on lines without expansions", arguments: [
        "a b  c",
        "'a b' \"c d\"",
        #"a\ b"#,
        #""a\"b\$c\`d\\e\f""#,
        "'' \"\"",
        "a'' b",
        "x\"y\"'z'w",
        "a#b # comment here",
        "'#' \\#x \"#\"",
        "a\\\nb",
        "\"a\\\nb\"",
        "'a\\\nb'",
        #"'it'\''s'"#,
        #"\$HOME "\$HOME" '$HOME'"#,
        #""tab\there""#,
        #"end\"#,
        "x\\\\",
        "日本 'é t'",
    ])
    func splitMatchesShell(line: String) throws {
        for shell in Self.shells {
            let seen = try Self.wordsSeenBy(shell: shell, arguments: line)
            #expect(try ShellQuote.split(line) == seen, "shell: \(shell)")
        }
    }

    @Test("An unterminated quote is an error pointing at the opening quote", arguments: [
        ("a 'b", 3, "unterminated single quote"),
        ("\"abc", 1, "unterminated double quote"),
        ("é \"x\\\"", 3, "unterminated double quote"),
        ("ok 'fine' \"not", 11, "unterminated double quote"),
    ])
    func unterminatedQuotes(line: String, column: Int, message: String) {
        #expect(throws: ShellSplitError(column: column, message: message)) {
            try ShellQuote.split(line)
        }
    }

    @Test("Split errors describe their column")
    func splitErrorDescription() {
        #expect(ShellSplitError(column: 4, message: "unterminated single quote").description
            == "column 4: unterminated single quote")
    }
}
