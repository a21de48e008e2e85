import HardenFormats
import HardenModel
/// `harden version` and `harden --version`
enum VersionCommand {
    static let command = HardenCLI.Command(
        name: "version", summary: "print harden's version", usage: "harden version", details: "",
        run: { arguments, console throws(HardenError) in try VersionCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        console.out("harden \(HardenVersion.current)\n")
        return 0
    }
}
