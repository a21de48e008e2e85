import HardenModel
/// What changed between two profiles' effective settings (after `extends`), and whether each change
/// loosens or tightens the container: what a reviewer of a change to a profile repository needs.
///
/// Settings are compared by what they do, not by how they are written: capabilities as the set the
/// container ends up holding, swap as the swap beyond memory, a missing publish address as
/// 127.0.0.1. Changes come in the order of the profile format's keys.
public enum ProfileDiff {
    public static func changes(from before: Profile, to after: Profile) -> [SettingChange] {
        var changes: [SettingChange] = []
        if before.extends != after.extends {
            changes.append(SettingChange("extends", .neutral, "\(before.extends ?? "nothing") → \(after.extends ?? "nothing")"))
        }
        changes += PrivilegeDiff.changes(before, after)
        changes += FilesystemDiff.changes(before, after)
        changes += ResourceDiff.changes(before.resources, after.resources)
        changes += PrivilegeDiff.userNamespace(before.userNamespace, after.userNamespace)
        changes += SeccompDiff.changes(before.seccomp, after.seccomp)
        changes += RuntimeDiff.changes(before, after)
        return changes
    }
}
