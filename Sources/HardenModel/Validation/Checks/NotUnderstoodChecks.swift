/// The hard rule `not-understood`: what a reader met and could not judge, host programs a config
/// would run that the team has not named, and seccomp profile files that say more than harden reads.
package enum NotUnderstoodChecks {
    static func check(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits = plan.notUnderstood.indices.map { Hit(plan.notUnderstood[$0], .notUnderstood($0)) }
        for (index, hook) in plan.hooks.enumerated() {
            if let why = refusal(hook, context) { hits.append(Hit(why, .hook(index))) }
        }
        if let root = plan.rootFilesystem, let why = rootSymlink(root, context.host) { hits.append(Hit(why, .rootFilesystem)) }
        if case .file(let path) = plan.seccomp, let judgement = PrivilegeChecks.seccompFile(path, plan, context) {
            hits += judgement.problems.map { Hit("\(path):\($0.location): \($0.message)", .seccomp) }
        }
        return hits
    }

    /// A hook runs on the host as root with the container's state on its stdin: harden cannot judge
    /// the program, so only one the team policy names exactly may run, and never one that a
    /// non-root user could replace.
    static func refusal(_ hook: LaunchPlan.Hook, _ context: RuleContext) -> String? {
        let what = "hooks.\(hook.stage) runs \(hook.path) on the host as root"
        guard hook.path.hasPrefix("/") else { return "\(what), and the path is not absolute; name the program by its absolute path" }
        guard context.policy.allowedHooks.contains(hook.path) else {
            return "\(what); harden runs no host program the team policy does not name (add it to hooks.allow in policy.json, or remove the hook)"
        }
        if let writable = writableStep(hook.path, context.host) {
            return "\(what), and \(writable) can be changed by a user other than root, who could put any program there"
        }
        return nil
    }

    /// The path itself or a directory above it, when one is owned by a user other than root or
    /// writable by its group or by others (a group may have non-root members).
    static func writableStep(_ path: String, _ host: HostFacts) -> String? {
        var steps: [String] = ["/"]
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            steps.append(current)
        }
        for step in steps {
            guard let status = host.fileStatus(step) else { continue }
            if status.uid != 0 { return "\(step) (owned by uid \(status.uid))" }
            if status.mode & 0o022 != 0 { return "\(step) (mode \(status.octalMode))" }
        }
        return nil
    }

    /// runc bind-mounts root.path following every link: a link inside the bundle that leads out of
    /// it makes a host directory the container's `/`, which harden did not judge as one. Links above
    /// the bundle (/var/run → /run) move the bundle and its root together, and are fine.
    static func rootSymlink(_ root: LaunchPlan.RootFilesystem, _ host: HostFacts) -> String? {
        guard let bundle = host.absolute(root.bundle), let rootfs = host.absolute(root.bundle + "/" + root.path),
              let target = host.resolveSymlinks(rootfs) else { return nil }
        let home = PathLexical.normalize(host.resolveSymlinks(bundle) ?? bundle)
        let expected = PathLexical.normalize(home + "/" + root.path)
        guard PathLexical.normalize(target) != expected else { return nil }
        return "root.path \(root.path) leads through a symlink to \(target), which runc would make the container's /; give the root filesystem's directory itself"
    }
}
