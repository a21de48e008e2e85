/// Places the settings of a profile's plan at the profile keys that set them, so that a finding
/// about a profile names the file, line and column to change.
extension ResolvedProfile {
    public var planSources: PlanSources {
        let head = chain.first?.location ?? profile.name
        var sources = PlanSources(whole: SourcePosition(file: head, context: "profile \(profile.name)"))
        func place(_ key: PlanKey, _ path: [String]) {
            if let position = position(of: path) { sources[key] = position }
        }
        place(.user, ["user"])
        place(.capabilities, ["capabilities", "drop"])
        for name in profile.capabilities?.add ?? [] { place(.capability(name), ["capabilities", "add"]) }
        place(.noNewPrivileges, ["noNewPrivileges"])
        place(.readOnlyRoot, ["readOnlyRootFilesystem"])
        for carveOut in profile.tmpfs { place(.mount(carveOut.target), ["tmpfs", carveOut.target]) }
        for volume in profile.volumes { place(.mount(volume.target), ["volumes", volume.target]) }
        place(.memory, ["resources", "memory"])
        place(.cpus, ["resources", "cpus"])
        place(.pids, ["resources", "pids"])
        place(.network, ["network", "mode"])
        place(.restart, ["restart"])
        for variable in profile.environment { place(.environment(variable.name), ["environment", variable.name]) }
        return sources
    }

    /// The file that set a key (or anything below it) and where in that file, with the key path as context.
    func position(of path: [String]) -> SourcePosition? {
        let rendered = StrictReader.render(path)
        let member = rendered + ".", element = rendered + "["
        let file = provenance[rendered] ?? provenance.keys.filter { $0.hasPrefix(member) || $0.hasPrefix(element) }.min().flatMap { provenance[$0] }
        guard let file else { return nil }
        var node: JSONNode? = merged
        for key in path { node = node?[key] }
        let context = "profile \(profile.name): \(rendered)"
        guard let location = node?.location, location.line > 0 else { return SourcePosition(file: file, context: context) }
        return SourcePosition(file: file, location, context: context)
    }
}
