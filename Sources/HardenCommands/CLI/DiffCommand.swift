import HardenFormats
import HardenModel
/// `harden diff A B`: what changed in the effective settings, and which way each change moves the
/// container, for the reviewer of a change to a profile repository.
enum DiffCommand {
    static let command = HardenCLI.Command(
        name: "diff",
        summary: "compare two profiles' effective settings: what loosens, what tightens",
        usage: "harden diff [--fail-on-loosen] [--profiles DIR]... A [B]",
        options: [CommandOption("--fail-on-loosen"), .profiles, .help],
        details: """
        A and B are profile names, profile files (anything with a / or ending in .json), or either
        at a git revision: NAME@REV or FILE@REV (git show REV:FILE, no shell). At a revision the
        profile's whole directory is read as it was then, so a changed parent in the same repository
        shows in its children; parents elsewhere and the built-ins are read as they are now.
        With only A@REV, B is the same profile as it is now:

          harden diff api@origin/main            what this branch changes in api
          harden diff web api                    how api differs from web
          harden diff team/api.json@HEAD~1 team/api.json

        Settings are compared after extends. One line per change, each `loosens` (a capability
        added, a limit raised or removed, a carve-out added, a syscall allowed, root, ports on every
        interface…), `tightens`, or `neutral`. Environment values are never printed.

          --fail-on-loosen   exit 1 when anything loosens (for CI on pull requests)

        Exit status: 0 (or 1 with --fail-on-loosen and a loosening change), 2 bad input.
        """,
        run: { arguments, console throws(HardenError) in try DiffCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        let failOnLoosen = parsed.has("--fail-on-loosen")
        let operands = parsed.allOperands.map(\.word)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        let cwd = console.currentDirectory
        var sides = operands.map { DiffOperand($0, currentDirectory: cwd) }
        if sides.count == 1, sides[0].revision != nil {
            sides.append(DiffOperand(sides[0].spec, currentDirectory: cwd))
        }
        guard sides.count == 2 else {
            throw .input("expected two profiles, or one at a revision (NAME@REV); usage: \(command.usage)")
        }
        let session = Session(options: options, console: console)
        let git = Git(environment: console.environment)
        let before = try sides[0].resolve(searchPath: session.searchPath, currentDirectory: cwd, git: git)
        let after = try sides[1].resolve(searchPath: session.searchPath, currentDirectory: cwd, git: git)
        let changes = ProfileDiff.changes(from: before.profile.profile, to: after.profile.profile)
        console.out(render(changes, before: (sides[0].argument, before.shown), after: (sides[1].argument, after.shown)))
        return failOnLoosen && changes.contains { $0.effect == .loosens } ? 1 : 0
    }

    static func render(_ changes: [SettingChange], before: (argument: String, shown: String), after: (argument: String, shown: String)) -> String {
        func label(_ side: (argument: String, shown: String)) -> String {
            side.argument == side.shown ? side.argument : "\(side.argument) (\(side.shown))"
        }
        var text = "harden diff: \(label(before)) → \(label(after))\n"
        guard !changes.isEmpty else { return text + "no change in the effective settings\n" }
        for change in changes { text += "  \(change)\n" }
        let counts = SettingChange.Effect.allCases.map { effect in "\(changes.filter { $0.effect == effect }.count) \(effect.rawValue)" }
        text += "\(changes.count) change\(changes.count == 1 ? "" : "s"): \(counts.joined(separator: ", "))\n"
        return text
    }
}
