/// Errors about a file carry their place as a `FILE:LINE:COLUMN: ` prefix, which is what a user
/// reads. `harden validate` reports them as findings, and findings keep the place as data (SARIF
/// needs the line apart from the text), so this takes the prefix back apart.
enum LocatedMessage {
    /// The position and the rest of `message` when it starts with one of `files` followed by
    /// `:LINE:COLUMN: ` or `: `; nil when it names none of them. The longest file name is tried
    /// first, so `a.json` never matches inside `a.json.bak`.
    static func split(_ message: String, files: [String]) -> (position: SourcePosition, rest: String)? {
        for file in files.sorted(by: { $0.count > $1.count }) where message.hasPrefix(file + ":") {
            let tail = message.dropFirst(file.count + 1)
            let parts = tail.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]), parts[2].hasPrefix(" ") {
                return (SourcePosition(file: file, line: line, column: column), String(parts[2].dropFirst()))
            }
            if tail.hasPrefix(" ") { return (SourcePosition(file: file), String(tail.dropFirst())) }
        }
        return nil
    }
}
