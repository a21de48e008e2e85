import HardenFormats
import HardenModel
/// Runs every check on one engine and its host. Pure: the input says everything about the host.
public enum Doctor {
    public struct Result: Sendable {
        public var input: DoctorInput
        public var findings: [Finding]
        public var errors: Int { findings.filter { $0.severity == .error }.count }
        public var warnings: Int { findings.filter { $0.severity == .warning }.count }
        public var notes: Int { findings.filter { $0.severity == .note }.count }
    }

    public static func examine(_ input: DoctorInput) -> Result {
        var findings: [Finding] = []
        for check in DoctorCheckTable.all {
            for hit in check.check(input) {
                findings.append(Finding(ruleID: check.id, severity: check.severity, message: hit.message, fix: hit.fix ?? check.fix,
                                        position: hit.position))
            }
        }
        return Result(input: input, findings: findings)
    }
}
