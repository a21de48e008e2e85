import HardenModel
/// The human format of `harden check`: each launch with its verdict, then each finding as
/// `WHERE: SEVERITY RULE: message` and its fix on the next line.
public enum TextReport {
    /// `command` and `summary` let `harden validate` close with its own count (files, not launches).
    public static func render(_ results: [AuditResult], command: String = "check", summary: String? = nil, colour: Bool = false) -> String {
        var text = ""
        for result in results { text += entry(result, colour: colour) }
        let tally = AuditTally(results)
        text += closing(command: command, summary: summary ?? tally.summary, verdict: summary == nil ? tally.verdict : results.rejected ? "rejected" : "accepted", colour: colour)
        return text
    }

    /// `harden check: 3 launches: …: rejected`
    static func closing(command: String, summary: String, verdict: String, colour: Bool = false) -> String {
        "harden \(command): \(summary): \(colour ? TerminalColour.verdict(verdict) : verdict)\n"
    }

    /// One launch: its verdict line, then each finding and its fix.
    static func entry(_ result: AuditResult, colour: Bool = false) -> String {
        var text = ""
        let verdict = result.launch.kind == .unreadable ? "unreadable" : result.rejected ? "rejected" : "accepted"
        var counts: [String] = []
        if result.errors > 0, result.launch.kind != .unreadable { counts.append("\(result.errors) error\(result.errors == 1 ? "" : "s")") }
        if result.warnings > 0 { counts.append("\(result.warnings) warning\(result.warnings == 1 ? "" : "s")") }
        text += "\(result.launch.name): \(([colour ? TerminalColour.verdict(verdict) : verdict] + counts).joined(separator: ", "))\n"
        for finding in result.findings {
            let position = finding.position.description
            var label = finding.exception == nil ? finding.severity.rawValue : "excepted \(finding.severity.rawValue)"
            if colour { label = TerminalColour.severity(label, finding.exception == nil ? finding.severity : .note) }
            text += "  \(position.isEmpty ? result.launch.name : position): \(label) \(finding.ruleID): \(finding.message)\n"
            if let exception = finding.exception {
                text += "    excepted: \(exception)\n"
            } else {
                text += "    fix: \(finding.fix)\n"
            }
        }
        return text
    }
}
