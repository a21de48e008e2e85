import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("A docker run list audited a batch at a time on every core")
struct DockerListAuditTests {
    static let lines = [
        "docker run --rm --user 1000:1000 --cap-drop ALL img:1\r", "# comment", "",
        "docker run \\", "  --privileged \\", "  -v /var/run/docker.sock:/var/run/docker.sock img:2",
        "sudo docker container run -p 127.0.0.1:8080:80 -e 'MSG=a b' --tmpfs /tmp:rw,size=8m nginx:1.27 sh -c 'exec x'",
        "podman run --cap-add SYS_ADMIN --security-opt seccomp=unconfined img:3 # trailing comment",
        "docker run --read-only --memory 1g --cpus 0.5 --pids-limit 64 -e DB_PASSWORD=\u{e9}t\u{e9} img:4",
    ]

    @Test("the launches, in order, of reading the whole list, however small the batches", arguments: [64, 1000, 1 << 20])
    func sameLaunches(batchBytes: Int) throws {
        let dir = TemporaryDirectory()
        let text = (0..<100).map { Self.lines[$0 % Self.lines.count] }.joined(separator: "\n")
        let path = dir.write("lines.txt", text)
        let validator = Validator(host: Audit.host)
        for format in [AuditReportStream.Format.text, .terminal, .json, .sarif] {
            var report = AuditReportStream(format: format)
            #expect(DockerListAudit.audit(path: path, shown: "lines.txt", validator: validator, into: &report, batchBytes: batchBytes))
            var out = ""
            #expect(report.finish { out += $0 })
            let results = try DockerLineReader.read(list: text, file: "lines.txt").map {
                AuditResult(launch: $0, findings: validator.findings(for: $0.plan, sources: $0.sources))
            }
            let expected = switch format {
            case .text: TextReport.render(results)
            case .terminal: TextReport.render(results, colour: true)
            case .json: JSONReport.render(results)
            case .sarif: SARIFReport.render(results)
            }
            #expect(out == expected)
        }
    }

    @Test("a line that cannot be read is an unreadable-input finding of its own, as the whole-list reading makes it, and the lines after it are judged", arguments: [
        ("docker run --memory lots img:1", #"--memory "lots" (argument 3): not a size; use e.g. 512m or 1g"#),
        ("docker run 'img:1", "unterminated single quote at column 12; close the quote or escape it with a backslash"),
        ("docker run --no-such-option img:1", "unknown docker run option '--no-such-option' (argument 3); see `docker run --help`"),
    ])
    func unclean(line: String, message: String) throws {
        let dir = TemporaryDirectory()
        let text = Array(repeating: "docker run --rm img:1", count: 100).joined(separator: "\n") + "\n" + line + "\ndocker run --privileged img:1"
        let path = dir.write("lines.txt", text)
        let validator = Validator(host: Audit.host)
        for format in [AuditReportStream.Format.text, .terminal, .json, .sarif] {
            var report = AuditReportStream(format: format)
            #expect(DockerListAudit.audit(path: path, shown: "lines.txt", validator: validator, into: &report, batchBytes: 256))
            #expect(report.tally.unreadable == 1)
            #expect(report.tally.rejected == 1)
            #expect(report.problems == ["lines.txt:101: \(message)"])
            var out = ""
            #expect(report.finish { out += $0 })
            let results = DockerLineReader.entries(list: text, file: "lines.txt").map { entry in
                switch entry {
                case .launch(let launch): AuditResult(launch: launch, findings: validator.findings(for: launch.plan, sources: launch.sources))
                case .unreadable(let number, let message): UnreadableInput.result(name: "lines.txt:\(number)", file: "lines.txt", message: message, line: number)
                }
            }
            let expected = switch format {
            case .text: TextReport.render(results)
            case .terminal: TextReport.render(results, colour: true)
            case .json: JSONReport.render(results)
            case .sarif: SARIFReport.render(results)
            }
            #expect(out == expected)
            if format == .text {
                #expect(out.contains("lines.txt:101: unreadable\n  lines.txt:101: error unreadable-input: \(message)\n"))
                #expect(out.contains("lines.txt:102: rejected"))
            }
        }
    }
}
