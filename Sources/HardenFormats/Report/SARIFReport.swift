import FoundationEssentials
import HardenModel

/// SARIF 2.1.0, the format code-scanning services read: every rule of the table as a reporting
/// descriptor, every finding as a result placed in its file (or, for a command line, at its argument).
public enum SARIFReport {
    /// `extraRules` describes findings that are not the validator's, such as `harden validate`'s
    /// repository checks, so every result's rule index points into the driver's rules.
    public static func render(_ results: [AuditResult], extraRules: [Rule] = []) -> String {
        let rules = RuleTable.all + extraRules
        let index = ruleIndex(rules)
        var sarifResults: [JSONNode] = []
        for result in results {
            for finding in result.findings {
                sarifResults.append(self.result(finding, name: result.launch.name, ruleIndex: index[finding.ruleID] ?? 0))
            }
        }
        return document(rules: rules.map { descriptor(Description($0)) }, results: sarifResults)
    }

    /// Each rule id's place in `rules` (its first, should an id repeat): a result's `ruleIndex`.
    static func ruleIndex(_ rules: [Rule]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (offset, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = offset }
        return index
    }

    /// One run of harden: the rules it knows, the results, and what else the run learnt (`properties`).
    package static func document(rules: [JSONNode], results: [JSONNode], properties: JSONNode? = nil) -> String {
        let driver = JSONNode.obj([
            ("name", .str("harden")),
            ("version", .str(HardenVersion.current)),
            ("semanticVersion", .str(HardenVersion.current)),
            ("rules", .arr(rules)),
        ])
        var run: [(String, JSONNode)] = [("tool", .obj([("driver", driver)])), ("results", .arr(results))]
        if let properties { run.append(("properties", properties)) }
        return JSONWriter.pretty(.obj([
            ("$schema", .str("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .str("2.1.0")),
            ("runs", .arr([.obj(run)])),
        ]))
    }

    /// What a reporting descriptor says, whichever table the rule comes from.
    package struct Description {
        var id: String
        var severity: Severity
        var hard = false
        var summary: String
        var why: String
        var fix: String
        var cis: String
        /// nil for checks Kubernetes has no control for (the doctor's, about the host).
        var pss: String?
        var tags: [String] = ["security", "containers"]

        init(_ rule: Rule) {
            id = rule.id; severity = rule.severity; hard = rule.hard; summary = rule.summary; why = rule.why; fix = rule.fix
            cis = rule.cis; pss = rule.pss
            if rule.hard { tags.append("hard-rejection") }
        }

        /// A check of the host rather than a rule about a launch (`harden doctor`).
        package init(hostCheck id: String, severity: Severity, summary: String, why: String, fix: String, cis: String) {
            self.id = id; self.severity = severity; self.summary = summary; self.why = why; self.fix = fix; self.cis = cis
            hard = false
            tags = ["security", "host"]
        }
    }

    static func level(_ severity: Severity) -> String { severity.rawValue }

    /// GitHub sorts code-scanning alerts by this score (over 7 is high, 9 and over critical).
    static func securitySeverity(_ rule: Description) -> String {
        rule.hard ? "9.5" : rule.severity == .error ? "8.0" : rule.severity == .warning ? "5.0" : "2.0"
    }

    package static func descriptor(_ rule: Description) -> JSONNode {
        let name = rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        var help = "\(rule.why)\n\nFix: \(rule.fix)\n\nCIS Docker Benchmark: \(rule.cis)"
        if let pss = rule.pss { help += "\nPod Security Standards: \(pss)" }
        var properties: [(String, JSONNode)] = [
            ("tags", .arr(rule.tags.map(JSONNode.str))),
            ("security-severity", .str(securitySeverity(rule))),
            ("cis-docker-benchmark", .str(rule.cis)),
        ]
        if let pss = rule.pss { properties.append(("pod-security-standards", .str(pss))) }
        return .obj([
            ("id", .str(rule.id)),
            ("name", .str(name)),
            ("shortDescription", .obj([("text", .str(rule.summary))])),
            ("fullDescription", .obj([("text", .str(rule.why))])),
            ("help", .obj([("text", .str(help))])),
            ("defaultConfiguration", .obj([("level", .str(level(rule.severity)))])),
            ("properties", .obj(properties)),
        ])
    }

    /// `name` places a finding that has no file or argument of its own (a launch, an engine).
    package static func result(_ finding: Finding, name: String, ruleIndex: Int) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("ruleId", .str(finding.ruleID)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .str(level(finding.severity))),
            ("message", .obj([("text", .str("\(finding.message). Fix: \(finding.fix)"))])),
            ("locations", .arr([location(finding.position, name: name)])),
        ]
        if let exception = finding.exception {
            members.append(("suppressions", .arr([.obj([("kind", .str("external")), ("justification", .str(exception))])])))
        }
        return .obj(members)
    }

    static func location(_ position: SourcePosition, name: String) -> JSONNode {
        var members: [(String, JSONNode)] = []
        if let file = position.file {
            var physical: [(String, JSONNode)] = [("artifactLocation", .obj([("uri", .str(uri(file)))]))]
            if let line = position.line, line > 0 {
                var region: [(String, JSONNode)] = [("startLine", .int(line))]
                if let column = position.column, column > 0 { region.append(("startColumn", .int(column))) }
                physical.append(("region", .obj(region)))
            }
            members.append(("physicalLocation", .obj(physical)))
        }
        var logical: [JSONNode] = []
        if let argument = position.argument {
            logical.append(.obj([("name", .str("argument \(argument)")), ("kind", .str("parameter"))]))
        }
        if let context = position.context {
            logical.append(.obj([("name", .str(context)), ("kind", .str("module"))]))
        }
        if logical.isEmpty, position.file == nil {
            logical.append(.obj([("name", .str(name)), ("kind", .str("module"))]))
        }
        if !logical.isEmpty { members.append(("logicalLocations", .arr(logical))) }
        return .obj(members)
    }

    /// A relative URI reference for a path as given (spaces and the like percent-encoded).
    static func uri(_ path: String) -> String {
        let encoded = StringText.percentEncodedPath(path)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
