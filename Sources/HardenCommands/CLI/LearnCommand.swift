import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// `harden learn [harden options] BASE --name NAME [-o FILE] [--seconds N] [--exercise CMD]
/// [--no-verify] [docker run options] [--] IMAGE [COMMAND...]`
enum LearnCommand {
    static let name = CommandOption("--name", value: "NAME")
    static let seconds = CommandOption("--seconds", value: "N")
    static let exercise = CommandOption("--exercise", value: "CMD")
    static let noVerify = CommandOption("--no-verify")
    static let engineOption = CommandOption("--engine", value: "docker|podman")
    static let bundle = CommandOption("--bundle", value: "DIR")
    static let runtime = CommandOption("--runtime", value: "runc|crun")
    static let runs = CommandOption("--runs", value: "N")

    static let command = HardenCLI.Command(
        name: "learn",
        summary: "watch a workload run under a profile and write a profile tailored to it",
        usage: "harden learn [--profiles DIR]... [--policy FILE] [--engine docker|podman] BASE --name NAME [-o FILE] [--seconds N] [--runs N] [--exercise CMD] [--no-verify] [docker run options] [--] IMAGE [COMMAND...]  |  harden learn BASE --name NAME --bundle DIR [--runtime runc|crun] [-o FILE] [--seconds N] [--runs N] [--exercise CMD] [--no-verify]",
        options: [.profiles, .policy, engineOption, name, BrokerCommand.output, seconds, runs, exercise, noVerify, bundle, runtime, .help],
        details: """
        Runs IMAGE under BASE with two things relaxed and watched: a seccomp filter that allows only
        what every process start needs and has the kernel log every other call (BASE's denies stay
        refused), and a writable root. Everything else of BASE applies: user, capabilities,
        no-new-privileges, limits, carve-outs. The run lasts until the container exits, the
        exercise ends, or N seconds pass. Then harden writes NAME.json, a profile that extends BASE
        with the calls made (BASE's allow-list narrowed to them, grouped back into @groups where a
        whole group was used, the process-start minimum always kept), a tmpfs carve-out for each
        directory written (a volume for a data directory the image has), and the user given with
        --user. Each thing beyond BASE is named on stderr with why.

        Then the workload runs again under NAME, the way `harden run NAME` runs it, with the same
        exercise, and harden reports whether it ran the same way (exercise output and status; the
        exit status and output of a container that ended by itself). Exit 1 when it did not.

          --name NAME        the learned profile's name (required)
          -o, --output FILE  where to write it (default NAME.json; the file name must be NAME.json,
                             which is how harden finds a profile)
          --seconds N        the longest the workload is watched (default 30)
          --runs N           watch the workload N times (default 1); each run after the first
                             logs only the calls not seen yet, for a program that makes some
                             calls only sometimes (a race, a timer, a retry)
          --exercise CMD     run by sh on the host while the workload runs, with
                             HARDEN_LEARN_CONTAINER (its name) and HARDEN_LEARN_IP (its address):
                             e.g. 'curl -fsS http://$HARDEN_LEARN_IP/'. The run ends when it does.
          --no-verify        skip the second run
          --engine NAME      docker (default) or podman (rootful: the kernel log is the host's)
          --bundle DIR       learn from an OCI bundle (DIR/config.json and its rootfs) instead of
                             an image: runc runs a copy of the config with the learning filter and a
                             writable root on an overlay of the rootfs (DIR is left untouched); the
                             writes are the overlay's, the verifying run uses the config
                             `harden oci NAME` writes. Needs root (the overlay mount).
          --runtime NAME     runc (default) or crun, for --bundle

        Needs docker and the kernel's seccomp records: /dev/kmsg as root (kernel.printk_ratelimit
        is lifted while learning and put back), or auditd's log when auditd runs. Without either,
        the profile keeps BASE's filter and learns only the writes (said on stderr), and one probe
        run under BASE's filter, with errno 133 for the calls BASE does not allow, reports whether
        the workload ran the same way and which output lines name a refused call. The container
        is removed at the end, also on an error or an interrupt. What the run did not exercise is
        not learned: see docs/learn.md.
        """,
        run: { arguments, console throws(HardenError) in try LearnCommand.run(arguments, console: console) })

    struct Request {
        var base: String
        var name: String
        var output: String
        var seconds: Int
        var runs = 1
        var exercise: String?
        var verify: Bool
    }

    static func request(_ parsed: ParsedArguments) throws(HardenError) -> Request {
        guard let base = parsed.profile else { throw .input("missing the profile to learn from; usage: \(command.usage)") }
        guard let name = parsed.value("--name") else {
            throw .input("harden learn needs --name NAME, the learned profile's name; usage: \(command.usage)")
        }
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard allowed, name.first != "." else {
            throw .input("\(parsed.shown("--name")) is not a profile name; use letters, digits, '-', '_' and '.'")
        }
        guard name != base else { throw .input("\(parsed.shown("--name")) is the profile learned from; give the learned one a name of its own") }
        var seconds = 30
        if let text = parsed.value("--seconds") {
            guard let value = Int(text), value >= 1, value <= 86_400 else {
                throw .input("\(parsed.shown("--seconds")) is not a number of seconds; use a whole number from 1 to 86400")
            }
            seconds = value
        }
        let output = parsed.value("--output") ?? "\(name).json"
        guard PathText.lastComponent(output) == "\(name).json" else {
            throw .input("\(parsed.shown("--output")) must name a file \(name).json: harden finds a profile by its file name; use -o DIR/\(name).json")
        }
        var runs = 1
        if let text = parsed.value("--runs") {
            guard let value = Int(text), value >= 1, value <= 20 else {
                throw .input("\(parsed.shown("--runs")) is not a number of runs; use a whole number from 1 to 20")
            }
            runs = value
        }
        return Request(base: base, name: name, output: output, seconds: seconds, runs: runs, exercise: parsed.value("--exercise"), verify: !parsed.has("--no-verify"))
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command, grammar: .profileThenDocker).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let request = try request(parsed)
        let say: (String) -> Void = { console.err("harden learn: \($0)\n") }
        if let bundle = parsed.value("--bundle") {
            return try LearnBundle.run(request, bundle: bundle, parsed: parsed, options: options, console: console, say: say)
        }
        if parsed.has("--runtime") { throw .input("\(parsed.shown("--runtime")) chooses the runtime of a bundle; give --bundle DIR with it, or --engine for a container") }

        let session = Session(options: options, console: console)
        let numbering = Session.numbering(origins: parsed.dockerOrigins, total: arguments.count)
        let (resolved, plan) = try session.plan(profile: request.base, docker: parsed.docker, argumentNumber: numbering)
        guard plan.seccomp == .engineDefault else {
            throw .input("harden learn loads a learning filter of its own; leave out --security-opt seccomp=...")
        }
        let engine = options.engine ?? "docker"
        guard ["docker", "podman"].contains(PathText.lastComponent(engine)) else {
            throw .input("\(parsed.shown("--engine")) cannot learn: harden learn reads docker's and podman's diff and inspect; use --engine docker or --engine podman")
        }
        let docker = LearnDocker(executable: try Launcher.locate(engine, path: console.environment["PATH"]), environment: console.environment)

        let signal = LearnSteps.signal(environment: console.environment, base: request.base, say: say)
        defer { signal.rateLimit.restore() }

        LearnSignals.install()
        let started = LearnWatch.timestamp()
        var observations = LearnObservations(base: request.base, baseProfile: resolved.profile, name: request.name, image: plan.image,
                                             started: started, seconds: 0)
        observations.command = plan.command
        observations.exercise = request.exercise
        observations.sawSyscalls = signal.haveLog
        observations.architecture = .host
        if let user = plan.user, user != resolved.profile.user { observations.user = user }
        let reference = try LearnSteps.observe(&observations, runs: request.runs, signal: signal, say: say) { number, known, source, observations throws(HardenError) in
            try learnPass(number, plan: plan, base: resolved.profile, known: known, request: request, docker: docker,
                          source: source, console: console, observations: &observations, say: say)
        }
        try LearnSteps.probe(&observations, reference: reference, noNewPrivileges: plan.noNewPrivileges, say: say) { filter throws(HardenError) in
            try probePass(filter, plan: plan, request: request, docker: docker, console: console, say: say)
        }
        try LearnSteps.write(observations, output: request.output, noNewPrivileges: plan.noNewPrivileges, console: console, say: say)
        guard request.verify else { return 0 }
        return try verify(request, parsed: parsed, total: arguments.count, options: options, console: console, docker: docker, first: reference, say: say)
    }

    /// One learning run: the workload under the learning filter with a writable root, watched; its
    /// records and writes added to `observations`.
    static func learnPass(
        _ pass: Int, plan: LaunchPlan, base: Profile, known: Set<String>, request: Request, docker: LearnDocker,
        source: SeccompLogSource?, console: Console, observations: inout LearnObservations, say: (String) -> Void
    ) throws(HardenError) -> LearnWatch.Outcome {
        let container = "harden-learn-\(request.name)-\(getpid())-\(pass)"
        var learning = watched(plan, container: container)
        learning.seccompPolicy = ProfileLearner.learningPolicy(base: base, known: known)
        try RunCommand.applySeccomp(to: &learning, engine: docker.engine, console: console)
        let argv = try DockerArguments.emitChecked(learning, engine: docker.engine)
        defer { docker.remove(container) }
        source?.start()
        let id = try docker.checked(argv, timeout: 300)
        let logged = known.isEmpty ? "every call logged" : "calls not seen before logged"
        say("pass \(pass): watching \(plan.image) as \(container) under \(request.base) (writable root, \(logged)) for at most \(request.seconds)s"
            + (source.map { "; seccomp records from \($0.shown)" } ?? ""))
        var records: ContainerRecords? = ContainerRecords(containerID: id)
        let watch = LearnWatch(engine: docker, container: container, seconds: request.seconds, exercise: request.exercise, environment: console.environment)
        let outcome = watch.watch(records: &records, source: source)
        if outcome.interrupted { throw HardenError.input("interrupted; the container \(container) was removed and no profile written") }
        observations.writes = try RootWrites.parse(try docker.checked(["diff", container]), source: "docker diff \(container)")
        observations.records += records?.records ?? []
        observations.mounted = learning.tmpfs.map(\.target) + learning.mounts.map(\.target) + (learning.secrets.isEmpty ? [] : [LaunchPlan.Secret.directory])
        for directory in observations.writes.directories(mounted: observations.mounted) where directory != "/" {
            observations.sizes[directory] = max(observations.sizes[directory] ?? 0, docker.size(container, directory))
        }
        report(outcome, records: records, source: source, say: say)
        return outcome
    }

    /// The plan a watched run starts: named, detached, kept until read, never restarted, with a
    /// writable root (the learning run's writes are what is learned; the probe differs from it in
    /// the filter alone).
    static func watched(_ plan: LaunchPlan, container: String) -> LaunchPlan {
        var watched = plan
        watched.readOnlyRootFilesystem = false
        watched.process.name = container
        watched.engine.detach = true
        watched.engine.autoRemove = false
        watched.restart = nil
        return watched
    }

    /// The probe run (ErrnoProbe): the workload under FILTER, as a learning pass runs it.
    static func probePass(_ filter: SeccompFilter, plan: LaunchPlan, request: Request, docker: LearnDocker, console: Console,
                          say: (String) -> Void) throws(HardenError) -> LearnWatch.Outcome {
        let container = "harden-learn-\(request.name)-probe-\(getpid())"
        var probing = watched(plan, container: container)
        let file = (console.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/\(container).seccomp.json"
        do {
            try AtomicFile.write(SeccompJSON.text(filter, format: .docker), to: file, mode: 0o600)
        } catch {
            throw .input("\(file): \(error.description); set TMPDIR to a writable directory")
        }
        defer { unlink(file) }
        probing.seccompPolicy = nil
        probing.seccomp = .file(file)
        let argv = try DockerArguments.emitChecked(probing, engine: docker.engine)
        defer { docker.remove(container) }
        _ = try docker.checked(argv, timeout: 300)
        say("probe: watching \(plan.image) as \(container) under \(request.base)'s filter (writable root) for at most \(request.seconds)s")
        var none: ContainerRecords?
        let outcome = LearnWatch(engine: docker, container: container, seconds: request.seconds, exercise: request.exercise, environment: console.environment)
            .watch(records: &none, source: nil)
        if outcome.interrupted { throw HardenError.input("interrupted; the container \(container) was removed and no profile written") }
        report(outcome, records: nil, source: nil, say: say)
        return outcome
    }

    static func report(_ outcome: LearnWatch.Outcome, records: ContainerRecords?, source: SeccompLogSource?, say: (String) -> Void) {
        var ended = outcome.exitStatus.map { "the container exited with status \($0)" } ?? "the container was still running (stopped)"
        if let status = outcome.exerciseStatus { ended += "; the exercise exited with status \(status)" + (outcome.exerciseTimedOut ? " (stopped at the time limit)" : "") }
        say("watched \(outcome.seconds)s: \(ended)")
        guard source != nil, let records else { return }
        var line = "\(records.records.count) seccomp records of the container"
        if records.others > 0 { line += ", \(records.others) of other processes left out" }
        if records.unattributed > 0 { line += "; \(records.unattributed) process\(records.unattributed == 1 ? "" : "es") ended before \(records.unattributed == 1 ? "its" : "their") cgroup could be read (counted as the container's)" }
        say(line)
    }

    /// Runs the workload under the learned profile through `harden run`'s path and compares.
    static func verify(_ request: Request, parsed: ParsedArguments, total: Int, options: HardenOptions, console: Console, docker: LearnDocker,
                       first: LearnWatch.Outcome, say: (String) -> Void) throws(HardenError) -> Int32 {
        var options = options
        options.profileDirectories = [directory(of: request.output, console: console)] + options.profileDirectories
        let session = Session(options: options, console: console)
        let (resolved, planned) = try session.plan(profile: request.name, docker: parsed.docker,
                                                argumentNumber: Session.numbering(origins: parsed.dockerOrigins, total: total))
        var plan = planned
        let container = "harden-learn-\(request.name)-verify-\(getpid())"
        plan.process.name = container
        plan.engine.detach = true
        plan.engine.autoRemove = false
        plan.restart = nil
        try RunCommand.applySeccomp(to: &plan, engine: docker.engine, console: console)
        let argv = try DockerArguments.emitChecked(plan, engine: docker.engine)
        let volumes = resolved.profile.volumes.compactMap(\.source).filter { !docker.volumeExists($0) }
        let outcome: LearnWatch.Outcome
        do {
            defer {
                docker.remove(container)
                for volume in volumes { _ = docker.run(["volume", "rm", volume]) }
            }
            _ = try docker.checked(argv, timeout: 300)
            say("verifying: the same workload under \(request.name), as harden run \(request.name) runs it")
            var none: ContainerRecords?
            outcome = LearnWatch(engine: docker, container: container, seconds: request.seconds, exercise: request.exercise, environment: console.environment)
                .watch(records: &none, source: nil)
            if outcome.interrupted { throw HardenError.input("interrupted; the container \(container) was removed") }
        }
        return compare(first, outcome, request: request, console: console, say: say)
    }

    /// The directory the learned profile is written to, where the verifying run looks for it first.
    static func directory(of output: String, console: Console) -> String {
        guard let slash = output.lastIndex(of: "/") else { return console.currentDirectory }
        let directory = String(output[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The verification's verdict on stdout, exit 0 when the workload ran the same way.
    static func compare(_ first: LearnWatch.Outcome, _ outcome: LearnWatch.Outcome, request: Request, console: Console, say: (String) -> Void) -> Int32 {
        let differences = LearnWatch.differences(first, outcome)
        if differences.isEmpty {
            let what = request.exercise != nil ? "same exercise output and status (\(outcome.exerciseStatus ?? 0))" : "same result"
            let exit = outcome.exitStatus.map { ", same exit status (\($0))" } ?? ", still running when stopped, as before"
            console.out("harden learn: \(request.name) verified: \(what)\(exit)\n")
            return 0
        }
        console.out("harden learn: \(request.name) did not run the same way: \(differences.joined(separator: "; ")); widen it (docs/learn.md) or learn with a longer --exercise\n")
        for line in outcome.tail { say("  log| \(line)") }
        return 1
    }
}
