import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check as a gate: --fail-on, -q/--show, -o")
struct CheckGateTests {
    static let clean = "docker run " + Audit.hardened + " ghcr.io/acme/app:1.4.2"
    static let warned = "docker run -p 80:80 nginx:1.27"
    static let rejected = "docker run --privileged img:1"

    static func list(_ dir: TemporaryDirectory) -> String {
        dir.write("lines.txt", [clean, warned, rejected].joined(separator: "\n") + "\n")
    }

    @Test("--fail-on decides exit 1: error on a rejection, warning on any warning, never not at all", arguments: [
        ("error", warned, Int32(0)), ("error", rejected, 1), ("warning", warned, 1), ("warning", clean, 0),
        ("never", rejected, 0), ("never", warned, 0),
    ])
    func failOn(level: String, line: String, status: Int32) throws {
        let words = try ShellQuote.split(line)
        let result = CapturedConsole.run(["check", "--fail-on", level, "--"] + words)
        #expect(result.status == status, "\(result.out)")
        #expect(result.err.isEmpty)
    }

    @Test("an unreadable input is exit 2 whatever --fail-on says")
    func unreadableBeatsNever() {
        let dir = TemporaryDirectory()
        let bad = dir.write("bad.json", "[")
        #expect(CapturedConsole.run(["check", "--fail-on", "never", bad]).status == 2)
    }

    @Test("-q writes only launches with a warning or error (--show error: only rejected ones); the summary counts all")
    func quiet() {
        let dir = TemporaryDirectory()
        let list = Self.list(dir)
        let quiet = CapturedConsole.run(["check", "-q", "--file", list])
        #expect(quiet.status == 1)
        #expect(!quiet.out.contains("\(list):1:"))
        #expect(quiet.out.contains("\(list):2: accepted"))
        #expect(quiet.out.contains("\(list):3: rejected"))
        #expect(quiet.out.contains("harden check: 3 launches: 1 rejected, 2 accepted; "))
        let errors = CapturedConsole.run(["check", "--quiet", "--show", "error", "--file", list])
        #expect(!errors.out.contains("\(list):1:") && !errors.out.contains("\(list):2:"))
        #expect(errors.out.hasPrefix("\(list):3: rejected"))
        #expect(errors.out.contains("harden check: 3 launches: 1 rejected, 2 accepted; "))
    }

    @Test("-q filters the JSON report's launches too, and it stays a JSON document")
    func quietJSON() throws {
        let dir = TemporaryDirectory()
        let result = CapturedConsole.run(["check", "-q", "--show", "error", "--format", "json", "--file", Self.list(dir)])
        let root = try JSONParser.parse(result.out)
        #expect(root["launches"]?.arrayValue?.count == 1)
        #expect(root["verdict"]?.stringValue == "rejected")
    }

    @Test("-o writes the report to the file, in any format, and nothing to standard output", arguments: ["text", "json", "sarif"])
    func output(format: String) throws {
        let dir = TemporaryDirectory()
        let list = Self.list(dir)
        let target = dir.path + "/report.out"
        let result = CapturedConsole.run(["check", "--format", format, "-o", target, "--file", list])
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        let direct = CapturedConsole.run(["check", "--format", format, "--file", list])
        #expect(written == direct.out)
        #expect(written.contains("privileged"))
    }

    @Test("-o into a directory that does not exist is one line and exit 2")
    func outputMissingDirectory() {
        let dir = TemporaryDirectory()
        let target = dir.path + "/missing/report.txt"
        let result = CapturedConsole.run(["check", "--output", target, "--", "img:1"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: \(target): cannot create "))
        #expect(result.err.hasSuffix("; the previous file, if any, is unchanged\n"))
    }

    @Test("a bad level is one line naming the option and the choices", arguments: [
        (["check", "--fail-on", "sometimes", "--", "img:1"], "harden: --fail-on \"sometimes\" (argument 2) is not a level; use error, warning or never\n"),
        (["check", "-q", "--show", "note", "--", "img:1"], "harden: --show \"note\" (argument 3) is not a level; use warning or error\n"),
        (["check", "--show", "error", "--", "img:1"], "harden: --show \"error\" (argument 2) chooses what -q/--quiet writes; add -q, or leave --show out\n"),
    ])
    func badLevel(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }
}
