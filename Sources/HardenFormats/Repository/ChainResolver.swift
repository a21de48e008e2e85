import HardenModel
/// Resolves many profiles against one set of documents, as `harden validate` does for a whole
/// repository: parents are found by name without scanning every document, each document is loaded
/// once, and each ancestor's merge is kept, so a chain shared by a thousand profiles is merged once
/// rather than once per descendant. What it resolves is what `ProfileRepository.resolve` resolves.
package final class ChainResolver {
    let sources: [ProfileSource]
    private let byName: [String: [Int]]
    private let load: (ProfileSource) throws(HardenError) -> (JSONNode, Profile)
    /// A document's merge with all its ancestors, by location; only chains that reached their root.
    private var merged: [String: Merged] = [:]
    /// Names some document extends (nil: all): only their merges are worth keeping.
    package var parents: Set<String>?
    /// At most this many merges are kept (nil: all), the oldest forgotten first. A repository's
    /// files are judged in order and a chain's files sit together, so a window of recent merges
    /// keeps nearly every reuse while memory stays flat however large the repository.
    package var capacity: Int?
    /// Locations in `merged`, oldest first from `oldest`.
    private var kept: [String] = []
    private var oldest = 0

    struct Merged {
        /// The document first, then its parent, and so on.
        var chain: [ProfileSource]
        var merge: JSONMerge
        /// The first description along the chain.
        var description: String?
    }

    package init(sources: [ProfileSource], load: @escaping (ProfileSource) throws(HardenError) -> (JSONNode, Profile) = ProfileRepository.load) {
        self.sources = sources
        var byName: [String: [Int]] = [:]
        for (index, source) in sources.enumerated() { byName[source.name, default: []].append(index) }
        self.byName = byName
        self.load = load
    }

    /// The first document of that name, in search order, that `accept` takes.
    func first(named name: String, where accept: (ProfileSource) -> Bool = { _ in true }) -> ProfileSource? {
        for index in byName[name] ?? [] where accept(sources[index]) { return sources[index] }
        return nil
    }

    /// The chain from `start` to its root, merged parent first; throws what the first broken link says.
    func merge(from start: ProfileSource, repository: ProfileRepository) throws(HardenError) -> (start: Profile, merged: Merged) {
        var pending: [(source: ProfileSource, root: JSONNode, profile: Profile)] = []
        var current: ProfileSource? = start
        var seen: Set<String> = []
        var base: Merged?
        while let source = current {
            if let done = merged[source.location] {
                base = done
                if pending.count + done.chain.count > ProfileRepository.maximumChainLength {
                    throw Self.tooLong(start, pending.map(\.root).first, names: pending.map(\.source.name) + done.chain.map(\.name))
                }
                break
            }
            if seen.contains(source.location) {
                let names = pending.map { "\($0.profile.name) (\($0.source.location))" } + ["\(source.name) (\(source.location))"]
                throw .input("profile cycle through extends: " + names.joined(separator: " → ") + "; break the cycle by removing one extends")
            }
            seen.insert(source.location)
            let (root, profile) = try load(source)
            pending.append((source, root, profile))
            guard let parent = profile.extends else { break }
            if pending.count == ProfileRepository.maximumChainLength {
                throw Self.tooLong(start, pending[0].root, names: pending.map(\.source.name) + [parent])
            }
            current = repository.lookup(parent, in: self, after: source)
            if current == nil {
                let at = root["extends"]?.location ?? root.location
                throw .input("\(source.location):\(at.line):\(at.column): extends: no profile named \"\(parent)\" on the search path; check the name or add its directory with --profiles")
            }
        }
        var result = base ?? Merged(chain: [], merge: JSONMerge(), description: nil)
        for link in pending.reversed() {
            result.merge.apply(link.root, from: link.source.location)
            result.chain.insert(link.source, at: 0)
            result.description = link.profile.description ?? result.description
            if parents?.contains(link.source.name) ?? true { keep(result, at: link.source.location) }
        }
        if let first = pending.first { return (first.profile, result) }
        return (try load(start).1, result)
    }

    private func keep(_ merge: Merged, at location: String) {
        if merged.updateValue(merge, forKey: location) == nil { kept.append(location) }
        guard let capacity, merged.count > capacity else { return }
        merged.removeValue(forKey: kept[oldest])
        oldest += 1
        if oldest >= capacity {
            kept.removeFirst(oldest)
            oldest = 0
        }
    }

    /// `names`: the chain from `start`, at least one longer than the limit.
    static func tooLong(_ start: ProfileSource, _ startRoot: JSONNode?, names: [String]) -> HardenError {
        let limit = ProfileRepository.maximumChainLength
        let at = startRoot.map { $0["extends"]?.location ?? $0.location } ?? SourceLocation(line: 1, column: 1)
        let shown = names.prefix(3) + ["…"] + names[(limit - 1)...limit]
        return .input("\(start.location):\(at.line):\(at.column): extends: the chain from \(start.name) is longer than \(limit) profiles (\(shown.joined(separator: " → "))); merge some of its links so it is at most \(limit) deep")
    }
}
