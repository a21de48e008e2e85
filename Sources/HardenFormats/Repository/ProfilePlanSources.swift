import HardenModel
/// Places the settings of a profile's plan at the profile keys that set them, so that a finding
/// about a profile names the file, line and column to change.
extension ResolvedProfile {
    public var planSources: PlanSources {
        let head = chain.first?.location ?? profile.name
        var sources = PlanSources(whole: SourcePosition(file: head, context: "profile \(profile.name)"))
        let lookup = KeyPositions(merged: merged, provenance: provenance)
        func place(_ key: PlanKey, _ path: [String]) {
            if let position = lookup.position(of: path, profile: profile.name) { sources[key] = position }
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
}

/// Answers "where was this key set" for every key of one profile. A profile may hold a hundred
/// thousand environment variables, so member lookups and the provenance prefix search are indexed
/// once rather than scanned per key (which made `harden show` quadratic in the profile's size).
package final class KeyPositions {
    private let merged: JSONNode
    private let provenance: [String: String]
    private lazy var sortedKeys: [String] = provenance.keys.sorted()
    private var memberIndexes: [String: [String: JSONNode]] = [:]

    init(merged: JSONNode, provenance: [String: String]) {
        self.merged = merged
        self.provenance = provenance
    }

    /// The file that set a key (or anything below it) and where in that file, with the key path as context.
    func position(of path: [String], profile: String) -> SourcePosition? {
        let rendered = StrictReader.render(path)
        guard let file = file(setting: rendered) else { return nil }
        let context = "profile \(profile): \(rendered)"
        guard let location = node(at: path)?.location, location.line > 0 else { return SourcePosition(file: file, context: context) }
        return SourcePosition(file: file, location, context: context)
    }

    /// The file that set `rendered` (`resources.memory`), or the first key below it.
    func file(setting rendered: String) -> String? {
        provenance[rendered] ?? firstBelow(rendered).flatMap { provenance[$0] }
    }

    /// The first provenance key, in sorted order, that lies below `rendered` (`a.b` or `a[0]` under `a`).
    private func firstBelow(_ rendered: String) -> String? {
        let candidates = [rendered + ".", rendered + "["].compactMap { prefix -> String? in
            var low = 0, high = sortedKeys.count
            while low < high {
                let middle = (low + high) / 2
                if sortedKeys[middle] < prefix { low = middle + 1 } else { high = middle }
            }
            return low < sortedKeys.count && sortedKeys[low].hasPrefix(prefix) ? sortedKeys[low] : nil
        }
        return candidates.min()
    }

    private func node(at path: [String]) -> JSONNode? {
        var node: JSONNode? = merged
        for (depth, key) in path.enumerated() {
            guard let current = node, let members = current.objectMembers else { return nil }
            if members.count < 16 {
                node = current[key]
                continue
            }
            let parent = path[..<depth].joined(separator: "\u{0}")
            if memberIndexes[parent] == nil {
                // The first member of a name wins, as in `JSONNode`'s subscript.
                memberIndexes[parent] = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            node = memberIndexes[parent]?[key]
        }
        return node
    }
}
