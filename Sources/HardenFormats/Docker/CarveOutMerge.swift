import HardenModel

/// What a user's `-v`, `--mount` or `--tmpfs` does to a profile carve-out on the same target, one
/// rule for every door (run, oci, compose, k8s all build their plan here): the user's mount
/// replaces the carve-out whatever the kinds, and keeps the user's options. Docker itself refuses
/// two mounts on one target (`Duplicate mount point`), so leaving both in would never run.
extension PlanBuilder {
    /// The profile's carve-outs that no user mount covers, in the profile's order, then the
    /// user's mounts in theirs (a repeated user target already collapsed to its last value).
    static func replaceCarveOuts(
        profileTmpfs: [LaunchPlan.TmpfsMount], profileMounts: [LaunchPlan.Mount], plan: inout LaunchPlan
    ) {
        guard !plan.tmpfs.isEmpty || !plan.mounts.isEmpty || !plan.engine.driverMounts.isEmpty else {
            plan.tmpfs = profileTmpfs
            plan.mounts = profileMounts
            return
        }
        var taken = Set<String>()
        for mount in plan.tmpfs { taken.insert(mountTarget(mount.target)) }
        for mount in plan.mounts { taken.insert(mountTarget(mount.target)) }
        for mount in plan.engine.driverMounts { taken.insert(mountTarget(mount.target)) }
        plan.tmpfs = profileTmpfs.filter { !taken.contains(mountTarget($0.target)) } + plan.tmpfs
        plan.mounts = profileMounts.filter { !taken.contains(mountTarget($0.target)) } + plan.mounts
    }

    /// A tmpfs exists to be written by the container's user, but runc mounts a tmpfs over an
    /// existing image directory owned by root whatever `mode=` says. So every tmpfs that names no
    /// owner, the profile's or the user's, is given to the final numeric user (after `--user`).
    /// A user given by name cannot be turned into ids without the image: say so instead.
    static func ownTmpfs(plan: inout LaunchPlan, notes: inout [String]) {
        guard let user = plan.user else { return }
        let unowned = plan.tmpfs.indices.filter { plan.tmpfs[$0].uid == nil && plan.tmpfs[$0].gid == nil }
        guard !unowned.isEmpty else { return }
        guard let ids = NumericUser(user) else {
            let targets = unowned.map { plan.tmpfs[$0].target }.joined(separator: ", ")
            notes.append("tmpfs \(targets): --user \(user) is a name, so harden cannot give \(unowned.count == 1 ? "it" : "them") the user's ids and runc leaves a tmpfs over an image directory owned by root; add uid=N,gid=N to the tmpfs options or give a numeric --user")
            return
        }
        for index in unowned {
            plan.tmpfs[index].options.append(.uid(ids.uid))
            if let gid = ids.gid { plan.tmpfs[index].options.append(.gid(gid)) }
        }
    }

    /// A target as the engine compares it: `/tmp/`, `/tmp/.` and `//tmp` are `/tmp`.
    static func mountTarget(_ target: String) -> String {
        guard target.contains("/.") || target.contains("//") || (target.count > 1 && target.hasSuffix("/")) else { return target }
        var parts: [Substring] = []
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
