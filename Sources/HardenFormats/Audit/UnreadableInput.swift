import HardenModel
/// An input of `harden check` that could not be read or parsed (a file, a `--file` line, a list):
/// reported as an `unreadable-input` finding of its own, so the other inputs are still judged.
package enum UnreadableInput {
    package static let ruleID = "unreadable-input"

    /// `name`: how the report names the input (`bad.json`, `lines.txt:3`). `message`: the one-line
    /// error harden gives for it, which usually starts with `FILE:LINE:COLUMN: `; that place becomes
    /// the finding's position and the rest its message.
    package static func result(name: String, file: String, message: String, line: Int? = nil) -> AuditResult {
        var position = SourcePosition(file: file, line: line)
        var reason = HardenError.oneLine(message)
        if let line, reason.hasPrefix("\(file):\(line): ") {
            // A list line: its number is known, and what follows may start with digits and a colon (a port).
            reason = String(reason.dropFirst("\(file):\(line): ".count))
        } else if let placed = split(reason, file: file) {
            position.line = placed.line ?? line
            position.column = placed.column
            reason = placed.rest
        }
        let fix = RuleTable.rule(ruleID)?.fix ?? ""
        let finding = Finding(ruleID: ruleID, severity: .error, message: reason, fix: fix, position: position)
        let launch = AuditedLaunch(name: name, kind: .unreadable, plan: LaunchPlan(), sources: PlanSources(whole: position))
        return AuditResult(launch: launch, findings: [finding])
    }

    /// `FILE:12:3: rest` or `FILE:12: rest` or `FILE: rest` into its parts; nil when it does not start with the file.
    static func split(_ message: String, file: String) -> (line: Int?, column: Int?, rest: String)? {
        guard message.hasPrefix(file + ":") else { return nil }
        var rest = Substring(message.dropFirst(file.count + 1))
        var numbers: [Int] = []
        while numbers.count < 2, let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]), number > 0 {
            numbers.append(number)
            rest = rest[rest.index(after: colon)...]
        }
        return (numbers.first, numbers.count > 1 ? numbers[1] : nil, String(rest.drop(while: { $0 == " " })))
    }
}
