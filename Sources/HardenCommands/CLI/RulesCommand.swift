/// `harden rules`: the rule table, one line per rule.
enum RulesCommand {
    static let command = HardenCLI.Command(
        name: "rules",
        summary: "list the validator's rules",
        usage: "harden rules",
        details: "Lists every rule with its default severity. Hard rejections are errors whatever a policy says. `harden explain RULE` prints one in full.",
        run: { arguments, console throws(HardenError) in try RulesCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        console.out(render())
        return 0
    }

    static func render() -> String {
        let width = (RuleTable.ids.map(\.count).max() ?? 0) + 2
        let lines = RuleTable.all.map { rule in
            let severity = rule.hard ? "hard" : rule.severity.rawValue
            return rule.id + String(repeating: " ", count: width - rule.id.count) + severity.padded(to: 9) + rule.summary
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import FoundationEssentials
import HardenFormats
import HardenModel
