/// `harden rules`: the rule table, one line per rule.
enum RulesCommand {
    static let command = HardenCLI.Command(
        name: "rules",
        summary: "list the validator's rules",
        usage: "harden rules [--format text|json]",
        options: [.format("text|json"), .help],
        details: "Lists every rule with its default severity. Hard rejections are errors whatever a policy says. `harden explain RULE` prints one in full.",
        run: { arguments, console throws(HardenError) in try RulesCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        try parsed.refuseOperands(usage: command.usage)
        switch parsed.value("--format") {
        case nil, "text": console.out(render())
        case "json": console.out(json())
        default: throw .input("\(parsed.shown("--format")) is not a format; use text or json")
        }
        return 0
    }

    /// Every rule with what `explain` prints, for scripts and dashboards.
    static func json() -> String {
        JSONWriter.pretty(.arr(RuleTable.all.map { rule in
            JSONNode.obj([
                ("id", .str(rule.id)), ("severity", .str(rule.severity.rawValue)), ("hard", .bool(rule.hard)),
                ("summary", .str(rule.summary)), ("why", .str(rule.why)), ("fix", .str(rule.fix)),
                ("cis", .str(rule.cis)), ("pss", .str(rule.pss)),
            ])
        }))
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
