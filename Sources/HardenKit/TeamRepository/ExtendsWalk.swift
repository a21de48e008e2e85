/// Follows one profile's `extends` chain without resolving it, to say why it cannot be resolved.
/// Each profile has at most one parent, so a chain either ends, breaks, or loops back on itself.
struct ExtendsWalk {
    enum Outcome: Equatable {
        /// Every link loads and the chain ends in a profile that extends nothing.
        case resolvable
        /// `at` extends `name`, and no profile of that name is on the search path.
        case unknownParent(at: ProfileSource, name: String)
        /// An ancestor that does not load.
        case brokenAncestor(ProfileSource)
        /// The profiles of a loop, in extends order, starting where the walk entered it.
        case cycle([ProfileSource])
    }

    /// The documents, found by name.
    var documents: ChainResolver
    var load: (ProfileSource) -> ProfileLoad

    func outcome(from start: ProfileSource) -> Outcome {
        let repository = ProfileRepository(searchPath: SearchPath(entries: []), builtins: [])
        var path = [start]
        var current = start
        while true {
            guard let profile = load(current).profile else { return .brokenAncestor(current) }
            guard let name = profile.extends else { return .resolvable }
            guard let parent = repository.lookup(name, in: documents, after: current) else {
                return .unknownParent(at: current, name: name)
            }
            if let index = path.firstIndex(of: parent) { return .cycle(Array(path[index...])) }
            path.append(parent)
            current = parent
        }
    }
}
