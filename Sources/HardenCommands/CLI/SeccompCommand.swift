import HardenFormats
import HardenModel
/// `harden seccomp PROFILE [--format docker|oci] [--arch ARCH] [--stats]` and `harden seccomp --groups`
enum SeccompCommand {
    static let command = HardenCLI.Command(
        name: "seccomp",
        summary: "print the seccomp filter a profile generates, or how it compares with Docker's",
        usage: "harden seccomp [--profiles DIR]... PROFILE [--format docker|oci] [--arch x86_64|aarch64] [--stats]  |  harden seccomp --groups",
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

    /// Takes this command's own options out of `arguments`, wherever they stand.
    static func extract(_ arguments: [String]) throws(HardenError) -> (Options, [String]) {
        var options = Options()
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            switch name {
            case "--stats": options.stats = true
            case "--groups": options.groups = true
            case "--format", "--arch":
                let value: String
                if argument.contains("=") {
                    value = String(argument.dropFirst(name.count + 1))
                } else {
                    guard index + 1 < arguments.count else { throw .input("\(name) needs a value (argument \(index + 2)); usage: \(command.usage)") }
                    index += 1
                    value = arguments[index]
                }
                if name == "--format" {
                    guard let format = SeccompJSON.Format(rawValue: value) else {
                        throw .input("--format \"\(value)\" (argument \(index + 2)) is not a seccomp format; use docker or oci")
                    }
                    options.format = format
                } else {
                    guard let architecture = SeccompArchitecture.named(value) else {
                        throw .input("--arch \"\(value)\" (argument \(index + 2)) is not an architecture harden writes filters for; use x86_64 or aarch64")
                    }
                    options.architecture = architecture
                }
            default: rest.append(argument)
            }
            index += 1
        }
        return (options, rest)
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let (options, remaining) = try extract(arguments)
        let (hardenOptions, profileName, rest) = try HardenOptions.split(remaining, needsProfile: false)
        if hardenOptions.help { console.out(HelpCommand.text(for: command)); return 0 }
        try hardenOptions.refuseSecrets("seccomp")
        if options.groups {
            if let extra = profileName ?? rest.first { throw .input("--groups takes no profile (found \(extra)); usage: \(command.usage)") }
            console.out(groupList(architecture: options.architecture))
            return 0
        }
        guard let profileName else { throw .input("missing the profile name; usage: \(command.usage)") }
        guard rest.isEmpty else { throw .input("unexpected argument \(rest[0]) after the profile name; usage: \(command.usage)") }
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
