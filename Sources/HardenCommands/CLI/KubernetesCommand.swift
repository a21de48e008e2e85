import HardenFormats
import HardenModel
/// `harden k8s [harden options] PROFILE --name NAME [docker run options] [--] IMAGE [COMMAND...]`
enum KubernetesCommand {
    static let command = HardenCLI.Command(
        name: "k8s",
        summary: "print a Kubernetes Pod or Deployment hardened by a profile",
        usage: "harden k8s [--profiles DIR]... [--policy FILE] [--secret NAME=FILE]... PROFILE --name NAME [--kind pod|deployment] [--namespace NS] [--seccomp runtime-default|localhost] [--seccomp-dir DIR] [--format yaml|json] [-o FILE] [docker run options] [--] IMAGE [COMMAND...]",
        options: [
            .profiles, .policy, .secret, CommandOption("--kind", value: "pod|deployment"), CommandOption("--namespace", value: "NS"),
            CommandOption("--seccomp", value: "runtime-default|localhost"), CommandOption("--seccomp-dir", value: "DIR"), .format("yaml|json"), .output, .help,
        ],
        details: """
        Compiles PROFILE plus your docker run options into the same launch `harden run` would make,
        validates it the same way, and prints it as a Pod (or a Deployment) at the Pod Security
        Standards restricted level: runAsNonRoot with the profile's runAsUser/runAsGroup,
        allowPrivilegeEscalation false, capabilities drop ALL (adding only what the profile keeps),
        seccompProfile RuntimeDefault, readOnlyRootFilesystem, a medium: Memory emptyDir with a
        sizeLimit for each tmpfs, limits with equal requests, automountServiceAccountToken false,
        and no host namespaces. docker's --name names the workload and its container.

          --name NAME        the workload's name (required; a DNS-1123 name)
          --kind KIND        pod (default) or deployment
          --namespace NS     metadata.namespace (default: none, so kubectl's current namespace)
          --seccomp CHOICE   runtime-default (default), or localhost for harden's generated
                             profile, written to --seccomp-dir (default ./seccomp) for you to
                             install on the nodes
          --format json      the same object in JSON (kubectl's -o yaml and -o json are --format here)
          -o, --output FILE  write it to FILE instead of stdout, replacing FILE atomically
          --secret NAME=FILE a key NAME of Secret NAME-secrets (the workload's name), mounted
                             read-only at /run/secrets; the YAML names the Secret and holds no
                             value, and stderr prints the kubectl create secret command for it

        Settings Kubernetes cannot express (a pids limit, ulimits, tmpfs mount options, a publish
        address) and anything below restricted are named on stderr with what to do instead.
        A compose project, every service at once: harden k8s --from compose.yaml (harden k8s
        --from FILE --help).
        Exit status: 0 printed, 1 refused by validation, 2 bad input.
        """,
        run: { arguments, console throws(HardenError) in try KubernetesCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        if ComposeFromCommand.isFrom(arguments) { return try KubernetesFromCommand.run(arguments, console: console) }
        let parsed = try ArgumentCursor(command, grammar: .profileThenDocker).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        guard let profile = parsed.profile else { throw .input("missing the profile name; usage: \(command.usage)") }
        let docker = parsed.docker
        let format = try ComposeCommand.outputFormat(parsed)
        let output = try OutputFile.destination(parsed, command: "k8s")
        let kindName = parsed.value("--kind") ?? "pod"
        guard let kind = Kubernetes.Workload.Kind(rawValue: kindName) else {
            throw .input("\(parsed.shown("--kind")) is not a workload harden writes; use pod or deployment")
        }
        let seccompName = parsed.value("--seccomp") ?? KubernetesConversion.SeccompChoice.runtimeDefault.rawValue
        guard let seccompChoice = KubernetesConversion.SeccompChoice(rawValue: seccompName) else {
            throw .input("\(parsed.shown("--seccomp")) is not a choice; use runtime-default or localhost")
        }
        let namespace = parsed.value("--namespace")
        if let namespace, KubernetesQuantity.label(namespace) != namespace {
            throw .input("\(parsed.shown("--namespace")) is not a namespace name; use lower-case letters, digits and '-' (at most 63)")
        }
        let workload = kind == .pod ? "Pod" : "Deployment"
        let name = try workloadName(docker, workload: workload)
        let session = Session(options: options, console: console)
        let (_, plan) = try session.plan(
            profile: profile, docker: docker, argumentNumber: Session.numbering(origins: parsed.dockerOrigins, total: arguments.count),
            refusal: "refusing to write the \(workload)")
        var conversion = KubernetesConversion.Options(name: name)
        conversion.kind = kind
        conversion.namespace = namespace
        conversion.seccomp = seccompChoice
        let directory = parsed.value("--seccomp-dir") ?? GeneratedSeccomp.defaultDirectory
        if seccompChoice == .localhost {
            let seccomp = GeneratedSeccomp.forPlan(plan, profile: profile, directory: directory)
            if let note = seccomp.note { console.warn(note) }
            conversion.generatedSeccomp = seccomp.profile
        }
        let result = KubernetesConversion.convert(plan, options: conversion)
        for note in result.notes { console.warn(note) }
        try conversion.generatedSeccomp?.write(currentDirectory: console.currentDirectory)
        try OutputFile.write(format == "json" ? JSONWriter.pretty(result.workload.json) : result.workload.yaml, to: output, console: console)
        return 0
    }

    /// docker's `--name`, checked before the launch is validated so that a usage error comes alone.
    /// A line docker cannot parse gives "" here and is reported by the session, with its argument numbers.
    static func workloadName(_ docker: [String], workload: String) throws(HardenError) -> String {
        guard let parsed = try? DockerRunParser.parse(docker) else { return "" }
        guard let name = parsed.options.last(where: { $0.name == "name" })?.value else {
            throw .input("harden k8s needs --name NAME after the profile, the name of the \(workload); usage: \(command.usage)")
        }
        guard KubernetesQuantity.isSubdomain(name) else {
            throw .input("--name \"\(name)\" is not a Kubernetes name; use lower-case letters, digits and '-', '.' between parts, each starting and ending with a letter or digit")
        }
        return name
    }
}
