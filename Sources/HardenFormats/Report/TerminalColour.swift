import HardenModel
/// The colours of `harden check`'s text report on a terminal: a rejection and an error in red, a
/// warning in yellow, an accepted launch in green, an excepted finding dim. Only ever asked for
/// when standard output is a terminal (see `CheckCommand.Request.colour`), so that no escape code
/// reaches a pipe, a file or a CI log parser.
package enum TerminalColour {
    static let reset = "\u{1B}[0m"

    static func paint(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m" + text + reset }

    static func severity(_ label: String, _ severity: Severity) -> String {
        switch severity {
        case .error: paint(label, "1;31")
        case .warning: paint(label, "33")
        case .note: paint(label, "2")
        }
    }

    /// `rejected`, `accepted`, `unreadable`, `incomplete`: the verdict of a launch or of the check.
    static func verdict(_ verdict: String) -> String {
        switch verdict {
        case "accepted": paint(verdict, "32")
        case "rejected", "unreadable", "incomplete": paint(verdict, "1;31")
        default: verdict
        }
    }
}
