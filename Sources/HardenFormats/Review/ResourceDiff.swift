import HardenModel
/// Resource limits: every one raised or removed loosens (more room for a runaway or a fork bomb),
/// lowered or added tightens.
package enum ResourceDiff {
    static func changes(_ before: Profile.Resources, _ after: Profile.Resources) -> [SettingChange] {
        let size = Units.sizeSpelling
        let candidates: [SettingChange?] = [
            Direction.limit("resources.memory", before.memory, after.memory, show: size),
            Direction.limit("resources.memorySwap", swap(before), swap(after), show: { $0 == 0 ? "no swap" : "\(size($0)) of swap" }, unlimited: "unlimited swap"),
            Direction.limit("resources.cpus", before.cpus, after.cpus, show: Units.cpusSpelling),
            Direction.limit("resources.pids", before.pids, after.pids, show: String.init),
            Direction.limit("resources.shmSize", before.shmSize, after.shmSize, show: size, unlimited: "the engine's default (64m)"),
            ulimit("resources.nofile", before.nofile, after.nofile),
            ulimit("resources.nproc", before.nproc, after.nproc),
        ]
        return candidates.compactMap { $0 }
    }

    /// The swap beyond memory, as harden runs it: `memorySwap` unset pins it to memory (no swap),
    /// -1 or no memory limit at all leaves it unlimited (nil).
    package static func swap(_ resources: Profile.Resources) -> Int64? {
        guard let memory = resources.memory else { return nil }
        let total = resources.memorySwap ?? memory
        return total == -1 ? nil : total - memory
    }

    /// Compared by the hard limit, which bounds what the process can raise itself to; a changed
    /// soft limit under the same hard limit is neutral.
    static func ulimit(_ setting: String, _ before: Profile.Ulimit?, _ after: Profile.Ulimit?) -> SettingChange? {
        let show = { (limit: Profile.Ulimit) in limit.soft == limit.hard ? "\(limit.hard)" : "\(limit.soft):\(limit.hard)" }
        if let old = before, let new = after, old.hard == new.hard {
            return old.soft == new.soft ? nil : SettingChange(setting, .neutral, "\(show(old)) → \(show(new))")
        }
        let unlimited = "the engine's default"
        return Direction.limit(setting, before?.hard, after?.hard, show: { _ in "" }, unlimited: unlimited).map { change in
            SettingChange(setting, change.effect, "\(before.map(show) ?? unlimited) → \(after.map(show) ?? unlimited)")
        }
    }
}
