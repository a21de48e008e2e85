/// What a container wrote to its root filesystem, from `docker diff` (`A /path`, `C /path`,
/// `D /path`, one a line; podman prints the same), reduced to the directories a read-only root
/// would need writable.
public struct RootWrites: Sendable, Equatable {
    public enum Kind: Character, Sendable { case added = "A", changed = "C", deleted = "D" }

    public struct Change: Sendable, Equatable {
        public var kind: Kind
        public var path: String
        public init(_ kind: Kind, _ path: String) { self.kind = kind; self.path = path }
    }

    public var changes: [Change]

    public init(changes: [Change]) { self.changes = changes }

    /// Reads `docker diff` output. A line that is not `KIND /path` is an error naming it: a half-read
    /// diff would leave a written directory out of the profile, which then fails on its first write.
    public static func parse(_ text: String, source: String = "docker diff") throws(HardenError) -> RootWrites {
        var changes: [Change] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard line.count >= 3, let first = line.first, let kind = Kind(rawValue: first),
                  line.dropFirst().first == " ", line.dropFirst(2).first == "/" else {
                throw .input("\(source):\(index + 1): \"\(line)\" is not a change; expected \"A /path\", \"C /path\" or \"D /path\"")
            }
            changes.append(Change(kind, String(line.dropFirst(2))))
        }
        return RootWrites(changes: changes)
    }

    /// The directories written: for every changed path that is no parent of another (a file, or an
    /// empty directory made by the workload), the directory holding it; nested ones folded into
    /// their ancestor; sorted. Paths at or under `mounted` (the tmpfs and volumes the run already
    /// had, and /dev, /proc, /sys) are the engine's, not writes to the root; so are the mount points
    /// the engine made for them.
    public func directories(mounted: [String]) -> [String] {
        let skip = mounted + ["/dev", "/proc", "/sys"]
        let paths = Set(changes.map(\.path))
        let isParent: (String) -> Bool = { path in paths.contains { $0.count > path.count && PathOrder.isAncestor(path, of: $0) } }
        var written: Set<String> = []
        for change in changes {
            let path = change.path
            if skip.contains(where: { $0 == path || PathOrder.isAncestor($0, of: path) || PathOrder.isAncestor(path, of: $0) }) { continue }
            if change.kind != .deleted, isParent(path) { continue }
            // podman hides the mount points it makes (/etc/hosts, /etc/resolv.conf,
            // /run/.containerenv) from its diff but not their directory, changed and childless.
            if change.kind == .changed, Self.engineDirectories.contains(path) { continue }
            written.insert(PathOrder.parent(of: path))
        }
        return PathOrder.outermost(written)
    }

    static let engineDirectories: Set<String> = ["/etc", "/run"]

    /// Whether the image already had this directory: `C` (changed) rather than `A` (added).
    public func existedInImage(_ directory: String) -> Bool {
        !changes.contains { $0.path == directory && $0.kind == .added }
    }
}

/// Path arithmetic on absolute, clean paths, as `docker diff` prints them.
enum PathOrder {
    static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        ancestor == "/" ? path != "/" : path.hasPrefix(ancestor + "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The paths none of whose ancestors is among them, sorted.
    static func outermost(_ paths: Set<String>) -> [String] {
        paths.filter { path in !paths.contains { $0 != path && isAncestor($0, of: path) } }.sorted()
    }
}
