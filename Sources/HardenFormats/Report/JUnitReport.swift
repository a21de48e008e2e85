import HardenModel
/// `harden check --format junit`: JUnit XML, the test report GitLab, Jenkins and Azure Pipelines
/// show beside a merge request. Each input (a file, a `--file` list, the docker run line) is a
/// `<testsuite>`, each launch in it a `<testcase>`, and each finding at or above `--fail-on` a
/// `<failure>` of that test case; an input that could not be read is a test case with an `<error>`.
/// Findings below the threshold go in the test case's `<system-out>`, so they are seen and fail nothing.
///
/// The shape is the one Jenkins' xunit plugin validates against (junit-10.xsd): `testsuite` needs
/// `name`, `tests`, `failures` and `errors`; `testcase` needs `name`; `failure` and `error` take
/// `message` and `type`. GitLab reads the same elements (it shows `failure`'s text as the trace).
public enum JUnitReport {
    /// One input and the launches read from it, in order.
    public struct Suite: Sendable, Equatable {
        public var name: String
        public var results: [AuditResult]
        public init(name: String, results: [AuditResult]) { self.name = name; self.results = results }
    }

    /// Consecutive results of the same input into one suite each.
    public static func suites(_ results: [AuditResult], inputs: [String]) -> [Suite] {
        var suites: [Suite] = []
        for (result, input) in zip(results, inputs) {
            if suites.last?.name == input { suites[suites.count - 1].results.append(result) } else { suites.append(Suite(name: input, results: [result])) }
        }
        return suites
    }

    /// `failOn`: the least severity that fails a test case (error or warning); nil (`--fail-on never`)
    /// fails none, every finding then being output only.
    public static func render(_ suites: [Suite], failOn: Severity?) -> String {
        var body = ""
        var totals = Counts()
        for suite in suites {
            var counts = Counts()
            var cases = ""
            for result in suite.results { cases += testCase(result, suite: suite.name, failOn: failOn, counts: &counts) }
            body += "  <testsuite name=\"\(attribute(suite.name))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"0\" time=\"0\">\n"
            body += cases
            body += "  </testsuite>\n"
            totals.tests += counts.tests; totals.failures += counts.failures; totals.errors += counts.errors
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"harden check\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"0\">\n"
            + body + "</testsuites>\n"
    }

    /// Test cases, and those with a failure or an error among them: what a suite's attributes count.
    struct Counts { var tests = 0, failures = 0, errors = 0 }

    static func testCase(_ result: AuditResult, suite: String, failOn: Severity?, counts: inout Counts) -> String {
        counts.tests += 1
        var failures = ""
        var output = ""
        let unreadable = result.launch.kind == .unreadable
        for finding in result.findings {
            let place = finding.position.description.isEmpty ? result.launch.name : finding.position.description
            let line = "\(place): \(finding.exception == nil ? "" : "excepted ")\(finding.severity.rawValue) \(finding.ruleID): \(finding.message)"
            if unreadable {
                failures += "      <error message=\"\(attribute(finding.message))\" type=\"\(attribute(finding.ruleID))\">\(text(line + "\nfix: " + finding.fix))</error>\n"
            } else if let failOn, finding.exception == nil, finding.severity <= failOn {
                failures += "      <failure message=\"\(attribute(finding.ruleID + ": " + finding.message))\" type=\"\(attribute(finding.ruleID))\">\(text(line + "\nfix: " + finding.fix))</failure>\n"
            } else {
                output += line + "\n" + (finding.exception.map { "  excepted: \($0)" } ?? "  fix: \(finding.fix)") + "\n"
            }
        }
        if unreadable { counts.errors += 1 } else if !failures.isEmpty { counts.failures += 1 }
        let open = "    <testcase name=\"\(attribute(result.launch.name))\" classname=\"\(attribute(suite))\" time=\"0\""
        guard !failures.isEmpty || !output.isEmpty else { return open + "/>\n" }
        var element = open + ">\n" + failures
        if !output.isEmpty { element += "      <system-out>\(text(output))</system-out>\n" }
        return element + "    </testcase>\n"
    }

    /// Character data: markup escaped, and the characters XML 1.0 cannot hold at all (controls other
    /// than tab and newlines, U+FFFE, U+FFFF) written as U+FFFD, so that no input breaks the document.
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// An attribute value in double quotes: also quotes, and tabs and newlines kept as references
    /// (a parser would otherwise fold them into spaces).
    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let code = scalar.value
                if code < 0x20 || code == 0xFFFE || code == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
