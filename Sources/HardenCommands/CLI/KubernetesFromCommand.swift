import FoundationEssentials
import HardenFormats
import HardenModel
/// `harden k8s --from FILE... [--profile SERVICE=PROFILE]... [--default-profile PROFILE] [-o OUT]`
enum KubernetesFromCommand {
    static let command = HardenCLI.Command(
        name: "k8s",
        summary: "rewrite a compose project as Kubernetes Deployments, Services and NetworkPolicies hardened by profiles",
        usage: "harden k8s --from FILE... [--profile SERVICE=PROFILE]... [--default-profile PROFILE] [--allow-egress NETWORK]... [--env-file FILE] [--namespace NS] [--profiles DIR]... [--policy FILE] [-o OUT] [--format yaml|json]",
        options: ComposeFromCommand.command.options.filter { $0.name != "--format" } + [CommandOption("--namespace", value: "NS"), .format("yaml|json")],
        details: """
        Reads the compose project as `harden compose --from` does, hardens and validates each
        service the same way (same profiles, same refusals), and writes per service: a Deployment
        at the restricted Pod Security Standards level (as `harden k8s PROFILE --kind deployment`),
        a ClusterIP Service for the ports it publishes or lists under expose:, and a NetworkPolicy
        that admits only the services sharing a compose network with it (and anyone on the ports
        it publishes), and lets it out only to them and the cluster DNS, or anywhere when one of
        its networks keeps its way out (as in `harden compose --from`: a network a publishing
        service joins, or --allow-egress NETWORK). YAML documents are separated by ---; --format
        json writes one v1 List.
        Exit status: 0 written, 1 refused by validation, 2 bad input.
        """,
        run: { arguments, console throws(HardenError) in try KubernetesFromCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        let format = try ComposeCommand.outputFormat(parsed)
        let namespace = parsed.value("--namespace")
        if let namespace, KubernetesQuantity.label(namespace) != namespace {
            throw .input("\(parsed.shown("--namespace")) is not a namespace name; use lower-case letters, digits and '-' (at most 63)")
        }
        let (project, hardened, summary, _) = try ComposeFromCommand.harden(parsed, options: options, console: console, refusal: "refusing to write the Kubernetes objects")
        // Compose allows names Kubernetes does not (capitals, `_`, `.`); two that fold to one name would be one object.
        var taken: [String: String] = [:]
        for service in hardened {
            let name = KubernetesQuantity.label(service.name)
            guard !name.isEmpty else {
                throw .input("service \(service.name.debugDescription) has no letter or digit to name its Kubernetes objects by; rename the service")
            }
            if let other = taken[name] {
                throw .input("services \(other) and \(service.name) would both be named \(name) in Kubernetes; rename one of them")
            }
            taken[name] = service.name
        }
        let result = KubernetesProjectOutput.convert(hardened, root: project.root, allowEgress: Set(parsed.values("--allow-egress")), namespace: namespace)
        for note in result.notes { console.warn(note) }
        for line in summary { console.err("harden: \(line)\n") }
        let text: String
        if format == "json" {
            text = JSONWriter.pretty(.obj([("apiVersion", .str("v1")), ("kind", .str("List")), ("items", .arr(result.objects))]))
        } else {
            text = "# Written by: " + (["harden", "k8s"] + arguments).map(ShellQuote.quote).joined(separator: " ")
                + "\n# Edit the source and run the command again rather than this file.\n"
                + result.objects.map(YAMLWriter.document).joined(separator: "---\n")
        }
        guard let output = parsed.value("--output").map({ $0.hasPrefix("/") ? $0 : console.currentDirectory + "/" + $0 }) else {
            console.out(text)
            return 0
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw .input("\(output): \(error.description); \(error.advice); the previous file, if any, is unchanged")
        }
        return 0
    }
}
