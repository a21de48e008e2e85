/// A generated filter that refuses a call every process start needs (`ProcessStartTable`): the
/// engine would fail with a message that names no syscall, so the launch is refused here instead.
package enum SeccompStartChecks {
    static func check(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard let policy = plan.seccompPolicy, plan.seccomp == .engineDefault else { return [] }
        let missing = ProcessStartTable.missing(in: policy, noNewPrivileges: plan.noNewPrivileges)
        guard let first = missing.first else { return [] }
        let names = missing.map(\.syscall).joined(separator: ", ")
        let message = "the seccomp filter refuses \(names), which every process start needs (\(first.syscall): \(first.why)); the engine would fail without saying why"
        return [Hit(message, .seccomp, fix: "allow them: keep the parent's list and add to it with \"seccomp\": {\"add\": [...]}, or put \(names) (or @system-service) back in \"allow\" and out of \"deny\"")]
    }
}
