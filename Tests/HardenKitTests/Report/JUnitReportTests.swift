import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("JUnit output: check --format junit")
struct JUnitReportTests {
    static let clean = "docker run " + Audit.hardened + " ghcr.io/acme/app:1.4.2"
    static let warned = "docker run -p 80:80 nginx:1.27"
    static let rejected = "docker run --privileged img:1"

    /// A list of three launches, a compose file with a socket and a file that is not JSON.
    static func inputs(_ dir: TemporaryDirectory) -> [String] {
        let list = dir.write("lines.txt", [clean, warned, rejected].joined(separator: "\n") + "\n")
        let compose = dir.write("compose.json", #"{"services": {"web": {"image": "nginx:1.27", "volumes": ["/var/run/docker.sock:/var/run/docker.sock"]}, "db": {"image": "postgres:16"}}}"#)
        let bad = dir.write("bad.json", "[")
        return ["--file", list, compose, bad]
    }

    static func read(_ arguments: [String]) throws -> (status: Int32, root: XMLElement, out: String, err: String) {
        let result = CapturedConsole.run(["check", "--format", "junit"] + arguments)
        return (result.status, try XMLRead.document(result.out), result.out, result.err)
    }

    @Test("the report is well-formed XML with the elements and attributes junit-10.xsd requires")
    func schema() throws {
        let dir = TemporaryDirectory()
        let report = try Self.read(Self.inputs(dir))
        #expect(JUnitSchema.problems(report.root) == [])
        #expect(report.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        #expect(report.status == 2, "an unreadable input is exit 2 in every format")
        #expect(report.err.contains("harden: \(dir.path)/bad.json:"), "its error also on standard error")
    }

    @Test("one test suite per input, one test case per launch, in order")
    func suites() throws {
        let dir = TemporaryDirectory()
        let report = try Self.read(Self.inputs(dir))
        let suites = report.root.all("testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["\(dir.path)/lines.txt", "\(dir.path)/compose.json", "\(dir.path)/bad.json"])
        #expect(suites.map { $0.all("testcase").count } == [3, 2, 1])
        #expect(suites[0].all("testcase").map { $0.attributes["name"] } == (1...3).map { "\(dir.path)/lines.txt:\($0)" })
        #expect(report.root.attributes["tests"] == "6")
    }

    @Test("a failure per finding at or above --fail-on, naming rule, message and file:line; the rest as output")
    func failures() throws {
        let dir = TemporaryDirectory()
        let list = dir.write("lines.txt", [Self.clean, Self.warned, Self.rejected].joined(separator: "\n") + "\n")
        let report = try Self.read(["--file", list])
        let cases = report.root.all("testsuite")[0].all("testcase")
        #expect(cases[0].children.isEmpty, "a clean launch is a passing test case")
        #expect(cases[1].all("failure").isEmpty, "a warning fails nothing under --fail-on error")
        #expect(cases[1].all("system-out").first?.text.contains("warning ") == true)
        let privileged = try #require(cases[2].all("failure").first { $0.attributes["type"] == "privileged" })
        #expect(privileged.attributes["message"]?.hasPrefix("privileged: ") == true)
        #expect(privileged.text.hasPrefix("\(list):3 (argument "), "\(privileged.text)")
        #expect(privileged.text.contains("\nfix: "))
        #expect(report.root.all("testsuite")[0].attributes["failures"] == "1")
        #expect(report.status == 1)

        let warning = try Self.read(["--fail-on", "warning", "--file", list])
        let warned = warning.root.all("testsuite")[0].all("testcase")
        #expect(!warned[1].all("failure").isEmpty)
        #expect(warning.root.all("testsuite")[0].attributes["failures"] == "2")
        #expect(JUnitSchema.problems(warning.root) == [])

        let never = try Self.read(["--fail-on", "never", "--file", list])
        #expect(never.root.attributes["failures"] == "0")
        #expect(never.status == 0)
    }

    @Test("an unreadable input is a test case with an error of rule unreadable-input and its place")
    func unreadable() throws {
        let dir = TemporaryDirectory()
        let bad = dir.write("bad.json", "{\"services\": [}")
        let report = try Self.read([bad])
        let suite = try #require(report.root.all("testsuite").first)
        #expect(suite.attributes["errors"] == "1")
        let error = try #require(suite.all("testcase").first?.all("error").first)
        #expect(error.attributes["type"] == "unreadable-input")
        #expect(error.text.hasPrefix("\(bad):1:"), "\(error.text)")
    }

    @Test("markup, quotes and control characters in names and messages cannot break the document")
    func hostileText() throws {
        let launch = AuditedLaunch(name: "a<b>&\"c\"\u{1}\n", kind: .dockerRun, plan: LaunchPlan(), sources: PlanSources())
        let finding = Finding(ruleID: "privileged", severity: .error, message: "]]></failure><x a='1'>&amp;\u{0}\u{FFFF}", fix: "drop \"it\"\t")
        let xml = JUnitReport.render([JUnitReport.Suite(name: "in<put>\"", results: [AuditResult(launch: launch, findings: [finding])])], failOn: .error)
        let root = try XMLRead.document(xml)
        #expect(JUnitSchema.problems(root) == [])
        let testCase = try #require(root.all("testsuite").first?.all("testcase").first)
        #expect(testCase.attributes["name"] == "a<b>&\"c\"\u{FFFD}\n")
        #expect(testCase.all("failure").first?.attributes["message"] == "privileged: ]]></failure><x a='1'>&amp;\u{FFFD}\u{FFFD}")
        #expect(root.all("testsuite").first?.attributes["name"] == "in<put>\"")
    }

    @Test("-o writes the JUnit report to the file, as standard output would have had it")
    func output() throws {
        let dir = TemporaryDirectory()
        let arguments = Self.inputs(dir)
        let target = dir.path + "/junit.xml"
        let written = CapturedConsole.run(["check", "--format", "junit", "-o", target] + arguments)
        #expect(written.out.isEmpty)
        #expect(written.status == 2)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text == (try Self.read(arguments)).out)
        #expect(JUnitSchema.problems(try XMLRead.document(text)) == [])
    }

    @Test("a docker run line is a suite of its own")
    func line() throws {
        let report = try Self.read(["--", "docker", "run", "--privileged", "img:1"])
        #expect(report.root.all("testsuite").map { $0.attributes["name"] } == ["docker run line"])
        #expect(report.root.all("testsuite").first?.all("testcase").first?.all("failure").isEmpty == false)
    }

    @Test("the structural check itself fails on what the schema forbids")
    func validatorCanFail() throws {
        let missing = try XMLRead.document(#"<testsuites><testsuite name="x" tests="1"><testcase/></testsuite></testsuites>"#)
        #expect(JUnitSchema.problems(missing) == ["<testsuite> without failures", "<testsuite> without errors", "<testcase> without name"])
        #expect(throws: XMLRead.Malformed.self) { try XMLRead.document("<testsuites><testsuite></testsuites>") }
        #expect(throws: XMLRead.Malformed.self) { try XMLRead.document("<testsuites name=\"a&b\"/>") }
    }
}
