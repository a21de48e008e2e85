/// `harden show PROFILE`: the effective settings, each with the file that set it.
enum ShowCommand {
    static let command = HardenCLI.Command(
        name: "show",
        summary: "print a profile's effective settings and which file set each",
        usage: "harden show [--profiles DIR]... [--policy FILE] [--format text|json] PROFILE",
        options: [.profiles, .policy, .format("text|json"), .help],
        details: """
        Resolves PROFILE along the search path and through its extends chain, then prints every
        setting with the file it came from, what the container ends up with (capabilities, swap),
        and the docker run options the profile alone compiles to. Then what the validator finds in
        the profile on its own; a profile with errors exits 1, as `harden run` refuses it.

          --format json   the effective settings as JSON, in the kernel's units (capability mask
                          as /proc/PID/status prints it, memory in bytes, CFS quota), for scripts
        """,
        run: { arguments, console throws(HardenError) in try ShowCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let operands = parsed.allOperands
        guard let profile = operands.first?.word else { throw .input("missing the profile name; usage: \(command.usage)") }
        if operands.count > 1 {
            throw .input("unexpected argument \(operands[1].word) (argument \(operands[1].argument)) after the profile name; usage: \(command.usage)")
        }
        var json = false
        if let format = parsed.value("--format") {
            guard ["text", "json"].contains(format) else {
                throw .input("\(parsed.shown("--format")) is not a show format; use text or json")
            }
            json = format == "json"
        }
        let session = Session(options: options, console: console)
        let resolved = try session.repository.resolve(profile)
        // Shown before it is judged, so a rejected profile can still be read and fixed.
        let findings = try session.validator().findings(
            for: PlanBuilder.plan(for: resolved.profile), sources: resolved.planSources, profile: profile, skipping: Session.imageRules)
        if json {
            var notes: [String] = []
            let plan = try PlanBuilder.plan(
                for: resolved.profile, userOptions: ParsedRun(options: [], image: "IMAGE", command: []), notes: &notes)
            console.out(JSONWriter.pretty(EffectiveSettings.json(profile: resolved.profile, chain: resolved.chain, plan: plan)))
            return findings.rejects ? 1 : 0
        }
        var text = render(resolved)
        if !findings.isEmpty {
            text += "\nvalidation\n" + findings.map { "  \($0.severity.rawValue) \($0.ruleID): \($0.message) at \($0.position)\n" }.joined()
        }
        console.out(text)
        if findings.rejects {
            throw .rejected("the profile \(profile) is rejected: " + Session.describe(findings.filter(\.rejects)))
        }
        return 0
    }

    static func render(_ resolved: ResolvedProfile) -> String {
        let profile = resolved.profile
        var text = "profile \(profile.name)\n"
        if let description = profile.description { text += "  \(description)\n" }
        text += "  from: " + resolved.chain.map(\.location).joined(separator: " → ") + "\n\n"

        var rows: [(String, String, String)] = []
        collect(resolved.merged, path: [], into: &rows, provenance: resolved.provenance)
        let width = max(24, rows.map(\.0.count).max() ?? 0) + 2
        let valueWidth = min(40, max(20, rows.map(\.1.count).max() ?? 0)) + 2
        for (key, value, source) in rows {
            text += "  " + pad(key, width) + pad(value, valueWidth) + source + "\n"
        }

        text += ShowSeccompOrigins.render(resolved)

        var notes: [String] = []
        let plan = (try? PlanBuilder.plan(for: profile, userOptions: ParsedRun(options: [], image: "IMAGE", command: []), notes: &notes))
            ?? PlanBuilder.plan(for: profile)
        text += "\neffective\n"
        let capabilities = plan.capabilities.sorted().map(\.name)
        text += "  capabilities: " + (capabilities.isEmpty ? "none" : capabilities.joined(separator: " ")) + "\n"
        if let start = profile.network.unprivilegedPortStart {
            text += "  ports from \(start) without a capability: \(UnprivilegedPorts.sysctl)=\(start) in the container's own network namespace (docker, podman, nerdctl: --sysctl; compose: sysctls; OCI: linux.sysctl; Kubernetes: securityContext.sysctls); with --network host there is none, so NET_BIND_SERVICE instead\n"
        }
        if let memory = plan.memory {
            let swap = plan.memorySwap == memory ? "no swap (memory-swap pinned to memory)" :
                plan.memorySwap == -1 ? "unlimited swap" : "memory-swap \(Units.sizeSpelling(plan.memorySwap ?? memory * 2))"
            text += "  memory: \(Units.sizeSpelling(memory)), \(swap)\n"
        }
        text += "  publish address: \(profile.network.publishAddress ?? "127.0.0.1")\n"
        if let policy = profile.seccomp {
            let stats = SeccompStats(SeccompGenerator.filter(for: policy, noNewPrivileges: plan.noNewPrivileges), architecture: .x86_64)
            text += "  seccomp: a generated filter allowing \(stats.allowed.count) syscalls on x86_64 (Docker's default: \(stats.dockerAllowed.count)); `harden seccomp \(profile.name) --stats` lists what it removes\n"
        } else {
            text += "  seccomp: the engine's default profile (the profile has no seccomp section)\n"
        }
        for warning in DockerArguments.fidelityWarnings(plan) { text += "  note: \(warning)\n" }
        text += "\ndocker run options\n  " + ShellQuote.join(["docker"] + DockerArguments.emit(plan)) + "\n"
        return text
    }

    private static func collect(_ node: JSONNode, path: [String], into rows: inout [(String, String, String)], provenance: [String: String]) {
        if case .object(let members) = node.kind, !members.isEmpty {
            for member in members where !(path.isEmpty && ["name", "extends", "description", "requires", "rationale"].contains(member.key)) {
                collect(member.value, path: path + [member.key], into: &rows, provenance: provenance)
            }
            return
        }
        let key = StrictReader.render(path)
        rows.append((key, JSONWriter.compact(node).trimmingWhitespace(newlines: true), provenance[key] ?? "?"))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

import FoundationEssentials
import HardenFormats
import HardenModel
