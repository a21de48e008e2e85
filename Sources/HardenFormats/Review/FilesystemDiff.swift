import HardenModel
/// Writable places on the read-only root: tmpfs carve-outs and volumes, by target path.
package enum FilesystemDiff {
    static func changes(_ before: Profile, _ after: Profile) -> [SettingChange] {
        var changes: [SettingChange] = []
        let oldTmpfs = Dictionary(before.tmpfs.map { ($0.target, $0) }, uniquingKeysWith: { $1 })
        let newTmpfs = Dictionary(after.tmpfs.map { ($0.target, $0) }, uniquingKeysWith: { $1 })
        for target in Set(oldTmpfs.keys).union(newTmpfs.keys).sorted() {
            let setting = StrictReader.render(["tmpfs", target])
            switch (oldTmpfs[target], newTmpfs[target]) {
            case (nil, let new?): changes.append(SettingChange(setting, .loosens, "added: a writable carve-out (\(describe(new)))"))
            case (let old?, nil): changes.append(SettingChange(setting, .tightens, "removed (was \(describe(old)))"))
            case (let old?, let new?): changes += tmpfs(setting, old, new)
            default: break
            }
        }
        let oldVolumes = Dictionary(before.volumes.map { ($0.target, $0) }, uniquingKeysWith: { $1 })
        let newVolumes = Dictionary(after.volumes.map { ($0.target, $0) }, uniquingKeysWith: { $1 })
        for target in Set(oldVolumes.keys).union(newVolumes.keys).sorted() {
            let setting = StrictReader.render(["volumes", target])
            switch (oldVolumes[target], newVolumes[target]) {
            case (nil, let new?): changes.append(SettingChange(setting, .loosens, "added: \(describe(new))"))
            case (let old?, nil): changes.append(SettingChange(setting, .tightens, "removed (was \(describe(old)))"))
            case (let old?, let new?): changes += volume(setting, old, new)
            default: break
            }
        }
        return changes
    }

    /// Mount flags in pairs, restrictive first, and how an unsaid flag ranks: between the two where
    /// the engine decides (docker's `--tmpfs` adds noexec, nosuid and nodev; an OCI runtime adds
    /// nothing), as loose as saying it for `rw`, which every tmpfs is unless told `ro`.
    static let flagPairs: [(tight: String, loose: String, unsaid: Int)] = [
        ("noexec", "exec", 1), ("nosuid", "suid", 1), ("nodev", "dev", 1), ("ro", "rw", 0),
    ]

    static func tmpfs(_ setting: String, _ old: Profile.TmpfsCarveOut, _ new: Profile.TmpfsCarveOut) -> [SettingChange] {
        var changes: [SettingChange] = []
        if let change = Direction.limit(setting + ".size", old.size, new.size, show: Units.sizeSpelling, unlimited: "unsized (half of memory)") {
            changes.append(change)
        }
        for pair in flagPairs {
            let rank = { (options: [String]) in options.contains(pair.tight) ? 2 : options.contains(pair.loose) ? 0 : pair.unsaid }
            let before = rank(old.options), after = rank(new.options)
            guard before != after else { continue }
            var words: [String] = []
            for flag in [pair.tight, pair.loose] where old.options.contains(flag) != new.options.contains(flag) {
                words.append(flag + (new.options.contains(flag) ? " added" : " removed"))
            }
            changes.append(SettingChange(setting + ".options", after > before ? .tightens : .loosens, words.joined(separator: ", ")))
        }
        let paired = Set(flagPairs.flatMap { [$0.tight, $0.loose] })
        let otherOld = old.options.filter { !paired.contains($0) }, otherNew = new.options.filter { !paired.contains($0) }
        if Set(otherOld) != Set(otherNew) {
            changes.append(SettingChange(setting + ".options", .neutral, "[\(otherOld.joined(separator: ", "))] → [\(otherNew.joined(separator: ", "))]"))
        }
        if old.mode != new.mode { changes.append(SettingChange(setting + ".mode", .neutral, "\(old.mode ?? "default") → \(new.mode ?? "default")")) }
        if old.uid != new.uid || old.gid != new.gid {
            changes.append(SettingChange(setting + ".owner", .neutral, "\(owner(old)) → \(owner(new))"))
        }
        return changes
    }

    static func owner(_ carveOut: Profile.TmpfsCarveOut) -> String {
        carveOut.uid == nil && carveOut.gid == nil ? "the container's user" : "\(carveOut.uid.map(String.init) ?? "-"):\(carveOut.gid.map(String.init) ?? "-")"
    }

    static func describe(_ carveOut: Profile.TmpfsCarveOut) -> String {
        let size = carveOut.size.map(Units.sizeSpelling) ?? "unsized"
        return ([size] + carveOut.options).joined(separator: ", ")
    }

    static func volume(_ setting: String, _ old: Profile.VolumeCarveOut, _ new: Profile.VolumeCarveOut) -> [SettingChange] {
        var changes: [SettingChange] = []
        if old.kind != new.kind {
            // A bind reaches into the host's filesystem; a volume only into the engine's storage.
            changes.append(SettingChange(setting + ".type", new.kind == .bind ? .loosens : .tightens, "\(old.kind.rawValue) → \(new.kind.rawValue)"))
        }
        if old.source != new.source {
            changes.append(SettingChange(setting + ".source", .neutral, "\(old.source ?? "anonymous") → \(new.source ?? "anonymous")"))
        }
        if old.readOnly != new.readOnly {
            changes.append(SettingChange(setting + ".readOnly", new.readOnly ? .tightens : .loosens, "\(old.readOnly) → \(new.readOnly)"))
        }
        return changes
    }

    package static func describe(_ volume: Profile.VolumeCarveOut) -> String {
        let what = volume.kind == .bind ? "bind of \(volume.source ?? "?")" : volume.source.map { "volume \($0)" } ?? "anonymous volume"
        return what + (volume.readOnly ? ", read-only" : ", writable")
    }
}
