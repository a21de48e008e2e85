import HardenFormats
import HardenModel
/// `harden seccomp PROFILE [--format docker|oci] [--arch ARCH] [--stats]` and `harden seccomp --groups`
enum SeccompCommand {
    static let command = HardenCLI.Command(
        name: "seccomp",
        summary: "print the seccomp filter a profile generates, or how it compares with Docker's",
        usage: "harden seccomp [--profiles DIR]... PROFILE [--format docker|oci] [--arch x86_64|aarch64] [--stats]  |  harden seccomp --groups",
        options: [
            .profiles, .format("docker|oci"), CommandOption("--arch", value: "x86_64|aarch64"), CommandOption("--stats"),
            CommandOption("--groups"), .help,
        ],
        details: """
        Expands the profile's seccomp section (allowed and denied syscall names and @groups; deny
        wins) into a filter and prints it as JSON:

          --format docker   (default) for docker/podman run --security-opt seccomp=FILE and CRI-O;
                            one file for x86_64 and aarch64 hosts alike
          --format oci      the runtime spec's linux.seccomp, for runc/crun config.json and for a
                            Kubernetes Localhost profile under containerd; one architecture
          --arch ARCH       the architecture of --format oci and --stats (default: this machine's)
          --stats           how many syscalls the filter allows next to Docker's default, and what
                            it removes from Docker's list, by group
          --groups          list the syscall groups profiles may name

        Every filter refuses new namespaces in clone's flags, answers clone3 with ENOSYS (so libc
        falls back to clone), allows only harmless personality values, and lets socket() open only
        the profile's socketFamilies (default inet, inet6, netlink, unix).
        `harden run` writes the docker filter to $XDG_CACHE_HOME/harden/seccomp/SHA256.json
        (or ~/.cache/..., or $TMPDIR/harden-UID/...) and passes --security-opt seccomp=FILE.
        """,
        run: { arguments, console throws(HardenError) in try SeccompCommand.run(arguments, console: console) })

    struct Options: Equatable {
        var format: SeccompJSON.Format = .docker
        var architecture: SeccompArchitecture = .host
        var stats = false
        var groups = false
    }

    /// This command's own options, their values checked.
    static func options(_ parsed: ParsedArguments) throws(HardenError) -> Options {
        var options = Options()
        options.stats = parsed.has("--stats")
        options.groups = parsed.has("--groups")
        if let value = parsed.value("--format") {
            guard let format = SeccompJSON.Format(rawValue: value) else {
                throw .input("\(parsed.shown("--format")) is not a seccomp format; use docker or oci")
            }
            options.format = format
        }
        if let value = parsed.value("--arch") {
            guard let architecture = SeccompArchitecture.named(value) else {
                throw .input("\(parsed.shown("--arch")) is not an architecture harden writes filters for; use x86_64 or aarch64")
            }
            options.architecture = architecture
        }
        return options
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let hardenOptions = try HardenOptions(parsed)
        if hardenOptions.help { console.out(HelpCommand.text(for: command)); return 0 }
        let options = try options(parsed)
        let operands = parsed.allOperands
        if options.groups {
            if let extra = operands.first?.word { throw .input("--groups takes no profile (found \(extra)); usage: \(command.usage)") }
            console.out(groupList(architecture: options.architecture))
            return 0
        }
        guard let profileName = operands.first?.word else { throw .input("missing the profile name; usage: \(command.usage)") }
        if operands.count > 1 {
            throw .input("unexpected argument \(operands[1].word) (argument \(operands[1].argument)) after the profile name; usage: \(command.usage)")
        }
        let profile = try Session(options: hardenOptions, console: console).repository.resolve(profileName).profile
        guard let policy = profile.seccomp else {
            throw .input("profile \(profile.name) has no seccomp section, so harden generates no filter for it; add \"seccomp\": {\"allow\": [\"@system-service\"]} (see `harden seccomp --groups`)")
        }
        let filter = SeccompGenerator.filter(for: policy, noNewPrivileges: profile.noNewPrivileges ?? false)
        if options.stats {
            console.out(SeccompStats(filter, architecture: options.architecture).render(profile: profile.name))
        } else {
            console.out(SeccompJSON.text(filter, format: options.format, architecture: options.architecture))
        }
        return 0
    }

    static func groupList(architecture: SeccompArchitecture) -> String {
        var text = "syscall groups (counts: names with a number on \(architecture.rawValue))\n"
        for group in SyscallCatalogue.all {
            let count = SyscallCatalogue.names(in: group.name).filter { Syscalls.isNative($0, on: architecture) }.count
            text += "\n\(group.name) (\(count)): \(group.summary)\n"
            text += wrap(group.members, indent: "    ")
        }
        return text
    }

    private static func wrap(_ words: [String], indent: String, width: Int = 100) -> String {
        var text = ""
        var line = indent
        for word in words {
            if line.count + word.count + 1 > width, line != indent {
                text += line + "\n"
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        return text + line + "\n"
    }
}
