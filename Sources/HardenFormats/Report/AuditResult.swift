import HardenModel
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
    var summary: String { AuditTally(self).summary }
}

/// What a report's summary counts, added up one launch at a time so that a long list need not be kept.
package struct AuditTally: Sendable, Equatable {
    var launches = 0
    package var rejected = 0
    var errors = 0
    package var warnings = 0
    /// Inputs that could not be read: not launches, and not counted as any.
    package var unreadable = 0

    init() {}

    package init(_ results: [AuditResult]) {
        for result in results { add(result) }
    }

    mutating func add(_ result: AuditResult) {
        if result.launch.kind == .unreadable {
            unreadable += 1
            return
        }
        launches += 1
        if result.rejected { rejected += 1 }
        errors += result.errors
        warnings += result.warnings
    }

    mutating func add(_ other: AuditTally) {
        launches += other.launches; rejected += other.rejected; errors += other.errors; warnings += other.warnings
        unreadable += other.unreadable
    }

    /// `3 launches: 1 rejected, 2 accepted; 1 error, 4 warnings`, and `; 1 unreadable input` after the
    /// launches when there is one (a report without one reads as it always has).
    var summary: String {
        let inputs = unreadable == 0 ? "" : "; \(unreadable) unreadable input\(unreadable == 1 ? "" : "s")"
        return "\(launches) launch\(launches == 1 ? "" : "es"): \(rejected) rejected, \(launches - rejected) accepted\(inputs); "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// The whole check's verdict: `incomplete` when an input could not be read, whatever the launches.
    var verdict: String { unreadable > 0 ? "incomplete" : rejected > 0 ? "rejected" : "accepted" }
}
