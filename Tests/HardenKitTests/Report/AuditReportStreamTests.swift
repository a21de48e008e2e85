import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Reports written one launch at a time")
struct AuditReportStreamTests {
    /// Launches with no findings, warnings, errors and an excepted finding, as `check` prints them.
    static func results() throws -> [AuditResult] {
        let compose = try ComposeReader.read(try JSONParser.parse(#"{"services": {"web": {"image": "nginx", "network_mode": "host"}}}"#), file: "deploy/compose file.json")
        let lines = [
            ["docker", "run", "--cap-add", "SYS_ADMIN", "img:1"], ["docker", "run", "--privileged", "img:2"],
            ["docker", "run", "--user", "65532:65532", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--read-only",
             "--memory", "256m", "--cpus", "1", "--pids-limit", "64", "img@sha256:" + String(repeating: "a", count: 64)],
            ["docker", "run", "-p", "80:80", "-e", "DB_PASSWORD=hunter2", "nginx"],
        ].map { try! DockerLineReader.read(words: $0, name: "docker run line") }
        let policy = try Audit.policy(#"{"exceptions": [{"rule": "dangerous-capability", "image": "img", "reason": "needs mount", "expires": "2030-01-01"}]}"#)
        let validator = Validator(policy: policy, host: Audit.host)
        return (compose + lines).map { AuditResult(launch: $0, findings: validator.findings(for: $0.plan, sources: $0.sources)) }
    }

    static func streamed(_ results: [AuditResult], _ format: AuditReportStream.Format, pieceSize: Int) -> String {
        var report = AuditReportStream(format: format)
        var index = 0
        while index < results.count {
            var piece = AuditReportStream.Piece()
            for result in results[index..<min(index + pieceSize, results.count)] {
                AuditReportStream.render(result, format: format, into: &piece)
            }
            report.append(piece)
            report.append(AuditReportStream.Piece())  // a part of only comments and blank lines
            index += pieceSize
        }
        var text = ""
        #expect(report.finish { text += $0 })
        return text
    }

    @Test("byte for byte what the whole-list reports write, however the launches are grouped", arguments: [0, 1, 2, 3, 5])
    func sameBytes(count: Int) throws {
        let results = Array(try Self.results().prefix(count))
        #expect(results.count == count)
        for size in [1, 2, 5] {
            #expect(Self.streamed(results, .text, pieceSize: size) == TextReport.render(results))
            #expect(Self.streamed(results, .json, pieceSize: size) == JSONReport.render(results))
            #expect(Self.streamed(results, .sarif, pieceSize: size) == SARIFReport.render(results))
        }
    }

    @Test("the tally counts what the summary line says")
    func tally() throws {
        let results = try Self.results()
        #expect(AuditTally(results).summary == results.summary)
        #expect(AuditTally(results).rejected == results.filter(\.rejected).count)
    }
}
