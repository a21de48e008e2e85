import HardenModel
/// The plan's tmpfs and bind carve-outs as spec mounts, after the defaults every container gets.
package enum OCIMounts {
    /// tmpfs flags docker's `--tmpfs` applies unless told otherwise; the same words mean the same on both doors.
    static let tmpfsDefaults: [(LaunchPlan.MountFlag, LaunchPlan.MountFlag)] = [(.nosuid, .suid), (.nodev, .dev), (.noexec, .exec)]

    /// Mode words a `-v` bind may carry that a runtime mount understands.
    static let bindFlags: Set<String> = ["nosuid", "suid", "nodev", "dev", "noexec", "exec"]

    static func mounts(for plan: LaunchPlan, currentDirectory: String) throws(HardenError) -> [OCISpec.Mount] {
        var carveOuts: [OCISpec.Mount] = []
        for tmpfs in plan.tmpfs {
            let flags = tmpfs.flags
            let missing = tmpfsDefaults.filter { flag, opposite in !flags.contains(flag) && !flags.contains(opposite) }
            carveOuts.append(.init(destination: tmpfs.target, type: "tmpfs", source: "tmpfs", options: missing.map(\.0.rawValue) + tmpfs.kernelOptions))
        }
        for mount in plan.mounts {
            carveOuts.append(try bind(mount, currentDirectory: currentDirectory))
        }
        for secret in plan.secrets { carveOuts.append(self.secret(secret)) }
        // Parents before children, as docker sorts them, so /run is mounted before /run/app; the
        // plan's order stands among mounts of the same depth.
        let sorted = carveOuts.enumerated().sorted { a, b in
            let (da, db) = (depth(a.element.destination), depth(b.element.destination))
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
        let targets = Set(sorted.map { normalized($0.destination) })
        let defaults = OCIDefaults.mounts(shmSize: plan.shmSize ?? OCIDefaults.shmSize).filter { !targets.contains($0.destination) }
        return defaults + sorted
    }

    static func bind(_ mount: LaunchPlan.Mount, currentDirectory: String) throws(HardenError) -> OCISpec.Mount {
        let shown = "-v \(DockerArguments.volumeSpelling(mount))"
        guard mount.kind == .bind, let source = mount.source else {
            let what = mount.source.map { "the named volume \($0)" } ?? "an anonymous volume"
            throw .input("\(shown): \(what) needs a container engine to create it; bind a host directory instead (-v /srv/data:\(mount.target)), or use a tmpfs (--tmpfs \(mount.target))")
        }
        let absolute: String
        if source.hasPrefix("/") {
            absolute = source
        } else if source == "." {
            absolute = currentDirectory
        } else if source.hasPrefix("./") {
            absolute = currentDirectory + "/" + source.dropFirst(2)
        } else if source.hasPrefix("../") {
            absolute = currentDirectory + "/" + source
        } else {
            throw .input("\(shown): the source \(source) is not a host path harden can read; give an absolute path such as /srv/data")
        }
        var options = ["rbind", mount.propagation ?? "rprivate", mount.readOnly ? "ro" : "rw"]
        for flag in mount.flags where !bindFlags.contains(flag) {
            throw .input("\(shown): the mount option \(flag) means nothing to runc; keep ro, rw, a propagation mode, nosuid, nodev or noexec")
        }
        // Binds are nosuid and nodev unless the mount says suid or dev: nothing a hardened container
        // reads from a host directory should raise privileges or open a device.
        if !mount.flags.contains("suid") { options.append("nosuid") }
        if !mount.flags.contains("dev") { options.append("nodev") }
        options += mount.flags.filter { $0 == "noexec" || $0 == "exec" }
        return .init(destination: mount.target, type: "bind", source: absolute, options: options)
    }

    /// A secret is data: read-only, and nothing in it may run, raise privileges or open a device.
    static func secret(_ secret: LaunchPlan.Secret) -> OCISpec.Mount {
        .init(destination: secret.target, type: "bind", source: secret.source, options: ["bind", "rprivate", "ro", "nosuid", "nodev", "noexec"])
    }

    static func depth(_ path: String) -> Int { normalized(path).split(separator: "/").count }

    static func normalized(_ path: String) -> String {
        "/" + path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
