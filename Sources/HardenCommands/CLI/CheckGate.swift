import HardenFormats
import HardenModel
/// What makes `harden check` a gate a team can keep switched on: the threshold that fails it
/// (`--fail-on`), a quiet report (`-q`, `--show`), and the report written to a file (`-o`).
extension CheckCommand {
    enum FailOn: String {
        case error, warning, never

        /// The least severity that fails the gate; nil for never.
        var severity: Severity? {
            switch self {
            case .error: .error
            case .warning: .warning
            case .never: nil
            }
        }
    }
}

extension CommandOption {
    static let failOn = CommandOption("--fail-on", value: "error|warning|never")
    static let quiet = CommandOption("--quiet", short: "q")
    static let show = CommandOption("--show", value: "warning|error")
    static let output = CommandOption("--output", short: "o", value: "FILE")
    static let noColor = CommandOption("--no-color")
}

extension CheckCommand.Request {
    mutating func readGate(_ parsed: ParsedArguments) throws(HardenError) {
        if let value = parsed.value("--fail-on") {
            guard let level = CheckCommand.FailOn(rawValue: value) else {
                throw .input("\(parsed.shown("--fail-on")) is not a level; use error, warning or never")
            }
            failOn = level
        }
        let quiet = parsed.has("--quiet")
        if let value = parsed.value("--show") {
            guard let level = Severity(rawValue: value), level != .note else {
                throw .input("\(parsed.shown("--show")) is not a level; use warning or error")
            }
            guard quiet else { throw .input("\(parsed.shown("--show")) chooses what -q/--quiet writes; add -q, or leave --show out") }
            show = level
        } else if quiet {
            show = .warning
        }
        output = parsed.value("--output")
        noColor = parsed.has("--no-color")
    }

    /// Colour only in text, only on a terminal, and not when the user said no: --no-color, the
    /// NO_COLOR convention (no-color.org: set and not empty) or a terminal that has none (TERM=dumb).
    func wantsColour(_ console: Console) -> Bool {
        guard format == .text, !junit, output == nil, !noColor, console.outIsTerminal else { return false }
        if let value = console.environment["NO_COLOR"], !value.isEmpty { return false }
        return console.environment["TERM"] != "dumb"
    }

    func report() -> AuditReportStream {
        let format: AuditReportStream.Format = switch self.format {
        case .text: colour ? .terminal : .text
        case .json: .json
        case .sarif: .sarif
        }
        var report = AuditReportStream(format: format)
        report.show = show
        return report
    }

    /// Writes the report where it goes and the unreadable inputs' errors to standard error; false,
    /// having written nothing, when the spooled report cannot be read back.
    func deliver(_ report: borrowing AuditReportStream, console: Console) throws(HardenError) -> Bool {
        if output == nil {
            guard report.finish(console.out) else { return false }
        } else {
            var text = ""
            guard report.finish({ text += $0 }) else { return false }
            try write(text, console: console)
        }
        for message in report.problems { console.err("harden: \(message)\n") }
        return true
    }

    func write(_ text: String, console: Console) throws(HardenError) {
        guard let output else { console.out(text); return }
        let target = output.hasPrefix("/") ? output : console.currentDirectory + "/" + output
        do {
            try AtomicFile.write(text, to: target)
        } catch {
            throw .input("\(output): \(error.description); \(error.advice); the previous file, if any, is unchanged")
        }
    }

    /// The worst thing found: an input that could not be read (whatever --fail-on says), then a
    /// launch at or above the threshold.
    func status(_ tally: AuditTally) -> Int32 {
        if tally.unreadable > 0 { return 2 }
        switch failOn {
        case .error: return tally.rejected > 0 ? 1 : 0
        case .warning: return tally.rejected > 0 || tally.warnings > 0 ? 1 : 0
        case .never: return 0
        }
    }
}
