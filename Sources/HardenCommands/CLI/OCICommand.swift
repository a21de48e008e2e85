import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden oci [harden options] PROFILE [bundle options] [docker run options] -- COMMAND [ARGS...]`
enum OCICommand {
    static let command = HardenCLI.Command(
        name: "oci",
        summary: "write an OCI runtime config.json (runc, crun) hardened by a profile",
        usage: "harden oci [--profiles DIR]... [--policy FILE] [--secret NAME=FILE]... PROFILE [--rootfs DIR] [--hostname NAME] [--cwd DIR] [-e K=V]... [--rootless] [-o FILE | --bundle DIR] [docker run options] -- COMMAND [ARGS...]",
        options: [.profiles, .policy, .secret] + BundleFlags.options + [.help],
        details: """
        Compiles PROFILE plus your options into a complete runtime-spec config.json that runc and
        crun run as it is: user, every capability set, no-new-privileges, rlimits, read-only root,
        the kernel filesystems and the profile's tmpfs and bind carve-outs, private namespaces,
        memory, swap, CPU and pids limits, a device cgroup of the default nodes only, a seccomp
        filter, and masked and read-only /proc and /sys paths.

          --rootfs DIR       root.path (default rootfs, read from the bundle directory)
          --hostname NAME    the container's hostname (default: the profile's name)
          --cwd DIR          the working directory (also -w/--workdir; default /)
          --rootless         a config a non-root user can run: a user namespace mapping that user
                             (and their /etc/subuid range when there is one), no cgroup limits,
                             and a network namespace with loopback only (no network unless
                             --network host, or slirp4netns/pasta attached to the namespace)
          -o FILE            write the config to FILE instead of stdout
          --bundle DIR       write DIR/config.json (DIR is created if missing)
          --secret NAME=FILE bind FILE read-only (noexec) at /run/secrets/NAME; the config holds
                             the path, never the value

        Docker's options that mean something in a bundle are read as `harden run` reads them: -e,
        -u/--user, --group-add, --cap-add, --cap-drop, --read-only, --security-opt, --tmpfs,
        -v and --mount (host directories only), -m, --memory-swap, --memory-reservation, --cpus,
        --cpu-shares, --cpuset-cpus, --pids-limit, --shm-size, --ulimit, --sysctl, --oom-score-adj,
        --device-cgroup-rule, --pid/--ipc/--uts/--cgroupns/--network host or none, -t. The others
        (ports, restart, health checks, names, devices, ...) are refused with the reason.

        The launch is validated first, as `harden run` validates it: errors refuse it (exit 1).
        Limits the host cannot grant (an rlimit above its hard limit, swap without accounting,
        cgroups for a rootless runtime) are lowered or left out and named on stderr.
        An existing config.json is replaced atomically (written beside it, then renamed), so a
        runtime never reads half a file; runc spec refuses instead, harden regenerates.
        Run it with: runc run ID (from the bundle directory, or runc run --bundle DIR ID).
        A profile's restart policy is not in the config: runc and crun never restart a container,
        so have the supervisor that starts runc do it (systemd Restart=on-failure).
        """,
        run: { arguments, console throws(HardenError) in try OCICommand.run(arguments, console: console) })

    struct BundleFlags {
        var rootfs: String?
        var cwd: String?
        var rootless = false
        var output: String?
        var bundle: String?

        static let options: [CommandOption] = [
            CommandOption("--rootfs", value: "DIR", placement: .afterProfile),
            CommandOption("--cwd", value: "DIR", placement: .afterProfile),
            CommandOption("--rootless", placement: .afterProfile),
            CommandOption("--output", short: "o", value: "FILE", placement: .afterProfile),
            CommandOption("--bundle", value: "DIR", placement: .afterProfile),
        ]

        init(_ parsed: ParsedArguments) throws(HardenError) {
            rootfs = parsed.value("--rootfs")
            cwd = parsed.value("--cwd")
            rootless = parsed.has("--rootless")
            output = parsed.value("--output")
            bundle = parsed.value("--bundle")
            if output != nil, bundle != nil {
                throw .input("-o and --bundle both name where the config goes; give one: -o FILE, or --bundle DIR for DIR/config.json")
            }
        }
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command, grammar: .profileThenDocker).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        guard let profile = parsed.profile else { throw .input("missing the profile name; usage: \(command.usage)") }
        let flags = try BundleFlags(parsed)
        let docker = parsed.docker
        let number = Session.numbering(origins: parsed.dockerOrigins, total: arguments.count)

        // Refused before the plan is built, so a meaningless option is named at its own position
        // rather than judged by rules written for an engine.
        if let parsed = try? DockerRunParser.parse(docker, requireImage: false) {
            for option in parsed.options {
                if let reason = OCIDockerOptions.refusal(option.name) {
                    throw .input("--\(option.name) (argument \(number(option.position))): \(reason)")
                }
            }
        }
        let session = Session(options: options, console: console)
        // The docker parser reads the command's first word as an image; a bundle has none, and the
        // conversion runs image and command as one argument vector.
        // A rootless bundle maps the process's ids onto the caller's subordinate ids, which only the
        // conversion knows; who can read a secret is judged once they are known.
        let deferred: Set<String> = flags.rootless ? ["secret-unreadable"] : []
        var (_, plan) = try session.plan(profile: profile, docker: docker, requireImage: false, skipping: deferred, argumentNumber: number)
        plan.environment = plan.environment.compactMap { entry in
            entry.contains("=") ? entry : console.environment[entry].map { "\(entry)=\($0)" }
        }

        let host = OCIHostReader.live(environment: console.environment)
        var bundle = OCIBundleOptions()
        bundle.rootfs = flags.rootfs ?? "rootfs"
        bundle.rootless = flags.rootless
        bundle.cwd = flags.cwd
        bundle.currentDirectory = console.currentDirectory
        let bundleDirectory = try destinationDirectory(flags, console: console)
        let rootfs = bundle.rootfs.hasPrefix("/") ? bundle.rootfs : bundleDirectory + "/" + bundle.rootfs
        bundle.users = UserDatabase(passwd: OCIHostReader.read(rootfs + "/etc/passwd"), group: OCIHostReader.read(rootfs + "/etc/group"),
                                    source: rootfs)
        if case .file(let path) = plan.seccomp {
            let absolute = path.hasPrefix("/") ? path : console.currentDirectory + "/" + path
            let node: JSONNode
            do { node = try JSONParser.parse(try AuditInput.text(of: absolute, currentDirectory: console.currentDirectory)) } catch let error as HardenError {
                throw .input("--security-opt seccomp=\(path): \(error.message)")
            } catch {
                throw .input("--security-opt seccomp=\(path): not JSON (\(error)); give a seccomp profile in Docker's or the runtime spec's format")
            }
            bundle.seccompFile = try OCISeccomp.convert(node, file: path, architecture: host.architecture, capabilities: plan.capabilities)
        }
        if flags.rootless, host.user.uid == 0 {
            console.warn("--rootless as root maps the container's root to the host's root; run harden oci --rootless as the user who will run runc")
        }

        let output = try OCIConfig.convert(plan, profile: profile, bundle: bundle, host: host)
        for note in output.notes { console.warn(note) }
        if flags.rootless, !plan.secrets.isEmpty { try checkRootlessSecrets(plan, spec: output.spec, session: session, profile: profile) }
        let text = output.spec.text
        try refuseHardFindings(inWritten: text, session: session, profile: profile)
        guard let file = flags.bundle.map({ $0 + "/config.json" }) ?? flags.output else {
            console.out(text)
            return 0
        }
        if !FileManager.default.fileExists(atPath: rootfs) {
            console.warn("the root filesystem \(rootfs) does not exist yet; unpack one there before runc run (docker export $(docker create IMAGE) | tar -x -C \(rootfs))")
        }
        let target = absolute(file, console: console)
        do {
            try AtomicFile.write(text, to: target)
        } catch {
            throw .input("\(target): \(error.description); \(error.advice); the previous file, if any, is unchanged")
        }
        return 0
    }

    /// The hard rules once more, on the config as runc will read it: runc applies no AppArmor
    /// profile where docker would apply docker-default, so a launch that docker's walls keep short of
    /// privileged (every capability under a policy that allows it) can add up to privileged here.
    /// What is written is what was judged.
    static func refuseHardFindings(inWritten text: String, session: Session, profile: String) throws(HardenError) {
        let launch = try OCIConfigReader.read(try StrictReader.parse(text, file: "config.json"), file: "config.json")
        let soft = Set(RuleTable.all.filter { !$0.hard }.map(\.id))
        let findings = try session.validator().findings(for: launch.plan, sources: launch.sources, profile: profile, skipping: soft)
        if findings.rejects { throw .rejected("refusing to write: as runc reads the config, " + Session.describe(findings.filter(\.rejects))) }
    }

    /// The secret-unreadable rule with the ids the rootless transform chose: the process's user and
    /// the mappings that put it on the host.
    static func checkRootlessSecrets(_ plan: LaunchPlan, spec: OCISpec, session: Session, profile: String) throws(HardenError) {
        var mapped = plan
        mapped.user = "\(spec.process.user.uid):\(spec.process.user.gid)"
        mapped.uidMappings = spec.linux.uidMappings.map { .init(containerID: $0.containerID, hostID: $0.hostID, size: $0.size) }
        mapped.gidMappings = spec.linux.gidMappings.map { .init(containerID: $0.containerID, hostID: $0.hostID, size: $0.size) }
        let others = Set(RuleTable.ids).subtracting(["secret-unreadable"])
        var sources = PlanSources()
        for secret in plan.secrets { sources[.secret(secret.name)] = SourcePosition(context: "--secret \(secret.name)") }
        let findings = try session.validator().findings(for: mapped, sources: sources, profile: profile, skipping: others)
        if findings.rejects { throw .rejected("refusing to run: " + Session.describe(findings.filter(\.rejects))) }
        for finding in findings where finding.exception == nil { session.console.warn(Session.describe([finding])) }
    }

    /// The bundle directory, created for --bundle; a relative rootfs is read from it, as runc reads it.
    static func destinationDirectory(_ flags: BundleFlags, console: Console) throws(HardenError) -> String {
        if let bundle = flags.bundle {
            let directory = absolute(bundle, console: console)
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .input("--bundle \(bundle): cannot create the directory (\(SystemError.describe(error))); choose a writable place")
            }
            return directory
        }
        if let output = flags.output { return PathText.deletingLastComponent(absolute(output, console: console)) }
        return console.currentDirectory
    }

    static func absolute(_ path: String, console: Console) -> String {
        path.hasPrefix("/") ? path : console.currentDirectory + "/" + path
    }
}
