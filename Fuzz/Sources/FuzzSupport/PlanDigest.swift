@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The settings of a plan that decide how tightly the container is held, by name, so that a plan
/// written out and read back can be compared where it matters and the difference named.
public func securityDigest(_ plan: LaunchPlan) -> [(String, String)] {
    [
        ("privileged", "\(plan.privileged)"),
        ("capabilities", plan.capabilities.map(\.name).sorted().joined(separator: ",")),
        ("seccomp", "\(plan.seccomp)"),
        ("noNewPrivileges", "\(plan.noNewPrivileges)"),
        ("readOnlyRootFilesystem", "\(plan.readOnlyRootFilesystem)"),
        ("user", plan.user ?? "-"),
        ("memory", plan.memory.map { "\($0)" } ?? "-"),
        ("memorySwap", plan.memorySwap.map { "\($0)" } ?? "-"),
        ("cpus", plan.cpus.map { "\($0)" } ?? "-"),
        ("pidsLimit", plan.pidsLimit.map { "\($0)" } ?? "-"),
        // Not the kind: `-v SOURCE:TARGET` leaves bind or volume to the shape of the source, as docker
        // does, so `--mount type=volume,src=/abs` comes back a bind (which the rules judge the same).
        ("mounts", "\(plan.mounts.map { [$0.source ?? "-", $0.target, "\($0.readOnly)", $0.propagation ?? "-"] + $0.flags })"),
        ("devices", "\(plan.devices)"),
        ("namespaces", "\(plan.namespaces.all)"),
        ("useAPISocket", "\(plan.useAPISocket)"),
        ("securityOptions", "\(plan.securityOptions)"),
    ]
}

/// The first security setting that differs between two plans, as `name: before → after`.
public func securityDifference(_ before: LaunchPlan, _ after: LaunchPlan) -> String? {
    for ((name, old), (_, new)) in zip(securityDigest(before), securityDigest(after)) where old != new {
        return "\(name): \(old) → \(new)"
    }
    return nil
}
