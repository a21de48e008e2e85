import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `check --file` reads a list a batch at a time on every core; these hold it to what reading the
/// whole list at once gives, output and errors alike.
@Suite("harden check --file, streamed")
struct CheckListStreamTests {
    static let list = """
        # team launches\r
        docker run --rm --user 1000:1000 --cap-drop ALL img:1\r
        docker run \\
          --privileged \\
          -v /var/run/docker.sock:/var/run/docker.sock img:2

        sudo docker container run -p 127.0.0.1:8080:80 -e 'MSG=a b' --tmpfs /tmp:rw,size=8m nginx:1.27 sh -c 'exec x'
        podman run --cap-add SYS_ADMIN --security-opt seccomp=unconfined img:3 # trailing comment
        """

    /// What the whole-list reading reports for `text`.
    static func expected(_ text: String, file: String, format: String) throws -> String {
        let results = try DockerLineReader.read(list: text, file: file).map { launch in
            AuditResult(launch: launch, findings: Validator(host: .live(currentDirectory: "/")).findings(for: launch.plan, sources: launch.sources))
        }
        switch format {
        case "json": return JSONReport.render(results)
        case "sarif": return SARIFReport.render(results)
        default: return TextReport.render(results)
        }
    }

    @Test("the report is the whole-list report, in every format, for a short list and one of many batches", arguments: ["text", "json", "sarif"])
    func sameReport(format: String) throws {
        let dir = TemporaryDirectory()
        let long = Array(repeating: Self.list, count: 50).joined(separator: "\n")
        for text in [Self.list, long] {
            let path = dir.write("lines.txt", text)
            let result = CapturedConsole.run(["check", "--format", format, "--file", path])
            #expect(result.status == 1)
            #expect(result.err.isEmpty)
            #expect(result.out == (try Self.expected(text, file: path, format: format)))
        }
    }

    @Test("a bad line far down the list is the same one-line error, and an unreadable-input finding among the lines judged", arguments: [
        ("docker run --memory lots img:1", "--memory \"lots\" (argument 3): not a size; use e.g. 512m or 1g"),
        ("docker run 'img:1", "unterminated single quote at column 12; close the quote or escape it with a backslash"),
    ])
    func badLine(line: String, message: String) throws {
        let dir = TemporaryDirectory()
        let good = Array(repeating: "docker run --rm img:1", count: 2000).joined(separator: "\n")
        let path = dir.write("lines.txt", good + "\n" + line + "\n" + good)
        let result = CapturedConsole.run(["check", "--file", path])
        #expect(result.status == 2)
        #expect(result.out.contains("\(path):2001: unreadable\n  \(path):2001: error unreadable-input: \(message)\n"))
        #expect(result.out.contains("\(path):4001: accepted"))
        #expect(result.out.hasSuffix("harden check: 4000 launches: 0 rejected, 4000 accepted; 1 unreadable input; 0 errors, 28000 warnings: incomplete\n"))
        #expect(result.err == "harden: \(path):2001: \(message)\n")
    }

    @Test("bytes that are not UTF-8 are named by line and column, as before")
    func notUTF8() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/lines.txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data("docker run img:1\ndocker run \u{e9}".utf8) + Data([0xFF, 0x0A]))
        let result = CapturedConsole.run(["check", "--file", path])
        #expect(result.status == 2)
        #expect(result.out == "\(path): unreadable\n  \(path):2:13: error unreadable-input: byte 0xFF is not UTF-8; save the file as UTF-8 text\n"
            + "    fix: \(RuleTable.rule("unreadable-input")!.fix)\n"
            + "harden check: 0 launches: 0 rejected, 0 accepted; 1 unreadable input; 0 errors, 0 warnings: incomplete\n")
        #expect(result.err == "harden: \(path):2:13: byte 0xFF is not UTF-8; save the file as UTF-8 text\n")
    }

    @Test("a FIFO is left to the old reading, which refuses it as before, without waiting for a writer")
    func fifo() throws {
        let dir = TemporaryDirectory()
        let fifo = dir.path + "/lines.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = CapturedConsole.run(["check", "--file", fifo])
        #expect(result.status == 2)
        #expect(result.out.hasPrefix("\(fifo): unreadable\n  \(fifo): error unreadable-input: cannot read the file; check the path\n"))
        #expect(result.err == "harden: \(fifo): cannot read the file; check the path\n")
    }
}
