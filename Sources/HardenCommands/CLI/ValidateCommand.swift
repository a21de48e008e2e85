import FoundationEssentials
import HardenFormats
import HardenModel

/// `harden validate [DIR...]`: a profile repository checked as a whole, every defect reported.
enum ValidateCommand {
    static let command = HardenCLI.Command(
        name: "validate",
        summary: "check a profile repository: every profile, extends chain and policy, every defect",
        usage: "harden validate [--format text|json|sarif] [--policy FILE] [--profiles DIR]... [DIR...]",
        options: [.format("text|json|sarif"), .policy, .profiles, .help],
        details: """
        Checks every profile in each DIR: it decodes strictly, its extends chain resolves (no unknown
        parent, no cycle), its name matches its file and no other profile's, it needs no newer harden,
        and the validator accepts it under the repository's policy, as `harden run` would. Each
        policy.json is decoded strictly too. Every defect is reported with its file, line and column.

        Without DIR: the current directory when it is a profile repository (it holds policy.json, as
        `harden init` makes it), otherwise every directory on the profile search path. With DIR, the
        search path is exactly the DIRs, then --profiles, then the built-ins, so a repository
        validates the same way on every machine.

          --format FORMAT   text (default), json, or sarif (SARIF 2.1.0 for code scanning)
          --policy FILE     judge the profiles under FILE instead of the repository's policy.json
          --profiles DIR    where parents outside the repository live (repeatable)

        Exit status: 0 every file accepted (warnings allowed), 1 a file is broken or a profile
        rejected, 2 bad usage or a directory that cannot be read.
        """,
        run: { arguments, console throws(HardenError) in try ValidateCommand.run(arguments, console: console) })

    struct Request {
        var options = HardenOptions()
        var format = CheckCommand.Format.text
        var directories: [String] = []
    }

    static func parse(_ arguments: [String]) throws(HardenError) -> Request {
        let parsed = try ArgumentCursor(command).read(arguments)
        var request = Request()
        request.options = try HardenOptions(parsed)
        request.format = try CheckCommand.format(parsed)
        request.directories = parsed.operands + (parsed.rest ?? [])
        return request
    }

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let request = try parse(arguments)
        if request.options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let (directories, parents) = try self.directories(request.directories, options: request.options, console: console)
        var check = RepositoryCheck(
            directories: directories, parents: parents, policyFile: request.options.policyFile,
            currentDirectory: console.currentDirectory, host: .live(currentDirectory: console.currentDirectory))
        check.keepResolved = false
        let report = try check.run()
        switch request.format {
        case .text: console.out(TextReport.render(report.results, command: "validate", summary: report.summary))
        case .json: console.out(JSONReport.render(report.results))
        case .sarif: console.out(SARIFReport.render(report.results, extraRules: RepositoryRules.all))
        }
        return report.rejected ? 1 : 0
    }

    /// The directories to judge, and where parents outside them are looked up (`harden docs` too).
    static func directories(_ given: [String], options: HardenOptions, console: Console) throws(HardenError) -> ([RepositoryDirectory], SearchPath) {
        let cwd = console.currentDirectory
        func directory(_ given: String) -> RepositoryDirectory {
            let shown = given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given
            return RepositoryDirectory(shown: shown, path: shown.hasPrefix("/") ? shown : cwd + "/" + shown)
        }
        let extra = SearchPath(entries: options.profileDirectories.map { SearchPath.Entry(directory: $0, explicit: true) })
        if !given.isEmpty {
            // A directory named twice would make each of its profiles a duplicate of itself.
            var seen: Set<String> = []
            return (given.map(directory).filter { seen.insert(PathText.standardized($0.path)).inserted }, extra)
        }
        if SearchPath.isRepository(cwd) { return ([directory(".")], extra) }
        let path = Session(options: options, console: console).searchPath
        var found: [RepositoryDirectory] = []
        for entry in path.entries {
            var isDirectory = false
            if FileManager.default.fileExists(atPath: entry.directory, isDirectory: &isDirectory), isDirectory {
                found.append(directory(entry.directory))
            } else if entry.explicit {
                throw .input("profile directory \(entry.directory) does not exist; check --profiles and HARDEN_PROFILE_PATH")
            }
        }
        guard !found.isEmpty else {
            let tried = path.entries.map(\.directory).joined(separator: ", ")
            throw .input("nothing to validate: no profile directory on the search path exists (\(tried)); give a DIR, or make a repository with `harden init DIR`")
        }
        return (found, SearchPath(entries: []))
    }
}
