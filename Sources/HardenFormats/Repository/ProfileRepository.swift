import FoundationEssentials
import HardenModel

/// Finds profiles along the search path, resolves `extends` chains (across directories, into the
/// built-ins) and merges them into one effective profile that remembers which file set each value.
public struct ProfileRepository: Sendable {
    public var searchPath: SearchPath
    public var builtins: [ProfileSource]

    public init(searchPath: SearchPath, builtins: [ProfileSource] = BuiltinProfiles.sources) {
        self.searchPath = searchPath
        self.builtins = builtins
    }

    /// Every profile document, in search order, shadowed ones included.
    public func allSources() throws(HardenError) -> [ProfileSource] {
        var sources: [ProfileSource] = []
        let files = FileManager.default
        for (rank, entry) in searchPath.entries.enumerated() {
            var isDirectory = false
            guard files.fileExists(atPath: entry.directory, isDirectory: &isDirectory), isDirectory else {
                if entry.explicit {
                    throw .input("profile directory \(entry.directory) does not exist; check --profiles and HARDEN_PROFILE_PATH")
                }
                continue
            }
            // The team policy lives beside the profiles but is not one.
            let names = ((try? files.contentsOfDirectory(atPath: entry.directory)) ?? [])
                .filter { $0.hasSuffix(".json") && $0 != PolicyLocator.fileName }.sorted()
            for file in names {
                let path = entry.directory + "/" + file
                guard let text = try UTF8Text.readDocument(path, shown: path) else { throw .input("\(path): cannot read the file; check its permissions") }
                sources.append(ProfileSource(name: String(file.dropLast(5)), location: path, text: text, rank: rank))
            }
        }
        let builtinRank = searchPath.entries.count
        return sources + builtins.map { var s = $0; s.rank = builtinRank; return s }
    }

    /// Resolves a profile by name: the first match along the search path, merged with its ancestors.
    public func resolve(_ name: String) throws(HardenError) -> ResolvedProfile {
        let sources = try allSources()
        guard let first = try lookup(name, in: sources, after: nil) else {
            let known = Set(sources.map(\.name)).sorted()
            var message = "no profile named \"\(name)\" on the search path"
            if let near = StrictReader.nearest(name, in: known) { message += "; did you mean \"\(near)\"?" }
            else { message += "; `harden profiles` lists them (known: \(known.joined(separator: ", ")))" }
            throw .input(message)
        }
        return try resolve(first, in: sources)
    }

    /// A chain deeper than this is a mistake or an attack, not a design: resolving it costs time and
    /// memory in proportion to its length, and every link is a file a reviewer has to read.
    public static let maximumChainLength = 64

    /// Resolves one particular document (used by `validate` for shadowed files too).
    public func resolve(_ start: ProfileSource, in sources: [ProfileSource]) throws(HardenError) -> ResolvedProfile {
        try resolve(start, using: ChainResolver(sources: sources))
    }

    /// The same, with documents loaded and ancestors merged once for every profile resolved through `resolver`.
    package func resolve(_ start: ProfileSource, using resolver: ChainResolver) throws(HardenError) -> ResolvedProfile {
        let (first, chain) = try resolver.merge(from: start, repository: self)
        let merged = chain.merge
        var profile: Profile
        do {
            profile = try ProfileDecoder.decode(merged.result, file: start.location)
        } catch {
            throw Self.attributed(error, start: start, provenance: merged.provenance)
        }
        profile.name = first.name
        profile.extends = first.extends
        profile.description = chain.description
        return ResolvedProfile(
            profile: profile, chain: chain.chain, merged: merged.result, provenance: merged.provenance,
            seccompOrigins: merged.seccompOrigins, seccompNotes: merged.seccompNotes)
    }

    /// An error in the merged document (a child's memory above a parent's memorySwap) points at a
    /// line and column of whichever file set that key; name that file, not the child's.
    static func attributed(_ error: HardenError, start: ProfileSource, provenance: [String: String]) -> HardenError {
        guard let (position, rest) = LocatedMessage.split(error.message, files: [start.location]),
              let keyPath = rest.components(separatedBy: ": ").first else { return error }
        let file = KeyPositions(merged: .null, provenance: provenance).file(setting: keyPath)
        guard let file, file != start.location, let line = position.line, let column = position.column else { return error }
        return HardenError(error.kind, "\(file):\(line):\(column): \(rest) (in profile \(start.name), which inherits it)")
    }

    /// `builtin:NAME` names a built-in; a profile extending its own name means the next one down the
    /// search path (a team `web` building on the built-in `web`); any other name is searched from the top.
    package func lookup(_ reference: String, in sources: [ProfileSource], after child: ProfileSource?) throws(HardenError) -> ProfileSource? {
        lookup(reference, in: ChainResolver(sources: sources), after: child)
    }

    package func lookup(_ reference: String, in index: ChainResolver, after child: ProfileSource?) -> ProfileSource? {
        if reference.hasPrefix("builtin:") {
            return index.first(named: String(reference.dropFirst("builtin:".count))) { $0.isBuiltin }
        }
        if let child, child.name == reference {
            return index.first(named: reference) { $0.rank > child.rank }
        }
        return index.first(named: reference)
    }

    /// Parses and strictly decodes one document; its name must match its file name.
    public static func load(_ source: ProfileSource) throws(HardenError) -> (JSONNode, Profile) {
        let root = try StrictReader.parse(source.text, file: source.location)
        try checkRequires(root, location: source.location)
        let profile = try ProfileDecoder.decode(root, file: source.location)
        if profile.name != source.name {
            let where_ = root["name"]?.location ?? root.location
            throw .input("\(source.location):\(where_.line):\(where_.column): name: \"\(profile.name)\" does not match the file name \(source.name).json; rename one so they agree")
        }
        return (root, profile)
    }

    /// A profile written for a newer harden may use keys this one does not know; say that, rather
    /// than calling its keys misspelt.
    package static func checkRequires(_ root: JSONNode, location: String) throws(HardenError) {
        guard let node = root["requires"], let wanted = node.stringValue,
              HardenVersion.parse(wanted) != nil, !HardenVersion.satisfies(wanted) else { return }
        throw .input("\(location):\(node.location.line):\(node.location.column): requires: this profile needs harden \(wanted) or newer, and this is harden \(HardenVersion.current); upgrade harden")
    }
}

/// The outcome of resolving a profile: its effective settings and where each came from.
public struct ResolvedProfile: Sendable {
    public var profile: Profile
    /// The profile first, then its parent, and so on.
    public var chain: [ProfileSource]
    /// The merged document, which `harden show` walks.
    public var merged: JSONNode
    /// Rendered key path (`resources.memory`) → the file that set it.
    public var provenance: [String: String]
    /// Each entry of `seccomp.allow` and `seccomp.deny` with the file that put it there.
    package var seccompOrigins: [SeccompEntryOrigin] = []
    /// Additive seccomp entries a group deny still covers (`SeccompAdditions`).
    package var seccompNotes: [SeccompNote] = []
}
