/// One named group of syscalls, written `@name` in a profile's seccomp section.
public struct SyscallGroup: Sendable, Equatable {
    /// With its `@`.
    public let name: String
    public let summary: String
    /// Syscall names and `@group` references, as the table writes them.
    public let members: [String]

    init(_ name: String, _ summary: String, _ members: [String]) {
        self.name = name
        self.summary = summary
        self.members = members
    }
}

/// Looks up and expands the syscall groups of `SyscallGroupTable.swift`.
public enum SyscallCatalogue {
    private static let byName: [String: SyscallGroup] = Dictionary(uniqueKeysWithValues: groups.map { ($0.name, $0) })

    public static var all: [SyscallGroup] { groups }

    public static func group(named name: String) -> SyscallGroup? { byName[name] }

    /// The groups that describe what a syscall does, for attributing a name to one: every group but
    /// the composites (`@privileged` gathers other groups, `@system-service` is a selection).
    public static var functionalGroups: [SyscallGroup] {
        groups.filter { !["@privileged", "@system-service"].contains($0.name) }
    }

    /// Why an entry of an allow or deny list cannot be used, or nil when it can: an unknown group,
    /// or a name that is no syscall on any architecture harden writes filters for.
    public static func problem(with entry: String) -> String? {
        if entry.hasPrefix("@") {
            guard byName[entry] == nil else { return nil }
            var hint = "`harden seccomp --groups` lists them"
            if let near = StrictReader.nearest(entry, in: groups.map(\.name)) { hint = "did you mean \"\(near)\"?" }
            return "\"\(entry)\" is not a syscall group; \(hint)"
        }
        guard !Syscalls.isKnown(entry) else { return nil }
        var hint = "use a name as scmp_sys_resolver knows it, or a group such as @file-system"
        if let near = StrictReader.nearest(entry, in: Syscalls.all) { hint = "did you mean \"\(near)\"?" }
        return "\"\(entry)\" is not a syscall on x86_64 or aarch64 (or their 32-bit ABIs); \(hint)"
    }

    /// The syscall names a list of names and `@group`s stands for. Order and repetition in the list
    /// do not matter. Unknown entries are skipped: profiles are checked by `problem(with:)` when decoded.
    public static func expand(_ entries: [String]) -> Set<String> {
        var names: Set<String> = []
        var visited: Set<String> = []
        for entry in entries { collect(entry, into: &names, visited: &visited) }
        return names
    }

    /// Members of a group, sorted, with nested groups expanded.
    public static func names(in group: String) -> [String] { expand([group]).sorted() }

    /// `visited` stops a group that (by a table mistake) includes itself from recursing for ever;
    /// the catalogue tests check there is no such cycle.
    private static func collect(_ entry: String, into names: inout Set<String>, visited: inout Set<String>) {
        guard entry.hasPrefix("@") else {
            if Syscalls.isKnown(entry) { names.insert(entry) }
            return
        }
        guard let group = byName[entry], visited.insert(entry).inserted else { return }
        for member in group.members { collect(member, into: &names, visited: &visited) }
    }

    /// The group a syscall is reported under: the first functional group in name order that lists
    /// it, else the first composite (a few privileged calls belong to @privileged alone).
    public static func reportingGroup(of name: String) -> String? {
        (functionalGroups + groups).first { group in expand([group.name]).contains(name) }?.name
    }
}
