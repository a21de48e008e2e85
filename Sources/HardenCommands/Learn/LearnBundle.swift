import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// `harden learn BASE --name NAME --bundle DIR`: the bundle run by runc or crun under a copy of its
/// config (the learning filter as linux.seccomp, a writable root), on an overlay of its rootfs so
/// that the writes are seen and DIR is left as it was. The steps around the run are docker's.
enum LearnBundle {
    static func run(_ request: LearnCommand.Request, bundle: String, parsed: ParsedArguments, options: HardenOptions, console: Console,
                    say: @escaping (String) -> Void) throws(HardenError) -> Int32 {
        guard parsed.docker.isEmpty else {
            throw .input("harden learn --bundle runs the bundle's own process; leave out \"\(parsed.docker[0])\": the command, its environment and mounts are in \(bundle)/config.json")
        }
        if parsed.has("--engine") {
            throw .input("\(parsed.shown("--engine")) names a container engine; a bundle is run by its runtime: --runtime runc or --runtime crun")
        }
        let runtimeName = parsed.value("--runtime") ?? "runc"
        guard ["runc", "crun"].contains(PathText.lastComponent(runtimeName)) else {
            throw .input("\(parsed.shown("--runtime")) cannot run a bundle for harden learn; use --runtime runc or --runtime crun")
        }
        let directory = OCICommand.absolute(bundle, console: console)
        let file = directory + "/config.json"
        let config = try OCILearningConfig(try StrictReader.parse(try AuditInput.text(of: file, currentDirectory: console.currentDirectory), file: file), file: file)
        let rootfs = config.rootPath.hasPrefix("/") ? config.rootPath : directory + "/" + config.rootPath
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: rootfs, isDirectory: &isDirectory), isDirectory else {
            throw .input("\(file): root.path \(config.rootPath) is not a directory (\(rootfs)); unpack the root filesystem there")
        }

        let runtime = LearnRuntime(executable: try Launcher.locate(runtimeName, path: console.environment["PATH"]), environment: console.environment)
        let session = Session(options: options, console: console)
        let (resolved, _) = try session.plan(profile: request.base, docker: [], requireImage: false)
        let signal = LearnSteps.signal(environment: console.environment, base: request.base, say: say)
        defer { signal.rateLimit.restore() }

        LearnSignals.install()
        var observations = LearnObservations(base: request.base, baseProfile: resolved.profile, name: request.name, image: config.args[0],
                                             started: LearnWatch.timestamp(), seconds: 0)
        observations.command = Array(config.args.dropFirst())
        observations.exercise = request.exercise
        observations.sawSyscalls = signal.haveLog
        observations.architecture = .host
        observations.writesSource = "the bundle's overlay"
        observations.userSource = "the bundle's process.user"
        if let user = config.user, user != resolved.profile.user { observations.user = user }
        let scratch = (console.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        let reference = try LearnSteps.observe(&observations, runs: request.runs, signal: signal, say: say) { number, known, source, observations throws(HardenError) in
            let id = "harden-learn-\(request.name)-\(getpid())-\(number)"
            let seccomp = SeccompJSON.oci(SeccompGenerator.filter(for: ProfileLearner.learningPolicy(base: resolved.profile, known: known),
                                                                  noNewPrivileges: config.noNewPrivileges), architecture: .host)
            let logged = known.isEmpty ? "every call logged" : "calls not seen before logged"
            return try watch(id: id, document: { root in config.rewritten(root: root, writable: true, seccomp: seccomp, cgroupsPath: "/" + id) },
                             rootfs: rootfs, scratch: scratch, runtime: runtime, request: request, source: source, console: console,
                             announce: "pass \(number): watching the bundle \(directory) as \(id) under \(request.base) with \(runtime.name) (writable root on an overlay, \(logged)) for at most \(request.seconds)s"
                                 + (source.map { "; seccomp records from \($0.shown)" } ?? "")) { overlay, records, outcome in
                observations.writes = RootWrites.overlay(overlay.entries())
                observations.records += records?.records ?? []
                observations.mounted = config.mountTargets
                for written in observations.writes.directories(mounted: observations.mounted) where written != "/" {
                    observations.sizes[written] = max(observations.sizes[written] ?? 0, overlay.size(of: written))
                }
                LearnCommand.report(outcome, records: records, source: source, say: say)
            }
        }
        try LearnSteps.probe(&observations, reference: reference, noNewPrivileges: config.noNewPrivileges, say: say) { filter throws(HardenError) in
            let id = "harden-learn-\(request.name)-probe-\(getpid())"
            let seccomp = SeccompJSON.oci(filter, architecture: .host)
            return try watch(id: id, document: { root in config.rewritten(root: root, writable: true, seccomp: seccomp, cgroupsPath: "/" + id) },
                             rootfs: rootfs, scratch: scratch, runtime: runtime, request: request, source: nil, console: console,
                             announce: "probe: watching the bundle \(directory) as \(id) under \(request.base)'s filter with \(runtime.name) (writable root on an overlay) for at most \(request.seconds)s") { _, _, outcome in
                LearnCommand.report(outcome, records: nil, source: nil, say: say)
            }
        }
        try LearnSteps.write(observations, output: request.output, noNewPrivileges: config.noNewPrivileges, console: console, say: say)
        guard request.verify else { return 0 }

        // The verifying run: the config `harden oci NAME` writes for the bundle's process, on a
        // fresh overlay (the learning run's writes are gone, as they would be).
        var verifying = options
        verifying.profileDirectories = [LearnCommand.directory(of: request.output, console: console)] + options.profileDirectories
        let (_, planned) = try Session(options: verifying, console: console).plan(profile: request.name, docker: [], requireImage: false)
        var learnedPlan = planned
        learnedPlan.image = ""
        learnedPlan.command = config.args
        learnedPlan.environment = config.env
        var bundleOptions = OCIBundleOptions()
        bundleOptions.cwd = config.cwd
        bundleOptions.rootfs = rootfs
        bundleOptions.currentDirectory = directory
        bundleOptions.users = UserDatabase(passwd: OCIHostReader.read(rootfs + "/etc/passwd"), group: OCIHostReader.read(rootfs + "/etc/group"), source: rootfs)
        let converted = try OCIConfig.convert(learnedPlan, profile: request.name, bundle: bundleOptions, host: OCIHostReader.live(environment: console.environment))
        for note in converted.notes { say("note: \(note)") }
        let written = converted.spec.json
        let id = "harden-learn-\(request.name)-verify-\(getpid())"
        let outcome = try watch(id: id, document: { root in OCILearningConfig.rewrite(written, root: root, writable: nil, seccomp: nil, cgroupsPath: "/" + id) },
                                rootfs: rootfs, scratch: scratch, runtime: runtime, request: request, source: nil, console: console,
                                announce: "verifying: the bundle's process under \(request.name), in the config harden oci \(request.name) writes") { _, _, _ in }
        return LearnCommand.compare(reference, outcome, request: request, console: console, say: say)
    }

    /// One run of the bundle: an overlay over ROOTFS, the config `document(overlay root)` beside it,
    /// `RUNTIME run` watched; `seen` reads what it wrote before the overlay and the container go.
    static func watch(
        id: String, document: (String) -> JSONNode, rootfs: String, scratch: String, runtime: LearnRuntime, request: LearnCommand.Request,
        source: SeccompLogSource?, console: Console, announce: String,
        seen: (OverlayRoot, ContainerRecords?, LearnWatch.Outcome) -> Void
    ) throws(HardenError) -> LearnWatch.Outcome {
        let overlay: OverlayRoot
        switch OverlayRoot.mount(lower: rootfs, in: scratch + "/" + id) {
        case .success(let mounted): overlay = mounted
        case .failure(let problem): throw .input(problem.message)
        }
        defer {
            runtime.remove(id)
            overlay.remove()
        }
        let config = overlay.directory + "/config.json"
        do {
            try AtomicFile.write(JSONWriter.pretty(document(overlay.merged)), to: config)
        } catch {
            throw .input("\(config): \(error.description); set TMPDIR to a writable directory")
        }
        source?.start()
        try runtime.start(bundle: overlay.directory, id: id, outputPath: overlay.directory + "/output")
        console.err("harden learn: \(announce)\n")
        var records: ContainerRecords? = source == nil ? nil : ContainerRecords(containerID: id)
        let outcome = LearnWatch(engine: runtime, container: id, seconds: request.seconds, exercise: request.exercise, environment: console.environment)
            .watch(records: &records, source: source)
        if outcome.interrupted { throw HardenError.input("interrupted; the container \(id) was removed and no profile written") }
        // The runtime's own refusal (a config or host it cannot run) is no outcome of the workload.
        if outcome.exitStatus != nil, !runtime.created {
            let said = outcome.tail.last ?? "exit status \(outcome.exitStatus ?? 0), no message"
            throw .input("\(runtime.name) could not run the bundle: \(said); try harden oci's config with \(runtime.name) run by hand, or --runtime \(runtime.name == "runc" ? "crun" : "runc")")
        }
        seen(overlay, records, outcome)
        return outcome
    }
}
