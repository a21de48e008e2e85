import HardenModel
/// `harden check`'s reports written one launch at a time, byte for byte what `TextReport`,
/// `JSONReport` and `SARIFReport` write for the whole list, keeping only the summary's counts and
/// the rendered text (in an `OutputSpool`) rather than every result.
package struct AuditReportStream: ~Copyable {
    package enum Format: Sendable {
        case text, json, sarif
        /// Text for a terminal: severities and verdicts in colour (`TextReport.Style`).
        case terminal
    }

    /// Launches rendered apart from the stream, possibly on another thread, to be appended in order.
    struct Piece: Sendable {
        var bytes: [UInt8] = []
        /// Elements of the report's array (launches for JSON, findings for SARIF) in `bytes`.
        var items = 0
        var tally = AuditTally()
        /// The one-line errors of the inputs that could not be read, for standard error.
        var problems: [String] = []
    }

    let format: Format
    /// `check -q`: only launches with a finding at or above this severity are written (unreadable
    /// inputs always are); nil writes every launch. The summary counts every launch either way.
    package var show: Severity?
    private let spool = OutputSpool()
    package private(set) var tally = AuditTally()
    /// The one-line errors of the inputs that could not be read, in the order of the report.
    package private(set) var problems: [String] = []
    private var items = 0

    package init(format: Format) { self.format = format }

    /// The streamed array's elements sit this deep in the document; the array itself one less.
    private static func depth(_ format: Format) -> Int { format == .sarif ? 4 : 2 }

    /// SARIF's `ruleIndex` into the rule table, as `SARIFReport` numbers it.
    private static let ruleIndex = SARIFReport.ruleIndex(RuleTable.all)

    static func render(_ result: AuditResult, format: Format, show: Severity? = nil, into piece: inout Piece) {
        piece.tally.add(result)
        guard shown(result, at: show) else { return }
        switch format {
        case .text:
            piece.bytes += TextReport.entry(result).utf8
        case .terminal:
            piece.bytes += TextReport.entry(result, colour: true).utf8
        case .json:
            element(JSONReport.launch(result), depth: depth(format), into: &piece)
        case .sarif:
            for finding in result.findings {
                let node = SARIFReport.result(finding, name: result.launch.name, ruleIndex: ruleIndex[finding.ruleID] ?? 0)
                element(node, depth: depth(format), into: &piece)
            }
        }
    }

    static func shown(_ result: AuditResult, at show: Severity?) -> Bool {
        guard let show, result.launch.kind != .unreadable else { return true }
        return result.rejected || (show != .error && result.warnings > 0)
    }

    private static func element(_ node: JSONNode, depth: Int, into piece: inout Piece) {
        if piece.items > 0 { piece.bytes.append(UInt8(ascii: ",")) }
        JSONWriter.newline(into: &piece.bytes, indent: depth)
        JSONWriter.appendPretty(node, indent: depth, into: &piece.bytes)
        piece.items += 1
    }

    package mutating func add(_ result: AuditResult) {
        var piece = Piece()
        Self.render(result, format: format, show: show, into: &piece)
        append(piece)
    }

    /// An input that could not be read: its finding in the report, its error for standard error.
    package mutating func add(unreadable result: AuditResult, message: String) {
        var piece = Piece()
        Self.render(result, format: format, show: show, into: &piece)
        piece.problems.append(message)
        append(piece)
    }

    mutating func append(_ piece: Piece) {
        if piece.items > 0, items > 0 { spool.append([UInt8(ascii: ",")]) }
        if !piece.bytes.isEmpty { spool.append(piece.bytes) }
        items += piece.items
        tally.add(piece.tally)
        problems += piece.problems
    }

    /// Prints the report; false, having printed nothing, when the spooled text cannot be read back.
    package func finish(_ out: (String) -> Void) -> Bool {
        guard spool.isIntact else { return false }
        let document: String
        switch format {
        case .text, .terminal:
            spool.drain(out)
            out(TextReport.closing(command: "check", summary: tally.summary, verdict: tally.verdict, colour: format == .terminal))
            return true
        case .json:
            document = JSONReport.document(tally, launches: [])
        case .sarif:
            document = SARIFReport.document(rules: RuleTable.all.map { SARIFReport.descriptor(.init($0)) }, results: [])
        }
        // The document as written with an empty array, which is its last: the elements go in its place.
        let bytes = Array(document.utf8)
        guard let empty = bytes.indices.dropLast().last(where: { bytes[$0] == UInt8(ascii: "[") && bytes[$0 + 1] == UInt8(ascii: "]") }) else {
            return false
        }
        out(String(decoding: bytes[..<empty], as: UTF8.self))
        if items == 0 {
            out("[]")
        } else {
            out("[")
            spool.drain(out)
            out("\n" + String(repeating: " ", count: (Self.depth(format) - 1) * 2) + "]")
        }
        out(String(decoding: bytes[(empty + 2)...], as: UTF8.self))
        return true
    }
}
