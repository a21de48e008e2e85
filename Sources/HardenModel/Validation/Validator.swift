/// Applies every rule to a plan, then the team policy: levels by rule id, and exceptions scoped to an
/// image or profile until a date. Hard rejections are errors whatever the policy says.
public struct Validator: Sendable {
    public var policy: Policy { didSet { severities = Self.severities(under: policy) } }
    public var host: HostFacts
    /// Each rule's severity under the policy, by index in `RuleTable.all` (nil: the policy turns it
    /// off): the same for every launch, and `check --file` validates a hundred thousand.
    private var severities: [Severity?]

    public init(policy: Policy = Policy(), host: HostFacts) {
        self.policy = policy
        self.host = host
        severities = Self.severities(under: policy)
    }

    private static func severities(under policy: Policy) -> [Severity?] {
        RuleTable.all.map { policy.severity(of: $0) }
    }

    /// Every finding for one launch, in the order of `RuleTable.all`, each placed by `sources`.
    /// `profile` scopes policy exceptions; `skipping` leaves rules out (those that need an image, when
    /// checking a profile on its own).
    public func findings(
        for plan: LaunchPlan, sources: PlanSources = PlanSources(), profile: String? = nil, skipping: Set<String> = []
    ) -> [Finding] {
        let context = RuleContext(host: host, policy: policy)
        var findings: [Finding] = []
        var expired: [Policy.Exception] = []
        // A privileged launch holds every capability and device and runs unconfined; saying so again
        // rule by rule would bury the one fix that matters, and would differ between the doors
        // (`--privileged` states none of them, an OCI config has to spell each out).
        let privileged = !PrivilegeChecks.privileged(plan, context).isEmpty
        let absorbed: Set<String> = privileged ? ["dangerous-capability", "confinement-disabled", "host-device", "capabilities-not-minimal"] : []
        let rules = RuleTable.all
        for index in rules.indices {
            // By index rather than `for rule in`, and the rule copied only when it found something:
            // copying each rule (a dozen strings) for every launch cost more than most checks.
            guard let severity = severities[index], !skipping.contains(rules[index].id), !absorbed.contains(rules[index].id) else { continue }
            let hits = rules[index].check(plan, context)
            if hits.isEmpty { continue }
            let rule = rules[index]
            for hit in hits {
                var finding = Finding(ruleID: rule.id, severity: severity, message: hit.message, fix: hit.fix ?? rule.fix,
                                      key: hit.key, position: sources.position(of: hit.key))
                if !rule.hard, let exception = policy.exceptions.first(where: { $0.rule == rule.id && $0.covers(image: plan.image, profile: profile) }) {
                    if exception.expires >= host.today {
                        finding.exception = "\(exception.reason) (excepted until \(exception.expires) by \(exception.position))"
                    } else if !expired.contains(exception) {
                        expired.append(exception)
                    }
                }
                findings.append(finding)
            }
        }
        if !expired.isEmpty, let rule = RuleTable.rule("exception-expired"), let severity = policy.severity(of: rule) {
            for exception in expired {
                findings.append(Finding(
                    ruleID: rule.id, severity: severity,
                    message: "\(exception.shown) expired on \(exception.expires) and no longer applies", fix: rule.fix,
                    position: exception.position))
            }
        }
        return findings
    }
}

extension [Finding] {
    public var rejects: Bool { contains { $0.rejects } }
}
