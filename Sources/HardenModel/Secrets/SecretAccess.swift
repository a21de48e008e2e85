/// Whether the container's process can read a secret file: the kernel's permission check (owner
/// bits for the owner, group bits for a member of the file's group, other bits for the rest) with
/// the ids the process will have on the host.
///
/// It answers "no" only when it is sure. A user given by name, or a group the image's /etc/group
/// may add, leaves it unsure, and unsure never refuses a launch.
public struct SecretAccess: Sendable, Equatable {
    public enum Answer: Sendable, Equatable { case yes, no, unknown }

    /// The process's ids on the host (after the plan's user namespace mappings, when it has some).
    public var uid: Int
    /// nil when the plan gives a uid alone: the engine then takes the group from the image.
    public var gid: Int?
    public var groups: [Int]
    /// False when some group comes from a name the image resolves, or from the image's /etc/group.
    public var groupsKnown: Bool
    /// Container root holding DAC_OVERRIDE or DAC_READ_SEARCH reads any file, mode or not.
    public var bypassesPermissions: Bool
    /// The ids as the plan spells them, for messages.
    public var shown: String
    /// Set when the host ids differ from the container's: `65532:65532 is 165531:165531 on the host`.
    public var mapped: String?

    /// The process of a plan, or nil when its user is a name the image resolves (or is unmapped).
    public init?(_ plan: LaunchPlan) {
        guard let user = plan.user, let ids = NumericUser(user) else { return nil }
        var known = ids.gid != nil
        var groups: [Int] = []
        for group in plan.process.groupAdd {
            if let gid = Int(group) { groups.append(gid) } else { known = false }
        }
        var uid = ids.uid, gid = ids.gid
        if !plan.uidMappings.isEmpty {
            guard let host = Self.host(ids.uid, plan.uidMappings) else { return nil }
            uid = host
        }
        if !plan.gidMappings.isEmpty {
            if let container = ids.gid {
                guard let host = Self.host(container, plan.gidMappings) else { return nil }
                gid = host
            }
            groups = groups.compactMap { Self.host($0, plan.gidMappings) }
        }
        self.uid = uid
        self.gid = gid
        self.groups = groups
        self.groupsKnown = known
        self.bypassesPermissions = ids.uid == 0 && plan.uidMappings.isEmpty
            && [Capability.named("DAC_OVERRIDE"), Capability.named("DAC_READ_SEARCH")].compactMap { $0 }.contains { plan.capabilities.contains($0) }
        self.shown = user
        let hostIDs = "\(uid)" + (gid.map { ":\($0)" } ?? "")
        let containerIDs = "\(ids.uid)" + (ids.gid.map { ":\($0)" } ?? "")
        self.mapped = hostIDs == containerIDs ? nil : "\(containerIDs) is \(hostIDs) on the host, through the user namespace mappings"
    }

    public init(uid: Int, gid: Int?, groups: [Int] = [], groupsKnown: Bool = true, bypassesPermissions: Bool = false) {
        self.uid = uid; self.gid = gid; self.groups = groups; self.groupsKnown = groupsKnown
        self.bypassesPermissions = bypassesPermissions
        self.shown = "\(uid)" + (gid.map { ":\($0)" } ?? "")
    }

    public func canRead(_ file: FileStatus) -> Answer {
        if bypassesPermissions { return .yes }
        if file.uid == uid { return file.mode & 0o400 != 0 ? .yes : .no }
        let member = gid == file.gid || groups.contains(file.gid)
        if member { return file.mode & 0o040 != 0 ? .yes : .no }
        let groupBit = file.mode & 0o040 != 0, otherBit = file.mode & 0o004 != 0
        // Unsure whether the process is in the file's group: the group bits might be the ones that apply.
        if !groupsKnown || gid == nil { return groupBit == otherBit ? (otherBit ? .yes : .no) : .unknown }
        return otherBit ? .yes : .no
    }

    /// A container id on the host, through mappings as runc applies them; nil when unmapped.
    static func host(_ id: Int, _ mappings: [Profile.IDMapping]) -> Int? {
        mappings.first { id >= $0.containerID && id < $0.containerID + $0.size }.map { $0.hostID + id - $0.containerID }
    }
}
