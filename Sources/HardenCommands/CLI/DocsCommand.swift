import HardenFormats
import HardenModel
/// `harden docs [DIR...]`: a Markdown page of a repository's profiles, for its README or wiki.
enum DocsCommand {
    static let command = HardenCLI.Command(
        name: "docs",
        summary: "write a Markdown page of a repository's profiles: effective settings and why",
        usage: "harden docs [--policy FILE] [--profiles DIR]... [DIR...]",
        options: [.policy, .profiles, .help],
        details: """
        Prints Markdown: the team policy, an index of the profiles, and for each profile its
        effective settings after extends, the file that set each, and why — the profile's own
        "rationale" for a setting where it gives one, otherwise what the setting protects against —
        and what the validator says about it. DIR is chosen as for `harden validate`.

          harden docs > PROFILES.md

        A repository with a profile that does not load is refused (exit 2): `harden validate` lists
        every defect. Exit status: 0, or 2 for bad input.
        """,
        run: { arguments, console throws(HardenError) in try DocsCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let given = parsed.allOperands.map(\.word)
        let (directories, parents) = try ValidateCommand.directories(given, options: options, console: console)
        let report = try RepositoryCheck(
            directories: directories, parents: parents, policyFile: options.policyFile,
            currentDirectory: console.currentDirectory, host: .live(currentDirectory: console.currentDirectory)
        ).run()
        // A broken-parent finding points elsewhere; name a defect at its source first.
        let defects = report.results.flatMap(\.findings).filter { RepositoryRules.rule($0.ruleID) != nil && $0.rejects }
            .sorted { ($0.ruleID == "broken-parent" ? 1 : 0) < ($1.ruleID == "broken-parent" ? 1 : 0) }
        if let first = defects.first {
            let more = defects.count > 1 ? " and \(defects.count - 1) more" : ""
            throw .input("\(first.position): \(first.ruleID): \(first.message)\(more); `harden validate` lists every defect")
        }
        var findings: [String: [Finding]] = [:]
        for result in report.results { findings[result.launch.name] = result.findings }
        console.out(ProfileDocs.render(report.resolved, policy: report.policy, findings: findings))
        return 0
    }
}
