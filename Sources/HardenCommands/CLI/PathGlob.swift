import HardenFormats
import HardenModel
/// A glob over a `/`-separated relative path, as `check DIR --include/--exclude` take them:
/// `*` any run of characters within one name, `?` one character, `[abc]`, `[a-z]`, `[!a]` (or
/// `[^a]`) one character of a set, `\` the next character literally, and `**` as a whole name any
/// number of names (none included), so `**/compose.yaml` is also `compose.yaml` itself. A pattern
/// without a `/` is matched against the file's name at any depth, as .gitignore and .dockerignore
/// read one (`*.test.yaml`).
struct PathGlob: Sendable, Equatable {
    let pattern: String
    private let segments: [[Unicode.Scalar]]
    private let anyDepth: Bool

    /// Throws, saying why, when the pattern cannot be a glob.
    init(_ pattern: String) throws(HardenError) {
        self.pattern = pattern
        var trimmed = pattern
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        // `vendor/` names a directory, and so everything below it.
        if trimmed.hasSuffix("/") { trimmed += "**" }
        anyDepth = !trimmed.contains("/")
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        guard !segments.isEmpty else { throw .input("\"\(pattern)\" is an empty glob") }
        for segment in segments { try Self.checkBrackets(segment, pattern: pattern) }
    }

    /// `path`: relative to the directory given, without a leading `./`.
    func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        if anyDepth, segments.count == 1 {
            guard let last = names.last else { return false }
            return segments[0] == Array("**".unicodeScalars) || Self.name(segments[0][...], last[...])
        }
        return Self.path(segments, names)
    }

    private static func checkBrackets(_ segment: [Unicode.Scalar], pattern: String) throws(HardenError) {
        var index = 0
        while index < segment.count {
            if segment[index] == "\\" { index += 2; continue }
            if segment[index] == "[" {
                guard let close = closing(segment, from: index) else {
                    throw .input("\"\(pattern)\" is not a glob: a [ without its ]; write \\[ for a bracket")
                }
                index = close
            }
            index += 1
        }
    }

    /// The index of the `]` closing the set opened at `open`; a `]` first in the set is a member.
    private static func closing(_ segment: [Unicode.Scalar], from open: Int) -> Int? {
        var index = open + 1
        if index < segment.count, segment[index] == "!" || segment[index] == "^" { index += 1 }
        if index < segment.count, segment[index] == "]" { index += 1 }
        while index < segment.count {
            if segment[index] == "]" { return index }
            index += 1
        }
        return nil
    }

    /// Names against segments, `**` taking any number of names; a table rather than recursion, so
    /// that many `**` cannot take exponential time.
    private static func path(_ segments: [[Unicode.Scalar]], _ names: [[Unicode.Scalar]]) -> Bool {
        let globstar = Array("**".unicodeScalars)
        // matched[j]: the segments so far match the first j names.
        var matched = [Bool](repeating: false, count: names.count + 1)
        matched[0] = true
        for segment in segments {
            var next = [Bool](repeating: false, count: names.count + 1)
            if segment == globstar {
                var reached = false
                for j in 0...names.count {
                    reached = reached || matched[j]
                    next[j] = reached
                }
            } else {
                for j in 0..<names.count where matched[j] && name(segment[...], names[j][...]) { next[j + 1] = true }
            }
            matched = next
        }
        return matched[names.count]
    }

    /// One name against one segment: `*`, `?`, sets, escapes.
    private static func name(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let pattern = Array(pattern), text = Array(text)
        // matched[j]: the pattern so far matches the first j characters.
        var matched = [Bool](repeating: false, count: text.count + 1)
        matched[0] = true
        var index = 0
        while index < pattern.count {
            var next = [Bool](repeating: false, count: text.count + 1)
            let scalar = pattern[index]
            if scalar == "*" {
                var reached = false
                for j in 0...text.count {
                    reached = reached || matched[j]
                    next[j] = reached
                }
                index += 1
            } else {
                var test: (Unicode.Scalar) -> Bool
                if scalar == "?" {
                    test = { _ in true }
                    index += 1
                } else if scalar == "[", let close = closing(pattern, from: index) {
                    test = member(Array(pattern[(index + 1)..<close]))
                    index = close + 1
                } else {
                    let literal = scalar == "\\" && index + 1 < pattern.count ? pattern[index + 1] : scalar
                    index += scalar == "\\" && index + 1 < pattern.count ? 2 : 1
                    test = { $0 == literal }
                }
                for j in 0..<text.count where matched[j] && test(text[j]) { next[j + 1] = true }
            }
            matched = next
        }
        return matched[text.count]
    }

    private static func member(_ set: [Unicode.Scalar]) -> (Unicode.Scalar) -> Bool {
        var set = set[...]
        let negated = set.first == "!" || set.first == "^"
        if negated { set = set.dropFirst() }
        var ranges: [ClosedRange<UInt32>] = []
        var items = Array(set)
        var index = 0
        while index < items.count {
            if items[index] == "\\", index + 1 < items.count { items.remove(at: index) }
            let low = items[index].value
            if index + 2 < items.count, items[index + 1] == "-" {
                ranges.append(low...max(low, items[index + 2].value))
                index += 3
            } else {
                ranges.append(low...low)
                index += 1
            }
        }
        return { scalar in ranges.contains { $0.contains(scalar.value) } != negated }
    }
}
