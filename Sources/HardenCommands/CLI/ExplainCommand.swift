import HardenFormats
import HardenModel
/// `harden explain RULE`: one rule in full.
enum ExplainCommand {
    static let command = HardenCLI.Command(
        name: "explain",
        summary: "explain one rule, doctor check, syscall or syscall group",
        usage: "harden explain RULE|SYSCALL|@GROUP",
        details: "RULE is an id from `harden rules`, such as runtime-socket or host-namespace, or a check of `harden doctor --help`, such as socket-world-writable. SYSCALL (fsync) prints its seccomp group, which built-in profiles allow it and what it is for; @GROUP (@sync) its members.",
        run: { arguments, console throws(HardenError) in try ExplainCommand.run(arguments, console: console) })

    static func run(_ arguments: [String], console: Console) throws(HardenError) -> Int32 {
        let parsed = try ArgumentCursor(command).read(arguments)
        if parsed.help { console.out(HelpCommand.text(for: command)); return 0 }
        let operands = parsed.allOperands
        guard operands.count == 1, let (id, number) = operands.first else { throw .input("expected one rule id; usage: \(command.usage)") }
        if let check = DoctorCheckTable.check(id) {
            console.out(render(check))
            return 0
        }
        if RuleTable.rule(id) == nil, RepositoryRules.rule(id) == nil, let text = ExplainSyscall.render(id) {
            console.out(text)
            return 0
        }
        // `harden validate` reports repository rules too; a reader of its output may ask about them.
        guard let rule = RuleTable.rule(id) ?? RepositoryRules.rule(id) else {
            var message = "no rule named \"\(id)\" (argument \(number))"
            if let near = StrictReader.nearest(id, in: RuleTable.ids + RepositoryRules.ids + DoctorCheckTable.ids) { message += "; did you mean \"\(near)\"?" } else { message += "; `harden rules` lists them" }
            throw .input(message)
        }
        console.out(render(rule))
        return 0
    }

    static func render(_ rule: Rule) -> String {
        let severity = rule.hard ? "error, a hard rejection: no flag, profile, policy or exception allows it"
            : RepositoryRules.rule(rule.id) != nil ? "\(rule.severity.rawValue), reported by `harden validate` about a repository's files"
            : "\(rule.severity.rawValue) by default; a team policy can change it"
        return """
        \(rule.id)
          severity: \(severity)
          checks:   \(rule.summary)
          why:      \(rule.why)
          fix:      \(rule.fix)
          CIS Docker Benchmark 1.6.0: \(rule.cis)
          Kubernetes Pod Security Standards: \(rule.pss)

        """
    }

    static func render(_ check: DoctorCheck) -> String {
        """
        \(check.id)
          severity: \(check.severity.rawValue), a check of `harden doctor` (exit 1 on errors)
          checks:   \(check.summary)
          why:      \(check.why)
          fix:      \(check.fix)
          CIS Docker Benchmark 1.6.0: \(check.cis)

        """
    }
}
