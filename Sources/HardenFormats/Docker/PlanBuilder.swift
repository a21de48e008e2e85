import HardenModel
/// Turns an effective profile, plus the user's docker run options, into a launch plan.
///
/// User options after the profile name either extend the profile (ports, volumes, environment,
/// tmpfs, labels…) or replace its value (user, memory, cpus, pids, read-only, ulimits, restart…).
/// Capabilities work the way Docker's own flags do, with the profile's set standing where Docker's
/// default set would: `--cap-add CHOWN` adds CHOWN to what the profile keeps, `--cap-drop X` removes X.
public enum PlanBuilder {
    public static func plan(for profile: Profile) -> LaunchPlan {
        var plan = LaunchPlan()
        plan.user = profile.user
        if let capabilities = profile.capabilities { plan.capabilities = capabilities.effective }
        plan.noNewPrivileges = profile.noNewPrivileges ?? false
        plan.readOnlyRootFilesystem = profile.readOnlyRootFilesystem ?? false
        plan.tmpfs = profile.tmpfs.map(tmpfsMount)
        plan.mounts = profile.volumes.map { volume in
            LaunchPlan.Mount(kind: volume.kind == .bind ? .bind : .volume, source: volume.source,
                             target: volume.target, readOnly: volume.readOnly)
        }
        let resources = profile.resources
        plan.memory = resources.memory
        plan.memorySwap = resources.memorySwap ?? resources.memory
        plan.cpus = resources.cpus
        plan.pidsLimit = resources.pids
        plan.shmSize = resources.shmSize
        plan.ulimits = [("nofile", resources.nofile), ("nproc", resources.nproc)].compactMap { name, limit in
            limit.map { LaunchPlan.Ulimit(name: name, soft: $0.soft, hard: $0.hard) }
        }
        plan.uidMappings = profile.userNamespace?.uidMappings ?? []
        plan.gidMappings = profile.userNamespace?.gidMappings ?? []
        plan.seccompPolicy = profile.seccomp
        plan.network = profile.network.mode.map(DockerValues.namespaceMode)
        UnprivilegedPorts.apply(profile, to: &plan)
        plan.restart = profile.restart.map(restartPolicy)
        if let check = profile.healthcheck {
            plan.healthcheck.command = check.command
            plan.healthcheck.interval = check.interval
            plan.healthcheck.timeout = check.timeout
            plan.healthcheck.startPeriod = check.startPeriod
            plan.healthcheck.retries = check.retries
            plan.healthcheck.disabled = check.disable
        }
        plan.environment = profile.environment.map { "\($0.name)=\($0.value)" }
        return plan
    }

    /// The profile's plan with the user's docker run options (everything after the profile name) applied.
    /// `notes` receives what the merge changed that the user should hear about.
    public static func plan(
        for profile: Profile, userOptions: ParsedRun, notes: inout [String], argumentNumber: (Int) -> Int = { $0 + 1 }
    ) throws(HardenError) -> LaunchPlan {
        var sources = PlanSources()
        return try plan(for: profile, userOptions: userOptions, notes: &notes, argumentNumber: argumentNumber, sources: &sources)
    }

    /// As above, recording in `sources` the argument each user option came from (over what the profile set).
    public static func plan(
        for profile: Profile, userOptions: ParsedRun, notes: inout [String], argumentNumber: (Int) -> Int = { $0 + 1 },
        sources: inout PlanSources
    ) throws(HardenError) -> LaunchPlan {
        var plan = plan(for: profile)
        // The user's mounts are read apart from the carve-outs, so one on a carve-out's target can replace it.
        let (profileTmpfs, profileMounts) = (plan.tmpfs, plan.mounts)
        (plan.tmpfs, plan.mounts) = ([], [])
        try DockerOptionApplier.apply(
            userOptions, to: &plan, publishAddress: profile.network.publishAddress ?? "127.0.0.1", argumentNumber: argumentNumber,
            sources: &sources)
        replaceCarveOuts(profileTmpfs: profileTmpfs, profileMounts: profileMounts, plan: &plan)
        ownTmpfs(plan: &plan, notes: &notes)
        UnprivilegedPorts.settle(profile, plan: &plan)
        // Docker refuses --rm together with a restart policy; a container removed on exit is never
        // restarted anyway, so the profile's policy yields to an explicit --rm, without a word: the
        // user asked for exactly that.
        let userRestart = userOptions.options.contains { $0.name == "restart" }
        if plan.engine.autoRemove, !userRestart, let restart = plan.restart, restart != .no {
            plan.restart = nil
        }
        return plan
    }

    static func tmpfsMount(_ carveOut: Profile.TmpfsCarveOut) -> LaunchPlan.TmpfsMount {
        var options = carveOut.options.compactMap(LaunchPlan.MountFlag.init(rawValue:)).map(LaunchPlan.TmpfsOption.flag)
        if let size = carveOut.size { options.append(.size(size)) }
        if let mode = carveOut.mode.flatMap({ UInt32($0, radix: 8) }) { options.append(.mode(mode)) }
        if let uid = carveOut.uid { options.append(.uid(uid)) }
        if let gid = carveOut.gid { options.append(.gid(gid)) }
        return LaunchPlan.TmpfsMount(target: carveOut.target, options: options)
    }

    static func restartPolicy(_ policy: Profile.RestartPolicy) -> LaunchPlan.RestartPolicy {
        switch policy.policy {
        case "always": .always
        case "unless-stopped": .unlessStopped
        case "on-failure": .onFailure(maxRetries: policy.maxRetries)
        default: .no
        }
    }
}
