import HardenModel
/// Who the container runs as and what it may do: user, capabilities, no-new-privileges, the
/// read-only root, user namespaces.
package enum PrivilegeDiff {
    static func changes(_ before: Profile, _ after: Profile) -> [SettingChange] {
        var changes: [SettingChange] = []
        if let change = Direction.ranked("user", user(before.user), user(after.user)) { changes.append(change) }
        changes += Direction.members(
            "capabilities", Set(capabilities(before).map(\.name)), Set(capabilities(after).map(\.name)), addingLoosens: true)
        if let change = flag("noNewPrivileges", before.noNewPrivileges, after.noNewPrivileges) { changes.append(change) }
        if let change = flag("readOnlyRootFilesystem", before.readOnlyRootFilesystem, after.readOnlyRootFilesystem) { changes.append(change) }
        return changes
    }

    /// Root, or a user nobody named (the image decides, and most images say root), is loosest; a
    /// name or a numeric user in group 0 is in between, since neither is known not to hold root's
    /// files; a numeric non-root user and group is tightest.
    static func user(_ user: String?) -> (rank: Int, shown: String) {
        guard let user else { return (0, "the image's user") }
        let parts = user.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts[0] == "0" || parts[0] == "root" { return (0, "\(user) (root)") }
        guard let ids = NumericUser(user) else { return (1, user) }
        return (ids.gid == 0 ? 1 : 2, user)
    }

    /// What the container holds: Docker's default set when the profile says nothing.
    package static func capabilities(_ profile: Profile) -> Set<Capability> {
        profile.capabilities?.effective ?? Capability.dockerDefault
    }

    /// A protection that is off unless set true.
    static func flag(_ setting: String, _ before: Bool?, _ after: Bool?) -> SettingChange? {
        let old = before ?? false, new = after ?? false
        guard old != new else { return nil }
        return SettingChange(setting, new ? .tightens : .loosens, "\(old) → \(new)")
    }

    /// A user namespace maps root in the container to an unprivileged host user.
    static func userNamespace(_ before: Profile.UserNamespace?, _ after: Profile.UserNamespace?) -> [SettingChange] {
        switch (before, after) {
        case (nil, nil): return []
        case (nil, _?): return [SettingChange("userNamespace", .tightens, "added: container ids map to unprivileged host ids")]
        case (_?, nil): return [SettingChange("userNamespace", .loosens, "removed: container ids are host ids again")]
        case (let old?, let new?):
            return old == new ? [] : [SettingChange("userNamespace", .neutral, "mappings changed")]
        }
    }
}
