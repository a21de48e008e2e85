/// Turns a profile's seccomp policy into a filter for both x86_64 and aarch64 (with their 32-bit
/// ABIs). Pure and deterministic: the same policy always gives the same rules in the same order,
/// so generated files diff cleanly and their hash names them.
public enum SeccompGenerator {
    /// What runc does between loading the filter and starting the workload when no-new-privileges
    /// is off: without it, loading a filter needs CAP_SYS_ADMIN, so runc loads it before dropping
    /// privileges, then sets groups and ids, fixes the owner of stdio and sets capabilities (seen
    /// with SCMP_ACT_LOG on runc 1.1). With no-new-privileges on, runc loads it just before execve.
    public static let runtimeHandoff = [
        "capget", "capset", "fchown", "fchown32", "setgid", "setgid32", "setgroups", "setgroups32", "setresgid",
        "setresgid32", "setresuid", "setresuid32", "setuid", "setuid32",
    ]

    /// `noNewPrivileges`: whether the container runs with no-new-privileges; when it does not, the
    /// names in `runtimeHandoff` are allowed, even denied ones, or the container could not start.
    public static func filter(for policy: Profile.SeccompPolicy, noNewPrivileges: Bool = true) -> SeccompFilter {
        var denied = SyscallCatalogue.expand(policy.deny)
        var allowed = SyscallCatalogue.expand(policy.allow).subtracting(denied)
        if !noNewPrivileges {
            denied.subtract(runtimeHandoff)
            allowed.formUnion(runtimeHandoff)
        }
        let defaultAction = action(named: policy.defaultAction)
        var unconditional = allowed
        var conditional: [SeccompFilter.Rule] = []

        for name in allowed.sorted() {
            if let row = ArgumentFilterTable.row(for: name) {
                unconditional.remove(name)
                for (index, arguments) in row.alternatives.enumerated() {
                    conditional += split([name], action: .allow, arguments: arguments, comment: index == 0 ? "\(name): \(row.why)" : nil)
                }
            } else if name == "socket" || name == "socketpair" {
                unconditional.remove(name)
                let allowedFamilies = families(policy)
                for (index, family) in allowedFamilies.enumerated() {
                    let comment = "\(name): \(allowedFamilies.map(\.name).joined(separator: ", ")) only; \(ArgumentFilterTable.socketWhy)"
                    conditional += split([name], action: .allow, arguments: [.equal(0, UInt64(family.number))], comment: index == 0 ? comment : nil)
                }
            }
        }

        var fallbacks: [SeccompFilter.Rule] = []
        for row in FallbackErrnoTable.rows where !denied.contains(row.syscall) && (row.evenWhenAllowed || !allowed.contains(row.syscall)) {
            unconditional.remove(row.syscall)
            let name = row.errno == SeccompFilter.Action.enosys ? "ENOSYS" : "EOPNOTSUPP"
            fallbacks += split([row.syscall], action: .errno(row.errno), comment: "\(row.syscall) answers \(name): \(row.why)")
        }

        var rules = split(unconditional.sorted(), action: .allow) + conditional + fallbacks
        // With errno as the default a deny needs no rule of its own; with log, kill or trap it
        // keeps its meaning: refused with EPERM, not logged and allowed, nor a dead process.
        if defaultAction != .errno(SeccompFilter.Action.eperm), !denied.isEmpty {
            rules += split(denied.sorted(), action: .errno(SeccompFilter.Action.eperm), comment: "denied by the profile")
        }
        return SeccompFilter(defaultAction: defaultAction, rules: rules)
    }

    /// The filter a launch plan asks for: its profile's policy, with the runtime hand-off when the
    /// plan runs without no-new-privileges. Nil when the profile has no seccomp section or the user
    /// chose a seccomp profile of their own. Every emitter (docker argv, OCI config) starts here.
    public static func filter(for plan: LaunchPlan) -> SeccompFilter? {
        guard let policy = plan.seccompPolicy, plan.seccomp == .engineDefault else { return nil }
        return filter(for: policy, noNewPrivileges: plan.noNewPrivileges)
    }

    /// The profile's spelling of a default action.
    public static func action(named name: String) -> SeccompFilter.Action {
        switch name {
        case "log": .log
        case "kill": .killProcess
        case "trap": .trap
        default: .errno(SeccompFilter.Action.eperm)
        }
    }

    /// The profile's socket families, by number.
    static func families(_ policy: Profile.SeccompPolicy) -> [AddressFamilyTable.Family] {
        let names = Set(policy.socketFamilies ?? AddressFamilyTable.defaultNames)
        return AddressFamilyTable.families.filter { names.contains($0.name) }
    }

    /// One rule for the names every architecture has, and one per architecture for the rest, so
    /// that each rule lists only names its architectures can resolve.
    static func split(_ names: [String], action: SeccompFilter.Action, arguments: [SeccompFilter.Argument] = [],
                      comment: String? = nil) -> [SeccompFilter.Rule] {
        var everywhere: [String] = []
        var only: [SeccompArchitecture: [String]] = [:]
        for name in names {
            let on = SeccompArchitecture.allCases.filter { Syscalls.exists(name, on: $0) }
            if on.count == SeccompArchitecture.allCases.count { everywhere.append(name) } else if on.count == 1 { only[on[0], default: []].append(name) }
        }
        var rules: [SeccompFilter.Rule] = []
        if !everywhere.isEmpty { rules.append(.init(names: everywhere, action: action, arguments: arguments, comment: comment)) }
        for architecture in SeccompArchitecture.allCases {
            if let names = only[architecture] {
                rules.append(.init(names: names, action: action, arguments: arguments, architecture: architecture, comment: comment))
            }
        }
        return rules
    }
}
