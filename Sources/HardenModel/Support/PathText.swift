import Glibc

/// Path arithmetic on strings, as NSString did it for the callers here, without linking full
/// Foundation (its start-up cost is most of a `harden run`). Slashes are collapsed and a trailing
/// one dropped before a component is taken, so `/a//b/` is `/a/b`.
package enum PathText {
    /// `/a/b` → `b`, `/a/b/` → `b`, `/` → `/`, `` → ``.
    package static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf8.count > 1 else { return fixed }
        return String(fixed[startOfLast(fixed)...])
    }

    /// `/a/b` → `/a`, `/a` → `/`, `a` → `` (NSString traps there), `/` → `/`.
    package static func deletingLastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed != "/", !fixed.isEmpty else { return fixed }
        let start = startOfLast(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `a` + `b` → `a/b`; an empty side gives the other; no second slash after a trailing one.
    static func appending(_ path: String, _ component: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// NSString's standardizingPath: `.` and empty components dropped, `..` in an absolute path
    /// takes the previous component away, and each symbolic link met on the way is replaced by
    /// where it points, so one directory named two ways compares equal. A path that does not
    /// exist is standardized as far as the text goes; a relative one keeps its `..`. The callers
    /// pass absolute paths, so `~` is not expanded.
    package static func standardized(_ path: String) -> String {
        guard !path.isEmpty else { return path }
        let absolute = path.hasPrefix("/")
        var components = path.split(separator: "/").map(String.init)
        var resolved = absolute ? "/" : components.removeFirst()
        for component in components {
            switch component {
            case ".":
                continue
            case "..":
                resolved = absolute ? deletingLastComponent(resolved) : appending(resolved, component)
            default:
                resolved = appending(resolved, component)
                if let destination = symlinkDestination(resolved) { resolved = destination }
            }
        }
        return resolved
    }

    /// The user's home directory from the password database, for when HOME is unset.
    package static func passwordHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// Where a symbolic link ends up, following a chain of them; relative targets are taken from
    /// the link's own directory. Nil when `path` is not a link.
    private static func symlinkDestination(_ path: String) -> String? {
        var current = path
        var followed = false
        // The kernel's own limit on a chain (MAXSYMLINKS); a loop gives up instead of spinning.
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, Int(PATH_MAX))
            guard count >= 0 else { break }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : appending(deletingLastComponent(current), target)
            followed = true
        }
        return followed ? current : nil
    }

    /// Runs of slashes made one and a trailing slash dropped, except that `/` stays `/` (and,
    /// as in NSString, `//` becomes ``).
    static func fixingSlashes(_ path: String) -> String {
        guard path != "/" else { return path }
        var result = ""
        result.reserveCapacity(path.utf8.count)
        var previousSlash = false
        for character in path {
            let slash = character == "/"
            if !(slash && previousSlash) { result.append(character) }
            previousSlash = slash
        }
        if result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func startOfLast(_ fixed: String) -> String.Index {
        fixed.lastIndex(of: "/").map { fixed.index(after: $0) } ?? fixed.startIndex
    }
}
