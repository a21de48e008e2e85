import HardenModel

/// `volumes_from: [SERVICE[:ro|rw]]` names another service of the same project, whose mounts the
/// engine copies into this container: the reader can see them, so they are judged as this
/// container's own (a client given its broker's socket this way is `runtime-socket`, not a bare
/// `joins-another-container` warning). `container:NAME` stays what harden cannot see.
enum ComposeVolumesFrom {
    static func inherit(_ launches: inout [AuditedLaunch], services: [String]) {
        guard launches.contains(where: { !$0.plan.engine.volumesFrom.isEmpty }) else { return }
        var index: [String: Int] = [:]
        for (position, name) in services.enumerated() where index[name] == nil { index[name] = position }
        // A chain (a from b from c) settles within as many rounds as there are services; each
        // round takes what the named service holds now, its own and what it inherited.
        for _ in launches.indices {
            var changed = false
            for position in launches.indices {
                var inherited: [LaunchPlan.EngineSettings.Inherited] = []
                for entry in launches[position].plan.engine.volumesFrom {
                    guard let (name, readOnly) = service(entry), let other = index[name], other != position else { continue }
                    let plan = launches[other].plan
                    var mounts = plan.mounts
                    var driverMounts = plan.engine.driverMounts
                    for further in plan.engine.inherited {
                        mounts += further.mounts.map { var mount = $0; mount.readOnly = mount.readOnly || further.readOnly; return mount }
                        driverMounts += further.driverMounts.map { var mount = $0; mount.readOnly = mount.readOnly || further.readOnly; return mount }
                    }
                    inherited.append(.init(entry: entry, readOnly: readOnly, mounts: mounts, driverMounts: driverMounts))
                }
                if inherited != launches[position].plan.engine.inherited {
                    launches[position].plan.engine.inherited = inherited
                    changed = true
                }
            }
            if !changed { break }
        }
    }

    /// `NAME`, `NAME:ro`, `NAME:rw`, as compose reads a service reference; nil for `container:NAME`.
    static func service(_ entry: String) -> (String, Bool)? {
        guard !entry.hasPrefix("container:") else { return nil }
        let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (entry, false)
        case 2 where parts[1] == "ro" || parts[1] == "rw": return (String(parts[0]), parts[1] == "ro")
        default: return nil
        }
    }
}
