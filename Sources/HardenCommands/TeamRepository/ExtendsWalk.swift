import HardenFormats
import HardenModel
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
        var index = [start.location: 0]
        var current = start
        // Past the longest chain harden resolves, the walk stops: resolving says the chain is too
        // long, and a walk of every link of every profile would cost the square of the repository.
        while path.count <= ProfileRepository.maximumChainLength {
            guard let profile = load(current).profile else { return .brokenAncestor(current) }
            guard let name = profile.extends else { return .resolvable }
            guard let parent = repository.lookup(name, in: documents, after: current) else {
                return .unknownParent(at: current, name: name)
            }
            if let first = index[parent.location] { return .cycle(Array(path[first...])) }
            index[parent.location] = path.count
            path.append(parent)
            current = parent
        }
        return .resolvable
    }
}
