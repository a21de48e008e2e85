/// Whether the profile's user can write a named volume the engine is about to create. A new,
/// empty named volume takes the owner and mode of the image's directory at its target (docker and
/// podman copy them in); where the image has no such directory, the volume belongs to root with
/// mode 755. Either way a non-root user may be refused every write, with nothing in `run` to say why.
public enum VolumeOwnership {
    /// What the image holds at a volume's target.
    public enum TargetState: Sendable, Equatable {
        case missing
        case present(uid: Int, gid: Int, mode: Int)
    }

    /// The named, writable volumes a check can be about: only these are created from the image.
    public static func candidates(_ plan: LaunchPlan) -> [LaunchPlan.Mount] {
        guard let user = plan.user, let ids = NumericUser(user), ids.uid != 0 else { return [] }
        return plan.mounts.filter { $0.kind == .volume && $0.source != nil && !$0.readOnly }
    }

    /// One warning per volume the user cannot write, naming the volume, what the image has there
    /// and the fix. `state` answers for a mount's target, nil when it cannot tell.
    public static func warnings(_ plan: LaunchPlan, state: (LaunchPlan.Mount) -> TargetState?) -> [String] {
        guard let user = plan.user, let ids = NumericUser(user), ids.uid != 0 else { return [] }
        let owner = "\(ids.uid):\(ids.gid ?? ids.uid)"
        var warnings: [String] = []
        for mount in candidates(plan) {
            let name = mount.source ?? ""
            let fix = "create \(mount.target) in the image owned by \(owner) (RUN mkdir -p \(mount.target) && chown \(owner) \(mount.target)), or give the volume to the user once (docs/volumes.md)"
            // nocopy leaves the new volume as the engine makes it, whatever the image holds.
            let found = mount.flags.contains("nocopy") ? .missing : state(mount)
            switch found {
            case nil:
                continue
            case .missing?:
                warnings.append("volume \(name) on \(mount.target): the image has no \(mount.target)\(mount.flags.contains("nocopy") ? " it may copy (nocopy)" : ""), so the engine creates the new volume owned by root with mode 755 and user \(ids.uid) cannot write to it; \(fix)")
            case .present(let uid, let gid, let mode)?:
                let writable = uid == ids.uid ? mode & 0o200 != 0 : (gid == ids.gid && mode & 0o020 != 0) || mode & 0o002 != 0
                if writable { continue }
                warnings.append("volume \(name) on \(mount.target): the image's \(mount.target) belongs to \(uid):\(gid) with mode \(String(mode, radix: 8)), which the engine copies to the new volume, so user \(ids.uid) cannot write to it; \(fix)")
            }
        }
        return warnings
    }
}
