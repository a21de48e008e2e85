/// Paths folded by their text alone, as a runtime reads a path inside a namespace or a bundle.
/// Lexical: only for what is not on this host, or after `HostFacts.resolveSymlinks` has followed what is.
package enum PathLexical {
    /// `//`, `/./`, `..` and a trailing `/` folded; the result is absolute when the path was.
    package static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let body = components(path, absolute: absolute).joined(separator: "/")
        return absolute ? "/" + body : (body.isEmpty ? "." : body)
    }

    /// The components left once `//`, `/./` and `..` are folded. Above the start, `..` is kept in a
    /// relative path (it still climbs) and dropped in an absolute one (the root is its own parent).
    static func components(_ path: String, absolute: Bool) -> [Substring] {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty && parts.last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }; continue }
            parts.append(part)
        }
        return parts
    }

    /// A relative path that climbs above where it starts (`..`, `a/../..`).
    package static func escapes(_ path: String) -> Bool {
        var depth = 0
        for part in path.split(separator: "/") {
            if part == ".." { depth -= 1; if depth < 0 { return true } } else if part != "." { depth += 1 }
        }
        return false
    }
}
