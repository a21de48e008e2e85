import HardenFormats
import HardenModel
/// `harden profiles`: every profile on the search path and where it came from.
enum ProfilesCommand {
    static let command = HardenCLI.Command(
        name: "profiles",
        summary: "list the profiles on the search path and where each came from",
        usage: "harden profiles [--profiles DIR]...",
        options: [.profiles, .help],
        details: """
        Search path, first match by name wins: --profiles DIR (in order), HARDEN_PROFILE_PATH
        (colon-separated), ./.harden/profiles, $XDG_CONFIG_HOME/harden/profiles (default
        ~/.config/harden/profiles), /etc/harden/profiles, then the built-ins.
        A profile hidden by an earlier one of the same name is listed as shadowed.
        """,
        run: { arguments, console throws(HardenError) in try ProfilesCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        let options = try HardenOptions(parsed)
        if options.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        let sources = try Session(options: options, console: console).repository.allSources()
        var seen: [String: String] = [:]
        var rows: [(String, String, String)] = []
        for source in sources {
            var description = ""
            if let (_, profile) = try? ProfileRepository.load(source) { description = profile.description ?? "" }
            if let winner = seen[source.name] {
                description = "(shadowed by \(winner))"
            } else {
                seen[source.name] = source.location
            }
            rows.append((source.name, source.location, description))
        }
        let nameWidth = max(4, rows.map(\.0.count).max() ?? 0) + 2
        let sourceWidth = max(6, rows.map(\.1.count).max() ?? 0) + 2
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(1, w - s.count)) }
        var text = pad("NAME", nameWidth) + pad("SOURCE", sourceWidth) + "DESCRIPTION\n"
        for row in rows { text += pad(row.0, nameWidth) + pad(row.1, sourceWidth) + row.2 + "\n" }
        console.out(text)
        return 0
    }
}
