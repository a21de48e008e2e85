import HardenModel
/// A service of an existing compose file, hardened: the profile's plan with the service's own
/// settings applied to it as `harden run` applies docker run options. The service's plan (from the
/// compose reader `harden check` uses) is spoken as docker run options and read back by the same
/// parser and applier, so a port, a volume or a user means one thing whichever door it came in by.
package enum ComposeServiceHardening {
    /// - Returns: the plan, and where each of its settings was written (the service's keys over the profile's).
    package static func plan(
        profile: Profile, profileSources: PlanSources, service: LaunchPlan, serviceSources: PlanSources, notes: inout [String]
    ) throws(HardenError) -> (LaunchPlan, PlanSources) {
        var spoken = service
        // Carried beside the argv: capabilities as docker's own add/drop over the profile's set (the
        // service's set is docker's default with its cap_add and cap_drop applied), file secrets by
        // name, and what the reader could not judge.
        spoken.capabilities = Capability.dockerDefault
        spoken.secrets = []
        spoken.notUnderstood = []
        // The program and its labels are written back from the service as the user spelt them;
        // the plan keeps them for the validator (a broker is told by its labels and command).
        spoken.command = []
        spoken.process.entrypoint = nil
        spoken.process.labels = []
        // A service without an image (built, or named by a variable left unread) still has settings
        // to read back; the plan keeps the service's own image, judged as check judges it.
        if spoken.image.isEmpty { spoken.image = "harden.invalid/no-image" }
        let arguments = Array(DockerArguments.emit(spoken).dropFirst())
        var parsed: ParsedRun
        do {
            parsed = try DockerRunParser.parse(arguments)
        } catch {
            throw .input("\(serviceSources.whole): the service's settings do not read back as docker run options (\(error.message)); simplify the setting named there")
        }
        // An added capability docker holds by default changes nothing in the service's own set, but
        // adds to a profile that dropped it: the reader places each one it was asked for.
        let asked = Set(serviceSources.positions.keys.compactMap { key -> Capability? in
            if case .capability(let name) = key { return Capability.named(name) }
            return nil
        })
        let added = service.capabilities.subtracting(Capability.dockerDefault).union(asked.intersection(service.capabilities)).sorted()
        let dropped = Capability.dockerDefault.subtracting(service.capabilities).sorted()
        let end = arguments.count
        if !dropped.isEmpty {
            parsed.options.append(ParsedOption(name: "cap-drop", value: dropped.map(\.name).joined(separator: ","), position: end))
        }
        if service.capabilities == Set(Capability.all) {
            parsed.options.append(ParsedOption(name: "cap-add", value: "ALL", position: end))
        } else if !added.isEmpty {
            parsed.options.append(ParsedOption(name: "cap-add", value: added.map(\.name).joined(separator: ","), position: end))
        }
        var scratch = PlanSources()
        var plan = try PlanBuilder.plan(for: profile, userOptions: parsed, notes: &notes, sources: &scratch)
        plan.image = service.image
        plan.secrets = service.secrets
        plan.command = service.command
        plan.process.entrypoint = service.process.entrypoint
        plan.process.labels = service.process.labels
        plan.process.insideCommands = service.process.insideCommands
        plan.joinedNetworks = service.joinedNetworks
        let unreadOffset = plan.notUnderstood.count
        plan.notUnderstood += service.notUnderstood
        var sources = profileSources
        sources.whole = serviceSources.whole
        for (key, position) in serviceSources.positions {
            if case .notUnderstood(let index) = key { sources[.notUnderstood(index + unreadOffset)] = position } else { sources[key] = position }
        }
        return (plan, sources)
    }
}
