import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("JSON and text output")
struct JSONReportTests {
    static func results(_ line: String) throws -> [AuditResult] {
        let launch = try Audit.launch(line)
        return [AuditResult(launch: launch, findings: Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources))]
    }

    @Test("the JSON report states the verdict, counts and every finding with rule, severity, message, fix and location")
    func json() throws {
        let report = try JSONParser.parse(JSONReport.render(try Self.results("--privileged img:1")))
        #expect(report["verdict"]?.stringValue == "rejected")
        #expect(report["errors"]?.intValue == 1)
        let finding = report["launches"]?.arrayValue?.first?["findings"]?.arrayValue?.first
        #expect(finding?["rule"]?.stringValue == "privileged")
        #expect(finding?["severity"]?.stringValue == "error")
        #expect(finding?["location"]?["argument"]?.intValue == 1)
        #expect(finding?["fix"]?.stringValue?.hasPrefix("remove --privileged") == true)
    }

    @Test("the text report gives where, severity, rule, message, then the fix, and a verdict line")
    func text() throws {
        let text = TextReport.render(try Self.results("--cap-add SYS_ADMIN " + Audit.hardened + " img:1"))
        #expect(text == """
        test: rejected, 1 error
          argument 1: error dangerous-capability: SYS_ADMIN is added: it allows mounts, namespaces and most of root's other powers
            fix: remove the --cap-add; if the workload truly needs it, grant it by name in the team policy (capabilities.allow) with the reason
        harden check: 1 launch: 1 rejected, 0 accepted; 1 error, 0 warnings: rejected

        """)
    }
}
