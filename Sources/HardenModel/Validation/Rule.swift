/// How much a finding matters. Errors reject the launch; warnings are printed and allowed.
public enum Severity: String, Sendable, Equatable, CaseIterable, Comparable {
    case error, warning, note

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
}

/// One rule of the validator: what it checks, why, how to fix it, where the benchmarks discuss it,
/// and the check itself. Every rule lives in `RuleTable.all`.
public struct Rule: Sendable {
    /// Stable: policies, exceptions and code-scanning services refer to rules by it.
    public let id: String
    public let severity: Severity
    /// A hard rejection: always an error, no policy or exception can change that.
    public let hard: Bool
    /// What it checks, in one line.
    public let summary: String
    public let why: String
    public let fix: String
    /// CIS Docker Benchmark 1.6.0 recommendation(s), or "—".
    public let cis: String
    /// Kubernetes Pod Security Standards control and level, or "—".
    public let pss: String
    let check: @Sendable (LaunchPlan, RuleContext) -> [Hit]

    package init(
        _ id: String, _ severity: Severity, hard: Bool = false, summary: String, why: String, fix: String,
        cis: String, pss: String, check: @escaping @Sendable (LaunchPlan, RuleContext) -> [Hit]
    ) {
        self.id = id; self.severity = severity; self.hard = hard; self.summary = summary; self.why = why
        self.fix = fix; self.cis = cis; self.pss = pss; self.check = check
    }
}

/// What a rule found: a one-line message naming the offending value, and the setting it is about.
package struct Hit: Sendable, Equatable {
    var message: String
    var key: PlanKey?
    /// The fix for this one finding, where the rule's general fix can be made exact.
    var fix: String?
    init(_ message: String, _ key: PlanKey? = nil, fix: String? = nil) { self.message = message; self.key = key; self.fix = fix }
}

/// What rules may consult besides the plan.
package struct RuleContext: Sendable {
    var host: HostFacts
    var policy: Policy
    package init(host: HostFacts, policy: Policy) { self.host = host; self.policy = policy }
}

/// One problem with one launch.
public struct Finding: Sendable, Equatable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var fix: String
    public var key: PlanKey?
    public var position: SourcePosition
    /// Set when a policy exception covers this finding: it is reported, and does not count.
    public var exception: String?

    public init(ruleID: String, severity: Severity, message: String, fix: String, key: PlanKey? = nil,
                position: SourcePosition = SourcePosition(), exception: String? = nil) {
        self.ruleID = ruleID; self.severity = severity; self.message = message; self.fix = fix
        self.key = key; self.position = position; self.exception = exception
    }

    /// Whether it rejects the launch.
    public var rejects: Bool { severity == .error && exception == nil }
}
