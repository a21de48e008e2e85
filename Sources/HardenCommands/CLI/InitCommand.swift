import HardenFormats
import HardenModel
/// `harden init DIR`: a new profile repository, ready to validate and commit.
enum InitCommand {
    static let command = HardenCLI.Command(
        name: "init",
        summary: "make a team profile repository: README, policy, example profiles, CI",
        usage: "harden init DIR",
        details: """
        Writes into DIR (created if missing) a README on using and changing the repository, a
        policy.json, one profile extending each built-in (base, web, worker, db), CI scripts
        (ci/validate.sh, ci/review.sh), a GitHub Actions workflow and a pre-commit configuration.
        Then `cd DIR && harden validate` passes.

        It never overwrites a file: if any of them exists, it writes nothing and names them. Each
        file is written atomically.
        """,
        run: { arguments, console throws(HardenError) in try InitCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        let operands = parsed.allOperands
        guard operands.count == 1, let (given, number) = operands.first else {
            throw .input("expected one directory; usage: \(command.usage)")
        }
        // `harden init -- -x` gets here: the cd printed below would read -x as its option.
        if given.hasPrefix("-"), given != "-" {
            throw .input("\"\(given)\" (argument \(number)) starts with '-', which the commands printed for it would read as an option; give it as ./\(given)")
        }
        let path = given.hasPrefix("/") ? given : console.currentDirectory + "/" + given
        let written = try Scaffold.write(into: path, shown: given)
        let width = (written.map(\.count).max() ?? 0) + 2
        var text = "harden init: a profile repository in \(given)\n"
        for (file, entry) in zip(written, Scaffold.files) {
            text += "  " + file.padded(to: width) + entry.purpose + "\n"
        }
        text += """

        next:
          cd \(ShellQuote.quote(given)) && harden validate
          git init && git add . && git commit -m "Profiles from harden init"
          export HARDEN_PROFILE_PATH=\(ShellQuote.quote(path))    # then `harden run web ...` uses them

        """
        console.out(text)
        return 0
    }
}
