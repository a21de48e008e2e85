/// The additive form of a profile's `seccomp` section: `add` and `remove` change what the profile
/// inherits instead of replacing it, so a team profile that needs `@sync` does not have to repeat
/// (and keep in step with) its parent's whole `allow` list. An array would replace the parent's.
///
/// - `add`: each entry joins `allow`; a `deny` entry spelled exactly the same is lifted (an explicit
///   add is the one way to undo an inherited deny). A deny that covers it only through a group stays:
///   deny wins, and the change says so.
/// - `remove`: each entry leaves `allow`; when the remaining entries still allow some of its
///   syscalls (fsync through `@sync`, say), it joins `deny` so that it is refused all the same.
///
/// `add` applies before `remove`, so `"add": ["@sync"], "remove": ["sync"]` allows @sync but sync.
public enum SeccompAdditions {
    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable { case added, liftedDeny = "lifted deny", removed, denied, shadowed }
        public var kind: Kind
        public var entry: String
        /// For `shadowed`: the deny entries that still refuse some of the entry's syscalls.
        public var by: [String] = []
        public init(_ kind: Kind, _ entry: String, by: [String] = []) { self.kind = kind; self.entry = entry; self.by = by }
    }

    public static func fold(allow: [String], deny: [String], add: [String], remove: [String])
        -> (allow: [String], deny: [String], changes: [Change]) {
        var allow = allow, deny = deny, changes: [Change] = []
        for entry in add {
            if deny.contains(entry) {
                deny.removeAll { $0 == entry }
                changes.append(Change(.liftedDeny, entry))
            }
            if !allow.contains(entry) {
                allow.append(entry)
                changes.append(Change(.added, entry))
            }
            let names = SyscallCatalogue.expand([entry])
            let by = deny.filter { !SyscallCatalogue.expand([$0]).isDisjoint(with: names) }
            if !by.isEmpty { changes.append(Change(.shadowed, entry, by: by)) }
        }
        for entry in remove {
            if allow.contains(entry) {
                allow.removeAll { $0 == entry }
                changes.append(Change(.removed, entry))
            }
            let stillAllowed = SyscallCatalogue.expand(allow).subtracting(SyscallCatalogue.expand(deny))
            if !stillAllowed.isDisjoint(with: SyscallCatalogue.expand([entry])), !deny.contains(entry) {
                deny.append(entry)
                changes.append(Change(.denied, entry))
            }
        }
        return (allow, deny, changes)
    }

    /// Why one document's additive entries cannot be read, or nil: an entry both added and removed.
    public static func conflict(add: [String], remove: [String]) -> String? {
        guard let both = add.first(where: remove.contains) else { return nil }
        return "\"\(both)\" is both added and removed; keep it in one of the two lists"
    }
}
