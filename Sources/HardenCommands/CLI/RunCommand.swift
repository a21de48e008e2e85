import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden run [harden options] PROFILE [docker run options] [--] IMAGE [COMMAND...]`
enum RunCommand {
    static let command = HardenCLI.Command(
        name: "run",
        summary: "run a container hardened by a profile (execs docker, podman or nerdctl)",
        usage: "harden run [--profiles DIR]... [--policy FILE] [--engine docker|podman|nerdctl] [--dry-run] [--secret NAME=FILE]... [--docker-api SECTIONS[:write] --name NAME [--broker-image IMAGE] [--broker-config FILE] [--socket PATH] [--socket-group GID]] PROFILE [docker run options] [--] IMAGE [COMMAND...]",
        options: [.profiles, .policy, .engine, .dryRun, .secret, .help] + RunDockerAPI.options,
        details: """
        Compiles PROFILE plus your docker run options into a `docker run` command and replaces
        itself with the engine (no shell), so the TTY, signals and exit status pass straight through.

        Options after PROFILE are docker run's own. Some extend the profile (-p, -v, --mount, -e,
        --env-file, --tmpfs, --name, -d, -i, -t, --rm, --label, -w, --entrypoint, ...); others replace
        the profile's value (--user, -m, --memory-swap, --cpus, --pids-limit, --read-only=false,
        --security-opt, --ulimit NAME=..., --restart). --cap-add and --cap-drop act on the profile's
        capability set the way Docker's act on its default set. A port published without an address
        binds to the profile's address (127.0.0.1 unless the profile says otherwise). A -v, --mount
        or --tmpfs on a profile carve-out's target replaces the carve-out with your options, and
        every tmpfs that names no owner belongs to the final user (docs/volumes.md); a new named
        volume that user could not write is named before the engine starts.

          --dry-run          print the command, shell-quoted, instead of running it
          --engine NAME      docker (default), podman or nerdctl; also HARDEN_ENGINE
          --profiles DIR     look for profiles in DIR first (repeatable)

          --policy FILE      the team policy (default: policy.json in the first profile
                             directory that has one)
          --secret NAME=FILE mount FILE read-only at /run/secrets/NAME (repeatable); the value
                             is never read, and FILE must be readable by the profile's user

        --docker-api SECTIONS[:write] gives the container the Docker API through a broker instead
        of the socket (see `harden broker`): the network NAME-docker-api is created --internal if
        missing, the broker NAME-docker-api started on it, then the container (--name NAME is
        required) on that network only, with DOCKER_HOST=tcp://NAME-docker-api:2375 and any socket
        mount taken away. --broker-image IMAGE (default: the policy's broker.image),
        --broker-config FILE (default: ./NAME-docker-api.cfg), --socket PATH and --socket-group GID
        are `harden broker`'s. With --dry-run all three steps are printed.

        The profile's seccomp section becomes a filter (see `harden seccomp`), written to
        $XDG_CACHE_HOME/harden/seccomp/SHA256.json (then ~/.cache, then $TMPDIR/harden-UID) and passed
        as --security-opt seccomp=FILE; your own --security-opt seccomp=... replaces it.

        Before anything runs, the launch is validated (`harden rules` lists the rules): errors
        refuse it with exit 1, warnings are printed and the launch goes ahead. --privileged and
        mounts of a container runtime socket (docker.sock, containerd.sock, podman.sock, ...) are
        refused whatever a profile or policy says.
        Exit status: the engine's; 2 for bad input, 1 for a refused launch.
        """,
        run: { arguments, console throws(HardenError) in try RunCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command, grammar: .profileThenDocker).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        guard let profile = parsed.profile else {
            throw .input("missing the profile name; usage: harden run [harden options] PROFILE [docker run options] [--] IMAGE [COMMAND...]")
        }
        let session = Session(options: options, console: console)
        var broker: RunDockerAPI.Broker?
        var (_, plan) = try session.plan(
            profile: profile, docker: parsed.docker, argumentNumber: Session.numbering(origins: parsed.dockerOrigins, total: arguments.count),
            adjust: { (plan: inout LaunchPlan) throws(HardenError) in broker = try RunDockerAPI.prepare(parsed, plan: &plan, session: session, console: console) })
        if let broker { try RunDockerAPI.check(broker, session: session, console: console) }
        let engine = options.engine ?? console.environment["HARDEN_ENGINE"].flatMap { $0.isEmpty ? nil : $0 } ?? "docker"
        if options.engine == nil { try HardenOptions.checkEngine(engine, shown: "HARDEN_ENGINE=\"\(engine)\"") }
        try applySeccomp(to: &plan, engine: engine, console: console)
        for warning in DockerArguments.fidelityWarnings(plan, engine: engine) { console.warn(warning) }
        let arguments = try DockerArguments.emitChecked(plan, engine: engine)
        if options.dryRun {
            console.out((try broker.map { (broker) throws(HardenError) in try RunDockerAPI.lines(broker, engine: engine) } ?? "") + ShellQuote.join([engine] + arguments) + "\n")
            return 0
        }
        let executable = try Launcher.locate(engine, path: console.environment["PATH"])
        if let broker { try RunDockerAPI.start(broker, engine: executable, console: console) }
        if let pointer = EngineReachability.pointer(engine: engine, environment: console.environment, exists: { FileStatus.of($0) != nil }) {
            console.warn(pointer)
        } else {
            for warning in ImagePathProbe.warnings(plan, engine: executable, environment: console.environment) { console.warn(warning) }
        }
        try Launcher.exec(executable, arguments: arguments)
    }

    /// Generates the profile's filter into the cache and points the engine at it, unless the user
    /// chose a seccomp profile of their own. Written even for --dry-run, so the printed command runs.
    static func applySeccomp(to plan: inout LaunchPlan, engine: String, console: Console) throws(HardenError) {
        guard let policy = plan.seccompPolicy, plan.seccomp == .engineDefault else {
            if plan.seccompPolicy != nil {
                let chosen = plan.seccomp == .unconfined ? "unconfined" : "your file"
                console.warn("--security-opt seccomp=\(chosen) replaces the filter the profile generates; `harden seccomp PROFILE` prints that filter")
            }
            return
        }
        // nerdctl reads the file as the OCI runtime spec's linux.seccomp (containerd's loader),
        // which has no per-architecture rules; docker and podman read Docker's format.
        let nerdctl = PathText.lastComponent(engine) == "nerdctl"
        if !plan.noNewPrivileges {
            console.warn("no-new-privileges is off, so the runtime loads the seccomp filter before it drops privileges, and the filter must also allow \(SeccompGenerator.runtimeHandoff.filter { !$0.hasSuffix("32") }.joined(separator: ", ")); keep no-new-privileges on to refuse them")
        }
        let format: SeccompJSON.Format = nerdctl ? .oci : .docker
        let noNewPrivileges = plan.noNewPrivileges
        let key = SeccompCache.inputKey(policy, noNewPrivileges: noNewPrivileges, format: format)
        plan.seccomp = .file(try SeccompCache.store(key: key, environment: console.environment) {
            SeccompJSON.text(SeccompGenerator.filter(for: policy, noNewPrivileges: noNewPrivileges), format: format)
        })
    }
}
