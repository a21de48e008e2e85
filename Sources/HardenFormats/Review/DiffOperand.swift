import FoundationEssentials
import HardenModel

/// One side of `harden diff`: a profile by name (`api`), a profile file (`team/api.json`), or
/// either at a git revision (`api@main`, `team/api.json@HEAD~1`).
package struct DiffOperand: Equatable {
    package var argument: String
    /// The name or path before any `@REV`.
    package var spec: String
    package var revision: String?

    /// An argument that names an existing file is a file, `@` and all; otherwise the last `@`
    /// separates the revision (profile names cannot contain one).
    package init(_ argument: String, currentDirectory: String) {
        self.argument = argument
        let path = argument.hasPrefix("/") ? argument : currentDirectory + "/" + argument
        if !FileManager.default.fileExists(atPath: path), let at = argument.lastIndex(of: "@"), at != argument.startIndex {
            spec = String(argument[..<at])
            revision = String(argument[argument.index(after: at)...])
        } else {
            spec = argument
            revision = nil
        }
    }

    var isFile: Bool { spec.contains("/") || spec.hasSuffix(".json") }

    /// The effective profile this side stands for, and how to show where it came from.
    /// A file's directory is searched first, so its siblings resolve as in its repository. At a
    /// revision, that whole directory is read as it was then, so a change to a parent in the same
    /// repository shows in its children; parents elsewhere and the built-ins are read as they are now.
    package func resolve(searchPath: SearchPath, currentDirectory: String, git: Git) throws(HardenError) -> (profile: ResolvedProfile, shown: String) {
        var path = searchPath
        if isFile {
            let file = PathText.standardized(spec.hasPrefix("/") ? spec : currentDirectory + "/" + spec)
            guard spec.hasSuffix(".json") else { throw .input("\(argument): a profile file ends in .json") }
            guard revision != nil || FileManager.default.fileExists(atPath: file) else {
                throw .input("\(argument): no such file; give a profile name or the path of a profile file")
            }
            let directory = PathText.deletingLastComponent(file)
            path.entries.removeAll { $0.directory == directory }
            path.entries.insert(SearchPath.Entry(directory: directory, explicit: true), at: 0)
        }
        let repository = ProfileRepository(searchPath: path)
        var sources = try repository.allSources()
        let name = isFile ? String(PathText.lastComponent(spec).dropLast(5)) : spec
        let current: ProfileSource? = isFile ? sources.first { $0.rank == 0 && $0.name == name } : try repository.lookup(name, in: sources, after: nil)
        guard let current else {
            // Resolving by name throws the message that lists the known names.
            if !isFile { _ = try repository.resolve(name) }
            throw .input("\(argument): no profile named \"\(name)\" in its directory; check the file name")
        }
        guard let revision else {
            return (try repository.resolve(current, in: sources), current.location)
        }
        try Git.checkRevision(revision, argument: argument)
        guard !current.isBuiltin else {
            throw .input("\(argument): \(name) is a built-in, which has no git history; give a profile of a repository")
        }
        let directory = PathText.deletingLastComponent(current.location)
        var then: [ProfileSource] = []
        do {
            for file in try git.files(at: revision, in: directory) where file.hasSuffix(".json") && file != PolicyLocator.fileName && !file.hasPrefix(".") {
                then.append(ProfileSource(name: String(file.dropLast(5)), location: "\(directory)/\(file)@\(revision)",
                                          text: try git.show(file, at: revision, in: directory), rank: current.rank))
            }
        } catch {
            throw .input("\(argument): \(error.message)")
        }
        guard let start = then.first(where: { $0.name == name }) else {
            throw .input("\(argument): \(current.location) did not exist at \(revision); `harden show \(name)` prints what it sets now")
        }
        let index = sources.firstIndex { $0.rank == current.rank } ?? 0
        sources.removeAll { $0.rank == current.rank }
        sources.insert(contentsOf: then, at: min(index, sources.count))
        return (try repository.resolve(start, in: sources), start.location)
    }
}
