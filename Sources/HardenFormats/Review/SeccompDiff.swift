import HardenModel
/// The syscall filter: allowing a syscall or group loosens, denying one tightens; a profile without
/// a seccomp section runs under the engine's default profile, which allows more than any generated
/// filter.
package enum SeccompDiff {
    static func changes(_ before: Profile.SeccompPolicy?, _ after: Profile.SeccompPolicy?) -> [SettingChange] {
        switch (before, after) {
        case (nil, nil): return []
        case (nil, _?): return [SettingChange("seccomp", .tightens, "a generated filter replaces the engine's default profile")]
        case (_?, nil): return [SettingChange("seccomp", .loosens, "the generated filter removed: the engine's default profile applies")]
        case (let old?, let new?):
            var changes = Direction.members("seccomp.allow", Set(old.allow), Set(new.allow), addingLoosens: true)
            changes += Direction.members("seccomp.deny", Set(old.deny), Set(new.deny), addingLoosens: false)
            if let change = Direction.ranked("seccomp.defaultAction", action(old.defaultAction), action(new.defaultAction)) {
                changes.append(change)
            }
            changes += Direction.members(
                "seccomp.socketFamilies", Set(old.socketFamilies ?? AddressFamilyTable.defaultNames),
                Set(new.socketFamilies ?? AddressFamilyTable.defaultNames), addingLoosens: true)
            return changes
        }
    }

    /// `log` lets every call through (it only records it); the others all refuse, in different ways.
    static func action(_ name: String) -> (rank: Int, shown: String) {
        (name == "log" ? 0 : 1, name)
    }
}
