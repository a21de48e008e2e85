/// Every host path a plan makes visible inside the container, whichever way it was asked for: a
/// bind (`-v`, `--mount type=bind`, OCI, compose) or a local volume whose driver binds a host path
/// (`--mount type=volume,volume-opt=o=bind,volume-opt=device=/path`, compose `driver_opts`).
package struct HostBind: Sendable, Equatable {
    /// As written.
    var source: String
    var target: String
    var readOnly: Bool
    var propagation: String?
    var key: PlanKey
    /// The volumes_from entry it came through, when it is another service's.
    var through: String? = nil

    /// `-v /srv/data:/data`, as messages show it.
    var shown: String { "\(source):\(target)" + (readOnly ? ":ro" : "") + (through.map { " (another service's, through volumes_from \($0))" } ?? "") }
}

extension LaunchPlan {
    var hostBinds: [HostBind] {
        var binds = Self.hostBinds(mounts: mounts, driverMounts: engine.driverMounts, key: nil, readOnly: false)
        // Another service's mounts through volumes_from are this container's too, at that entry.
        for inherited in engine.inherited {
            binds += Self.hostBinds(mounts: inherited.mounts, driverMounts: inherited.driverMounts,
                                    key: .volumesFrom(inherited.entry), readOnly: inherited.readOnly)
                .map { var bind = $0; bind.through = inherited.entry; return bind }
        }
        return binds
    }

    private static func hostBinds(mounts: [Mount], driverMounts: [EngineSettings.DriverMount], key: PlanKey?, readOnly: Bool) -> [HostBind] {
        var binds: [HostBind] = []
        // A volume "named" by an absolute path is refused by dockerd, unless some engine reads it
        // as a bind; judging it as one costs nothing.
        // A `--mount` volume source starting with '.' is made absolute by docker/cli too.
        for mount in mounts where mount.kind == .bind || mount.source?.hasPrefix("/") == true || mount.source?.hasPrefix(".") == true {
            guard let source = mount.source else { continue }
            binds.append(HostBind(source: source, target: mount.target, readOnly: mount.readOnly || readOnly,
                                  propagation: mount.propagation, key: key ?? .mount(mount.target)))
        }
        for mount in driverMounts {
            for source in mount.hostPaths {
                binds.append(HostBind(source: source, target: mount.target, readOnly: mount.readOnly || readOnly,
                                      propagation: mount.propagation, key: key ?? .mountOption(mount.dockerValue)))
            }
        }
        return binds
    }
}
