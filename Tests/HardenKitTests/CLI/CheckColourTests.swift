import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("check's colour: only on a terminal, never with --no-color, NO_COLOR or TERM=dumb")
struct CheckColourTests {
    static let escape = "\u{1B}["
    static let line = ["--", "docker", "run", "--privileged", "-p", "80:80", "img:1"]

    static func run(_ arguments: [String], terminal: Bool, environment: [String: String] = [:]) -> (status: Int32, out: String) {
        let captured = CapturedConsole()
        var console = captured.console(environment: ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"].merging(environment) { $1 })
        console.outIsTerminal = terminal
        let status = HardenCLI.main(["check"] + arguments, console: console)
        return (status, captured.out)
    }

    /// The text with its SGR escapes (ESC [ digits and semicolons m) taken out.
    static func plain(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first {
            if first == "\u{1B}", scalars.dropFirst().first == "[" {
                scalars = scalars.dropFirst(2).drop { ("0"..."9").contains($0) || $0 == ";" }.dropFirst()
                continue
            }
            out.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
        }
        return out
    }

    @Test("on a terminal, errors, warnings and verdicts are coloured; the words are those of the plain report")
    func terminal() {
        let coloured = Self.run(Self.line, terminal: true)
        let piped = Self.run(Self.line, terminal: false)
        #expect(coloured.out.contains("\u{1B}[1;31merror\u{1B}[0m privileged: "))
        #expect(coloured.out.contains("\u{1B}[33mwarning\u{1B}[0m ports-on-all-interfaces: "))
        #expect(coloured.out.contains(": \u{1B}[1;31mrejected\u{1B}[0m\n"))
        #expect(Self.plain(coloured.out) == piped.out)
        #expect(coloured.status == piped.status)
    }

    @Test("a --file list, read on every core, is coloured the same way")
    func list() throws {
        let dir = TemporaryDirectory()
        let list = dir.write("lines.txt", "docker run --privileged img:1\ndocker run --read-only img:2\n")
        let coloured = Self.run(["--file", list], terminal: true)
        #expect(coloured.out.contains("\(list):1: \u{1B}[1;31mrejected\u{1B}[0m"))
        #expect(coloured.out.contains("\(list):2: \u{1B}[32maccepted\u{1B}[0m"))
        #expect(Self.plain(coloured.out) == Self.run(["--file", list], terminal: false).out)
    }

    @Test("no escape code without a terminal, with --no-color, NO_COLOR set, TERM=dumb, in a file, or in json, sarif or junit",
          arguments: [
            ([], false, [:]), (["--no-color"], true, [:]), ([], true, ["NO_COLOR": "1"]), ([], true, ["TERM": "dumb"]),
            (["--format", "json"], true, [:]), (["--format", "sarif"], true, [:]), (["--format", "junit"], true, [:]),
            (["-q"], false, [:]),
          ] as [([String], Bool, [String: String])])
    func none(options: [String], terminal: Bool, environment: [String: String]) {
        let result = Self.run(options + Self.line, terminal: terminal, environment: environment)
        #expect(result.status == 1)
        #expect(result.out.contains("privileged"))
        #expect(!result.out.contains(Self.escape))
    }

    @Test("NO_COLOR set but empty does not turn colour off (no-color.org)")
    func emptyNoColor() {
        #expect(Self.run(Self.line, terminal: true, environment: ["NO_COLOR": ""]).out.contains(Self.escape))
    }

    @Test("-o FILE from a terminal writes no escape code to the file")
    func outputFile() throws {
        let dir = TemporaryDirectory()
        let target = dir.path + "/report.txt"
        let result = Self.run(["-o", target] + Self.line, terminal: true)
        #expect(result.status == 1)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("error privileged: "))
        #expect(!written.contains(Self.escape))
    }
}
