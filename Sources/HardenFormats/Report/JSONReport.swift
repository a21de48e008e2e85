import HardenModel
/// The machine format of `harden check --format json`: stable keys, one object per launch.
public enum JSONReport {
    public static func render(_ results: [AuditResult]) -> String {
        let tally = AuditTally(results)
        return document(tally, launches: results.map(launch))
    }

    static func launch(_ result: AuditResult) -> JSONNode {
        JSONNode.obj([
            ("name", .str(result.launch.name)),
            ("kind", .str(result.launch.kind.rawValue)),
            ("verdict", .str(result.launch.kind == .unreadable ? "unreadable" : result.rejected ? "rejected" : "accepted")),
            ("findings", .arr(result.findings.map(finding))),
        ])
    }

    /// The whole report; its last member is the list of launches.
    static func document(_ tally: AuditTally, launches: [JSONNode]) -> String {
        var members: [(String, JSONNode)] = [
            ("harden", .str(HardenVersion.current)),
            ("verdict", .str(tally.verdict)),
            ("errors", .int(tally.errors)),
            ("warnings", .int(tally.warnings)),
        ]
        // Only when there is one, so that a report of inputs that all read is as it always was.
        if tally.unreadable > 0 { members.append(("unreadable", .int(tally.unreadable))) }
        members.append(("launches", .arr(launches)))
        return JSONWriter.pretty(.obj(members))
    }

    package static func finding(_ finding: Finding) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("rule", .str(finding.ruleID)),
            ("severity", .str(finding.severity.rawValue)),
            ("message", .str(finding.message)),
            ("fix", .str(finding.fix)),
            ("location", location(finding.position)),
        ]
        if let exception = finding.exception { members.append(("exception", .str(exception))) }
        return .obj(members)
    }

    static func location(_ position: SourcePosition) -> JSONNode {
        var members: [(String, JSONNode)] = []
        if let file = position.file { members.append(("file", .str(file))) }
        if let line = position.line { members.append(("line", .int(line))) }
        if let column = position.column { members.append(("column", .int(column))) }
        if let argument = position.argument { members.append(("argument", .int(argument))) }
        if let context = position.context { members.append(("context", .str(context))) }
        return .obj(members)
    }
}
