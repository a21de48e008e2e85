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
            var changes = allowChanges(old, new)
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

    /// The allow lists compared entry by entry, unless the new list names calls the old one already
    /// allowed through its groups (a learned profile: `@system-service` narrowed to the calls a
    /// workload made, each named). Then entry by entry would call every such name a loosening; what
    /// happened is one tightening, said with its counts, plus the entries that allow something new.
    static func allowChanges(_ old: Profile.SeccompPolicy, _ new: Profile.SeccompPolicy) -> [SettingChange] {
        let added = Set(new.allow).subtracting(old.allow)
        let oldNames = SyscallCatalogue.expand(old.allow).subtracting(SyscallCatalogue.expand(old.deny))
        let newDenied = SyscallCatalogue.expand(new.deny)
        let covered = added.filter { entry in
            let names = SyscallCatalogue.expand([entry]).subtracting(newDenied)
            return !names.isEmpty && names.isSubset(of: oldNames)
        }
        guard !covered.isEmpty else { return Direction.members("seccomp.allow", Set(old.allow), Set(new.allow), addingLoosens: true) }
        let newNames = SyscallCatalogue.expand(new.allow).subtracting(newDenied)
        var changes = Direction.members("seccomp.allow", Set(old.allow), Set(old.allow).union(added.subtracting(covered)), addingLoosens: true)
        let architecture = SeccompArchitecture.host
        // Counted as `harden seccomp --stats` counts: native names, without those answered ENOSYS even when allowed (clone3).
        let counted: (String) -> Bool = { Syscalls.isNative($0, on: architecture) && FallbackErrnoTable.answer(for: $0)?.evenWhenAllowed != true }
        let before = oldNames.filter(counted).count
        let kept = oldNames.intersection(newNames).filter(counted).count
        if kept < before {
            changes.append(SettingChange("seccomp.allow", .tightens, "narrowed to the calls it names: \(kept) of the \(before) syscalls allowed before on \(architecture.rawValue) kept"))
        }
        return changes
    }

    /// `log` lets every call through (it only records it); the others all refuse, in different ways.
    static func action(_ name: String) -> (rank: Int, shown: String) {
        (name == "log" ? 0 : 1, name)
    }
}
