import HardenModel
/// Makes a config runnable by a non-root host user, as runc's `ToRootless` does, with two
/// differences: the network namespace stays (its own loopback, not the host's network), and the
/// profile's user is kept whenever the user's subordinate ids can map it.
///
/// runc insists that the container's root be mapped, so the mapping is always the user's own id as
/// container 0, then the user's subordinate range (from /etc/subuid and /etc/subgid) as 1 onwards.
/// Without a range big enough for the process's ids, only root can be mapped, and the process runs
/// as container root, which is the user on the host, holding no more capabilities than the plan's.
public enum OCIRootless {
    public static func apply(_ input: OCISpec, user host: OCIHost.HostUser, cgroup: OCIHost.CgroupVersion) -> OCIConfig.Output {
        var spec = input
        var notes: [String] = []

        if !spec.linux.uidMappings.isEmpty || !spec.linux.gidMappings.isEmpty {
            notes.append("the profile's user namespace mappings are replaced: a rootless runtime can map only your own ids and your subordinate ranges")
        }
        let process = spec.process.user
        let ownerOptions = spec.mounts.flatMap(\.options).compactMap { option -> (String, Int)? in
            for key in ["uid", "gid"] where option.hasPrefix(key + "=") {
                if let id = Int(option.dropFirst(4)) { return (key, id) }
            }
            return nil
        }
        let neededUIDs = [process.uid] + ownerOptions.filter { $0.0 == "uid" }.map(\.1)
        let neededGIDs = [process.gid] + process.additionalGids + ownerOptions.filter { $0.0 == "gid" }.map(\.1)
        let uidRange = range(covering: neededUIDs, in: host.subordinateUIDs)
        let gidRange = range(covering: neededGIDs, in: host.subordinateGIDs)

        if let uidRange, let gidRange {
            spec.linux.uidMappings = [.init(containerID: 0, hostID: host.uid, size: 1), .init(containerID: 1, hostID: uidRange.start, size: uidRange.count)]
            spec.linux.gidMappings = [.init(containerID: 0, hostID: host.gid, size: 1), .init(containerID: 1, hostID: gidRange.start, size: gidRange.count)]
        } else {
            spec.linux.uidMappings = [.init(containerID: 0, hostID: host.uid, size: 1)]
            spec.linux.gidMappings = [.init(containerID: 0, hostID: host.gid, size: 1)]
            if process.uid != 0 || process.gid != 0 {
                notes.append("user \(process.uid):\(process.gid) runs as 0:0 inside, which is you (\(host.uid):\(host.gid)) on the host: runc needs the container's root mapped, and without subordinate ids covering \(process.uid) (/etc/subuid, /etc/subgid and newuidmap) only your own id can be; the process still holds only the profile's capabilities")
            }
            if !process.additionalGids.isEmpty {
                notes.append("additional groups \(process.additionalGids.map(String.init).joined(separator: ",")) are left out: they are not mapped, and a rootless runtime may not set groups")
            }
            spec.process.user = .init(uid: 0, gid: 0)
            // Ids the namespace does not map make the mount fail; a tmpfs without them belongs to
            // the process, which is what a carve-out is for. devpts then takes the user's group.
            for index in spec.mounts.indices {
                spec.mounts[index].options.removeAll { $0.hasPrefix("uid=") || $0.hasPrefix("gid=") }
            }
        }
        spec.linux.namespaces.removeAll { $0.type == "user" }
        spec.linux.namespaces.append(.init(type: "user"))
        // As root, a bundle's private namespace is as bare, but there the one who runs it owns the
        // host's bridges; a user does not, and nothing else tells them why nothing answers.
        if spec.linux.namespaces.contains(where: { $0.type == "network" && ($0.path ?? "").isEmpty }) {
            notes.append("--rootless leaves the container a network namespace with loopback only: it reaches no network and nothing reaches it; attach slirp4netns or pasta to it (as rootless podman does), or give --network host")
        }

        // runc creates /sys/fs/cgroup in the rootfs before sysfs covers it, which a user who does
        // not own the rootfs cannot do; without cgroup settings of its own the view shows nothing
        // the container could use.
        spec.mounts.removeAll { $0.type == "cgroup" }

        if let resources = spec.linux.resources {
            let limits = describe(resources)
            if !limits.isEmpty {
                let why = cgroup == .v1
                    ? "cgroup v1 gives a user no cgroup of their own"
                    : "it needs a cgroup delegated to you (systemd Delegate=yes and runc --systemd-cgroup), which harden cannot see"
                notes.append("--rootless: \(limits.joined(separator: ", ")) are not applied: a rootless runtime cannot create the container's cgroup, because \(why); run the bundle as root to apply them (rlimits still apply)")
            }
            spec.linux.resources = nil
        }
        if let adjustment = spec.process.oomScoreAdj, adjustment <= 0 {
            if adjustment < 0 {
                notes.append("--oom-score-adj \(adjustment) is left out: lowering it needs CAP_SYS_RESOURCE, which a rootless runtime lacks")
            }
            // Raising is all a user may do; 0 could be lower than what the user's session already has.
            spec.process.oomScoreAdj = nil
        }
        return OCIConfig.Output(spec: spec, notes: notes)
    }

    /// The first range that maps every id from 1 up to the largest needed, as container ids 1...count
    /// are laid onto it; nil when some needed id falls outside every range.
    static func range(covering ids: [Int], in ranges: [OCIHost.IDRange]) -> OCIHost.IDRange? {
        let highest = ids.max() ?? 0
        if highest == 0 { return ranges.first }
        return ranges.first { $0.count >= highest }
    }

    /// The cgroup settings, as a user would name them.
    static func describe(_ resources: OCISpec.Resources) -> [String] {
        var limits: [String] = []
        if let memory = resources.memory {
            if let limit = memory.limit { limits.append("memory \(Units.sizeSpelling(limit))") }
            if let swap = memory.swap { limits.append("memory+swap \(swap == -1 ? "unlimited" : Units.sizeSpelling(swap))") }
            if let reservation = memory.reservation { limits.append("memory reservation \(Units.sizeSpelling(reservation))") }
        }
        if let cpu = resources.cpu {
            if let quota = cpu.quota, let period = cpu.period, period > 0 { limits.append("cpus \(Units.cpusSpelling(Double(quota) / Double(period)))") }
            if let shares = cpu.shares { limits.append("cpu-shares \(shares)") }
            if let cpus = cpu.cpus { limits.append("cpuset \(cpus)") }
        }
        if let pids = resources.pids { limits.append("pids \(pids.limit)") }
        if resources.devices != OCIDefaults.deviceRules { limits.append("device rules") }
        return limits
    }
}
