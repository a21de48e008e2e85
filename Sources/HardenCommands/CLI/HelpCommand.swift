import HardenFormats
import HardenModel
/// `harden help [COMMAND]` and `harden --help`
enum HelpCommand {
    static let command = HardenCLI.Command(
        name: "help", summary: "show help for harden or one command", usage: "harden help [COMMAND]", details: "",
        run: { arguments, console throws(HardenError) in try HelpCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(text(for: command)); return 0 }
        let operands = parsed.allOperands
        guard let (name, _) = operands.first else { console.out(overview); return 0 }
        if operands.count > 1 {
            throw .input("unexpected argument \(operands[1].word) (argument \(operands[1].argument)); usage: \(command.usage)")
        }
        guard let command = HardenCLI.command(named: name) else {
            throw .input("unknown command \"\(name)\"; `harden --help` lists the commands")
        }
        console.out(text(for: command))
        return 0
    }

    static var overview: String {
        let width = (HardenCLI.commands.map(\.name.count).max() ?? 0) + 3
        let list = HardenCLI.commands.map { "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + $0.summary }
        return """
        harden \(HardenVersion.current): run containers with the least privilege they can live with

        usage: harden COMMAND [ARGS...]

        commands:
        \(list.joined(separator: "\n"))

        `harden help COMMAND` shows one command in full.
        Exit status: 0 fine, 1 rejected by validation, 2 bad input or usage; `run` otherwise exits with the engine's status.

        """
    }

    static func text(for command: HardenCLI.Command) -> String {
        var text = "usage: \(command.usage)\n\n\(command.summary)\n"
        if !command.details.isEmpty { text += "\n\(command.details)\n" }
        return text
    }
}
