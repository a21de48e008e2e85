/// One audited launch with its findings: what every report format prints.
public struct AuditResult: Sendable, Equatable {
    public var launch: AuditedLaunch
    public var findings: [Finding]

    public init(launch: AuditedLaunch, findings: [Finding]) {
        self.launch = launch
        self.findings = findings
    }

    public var rejected: Bool { findings.rejects }
    public var errors: Int { findings.filter(\.rejects).count }
    public var warnings: Int { findings.filter { $0.severity == .warning && $0.exception == nil }.count }
}

extension [AuditResult] {
    public var rejected: Bool { contains(where: \.rejected) }

    /// `3 launches: 1 rejected, 2 accepted; 1 error, 4 warnings`
    var summary: String {
        let rejectedCount = filter(\.rejected).count
        let errors = map(\.errors).reduce(0, +), warnings = map(\.warnings).reduce(0, +)
        return "\(count) launch\(count == 1 ? "" : "es"): \(rejectedCount) rejected, \(count - rejectedCount) accepted; "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
