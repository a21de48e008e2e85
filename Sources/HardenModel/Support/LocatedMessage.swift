/// Errors about a file carry their place as a `FILE:LINE:COLUMN: ` prefix, which is what a user
/// reads. `harden validate` reports them as findings, and findings keep the place as data (SARIF
/// needs the line apart from the text), so this takes the prefix back apart.
package enum LocatedMessage {
    /// The position and the rest of `message` when it starts with one of `files` followed by
    /// `:LINE:COLUMN: ` or `: `; nil when it names none of them. The longest file name is tried
    /// first, so `a.json` never matches inside `a.json.bak`.
    package static func split(_ message: String, files: [String]) -> (position: SourcePosition, rest: String)? {
        split(message, files: Set(files))
    }

    /// The same against a set, so that a repository of ten thousand files looks each message up by
    /// its own prefixes rather than trying every file name on every message.
    package static func split(_ message: String, files: Set<String>) -> (position: SourcePosition, rest: String)? {
        // Every prefix that ends before a ':' could be a file name; the longest is tried first.
        let colons = message.indices.filter { message[$0] == ":" }
        for colon in colons.reversed() {
            let file = String(message[..<colon])
            guard files.contains(file) else { continue }
            let tail = message[message.index(after: colon)...]
            let parts = tail.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]), parts[2].hasPrefix(" ") {
                return (SourcePosition(file: file, line: line, column: column), String(parts[2].dropFirst()))
            }
            if tail.hasPrefix(" ") { return (SourcePosition(file: file), String(tail.dropFirst())) }
        }
        return nil
    }
}
