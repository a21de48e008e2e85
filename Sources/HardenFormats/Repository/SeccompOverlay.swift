import HardenModel

/// Where one entry of a resolved profile's seccomp `allow` or `deny` came from, for `harden show`.
package struct SeccompEntryOrigin: Sendable, Equatable {
    package enum List: String, Sendable { case allow, deny }
    package enum How: String, Sendable {
        /// Written in the list itself (the replacing form).
        case set
        /// Joined the list through `add` (allow) or `remove` (deny).
        case add, remove
    }
    package var list: List
    package var entry: String
    package var file: String
    package var how: How
}

/// An added entry that a deny entry still covers through a group, in the file that added it.
package struct SeccompNote: Sendable, Equatable {
    package var file: String
    package var message: String
}

/// The part of `JSONMerge` that knows the seccomp section's additive form (`SeccompAdditions`):
/// `add` and `remove` never reach the merged document; they are folded into its `allow` and `deny`.
enum SeccompOverlay {
    struct Additions {
        var add: [String]
        var remove: [String]
        var location: SourceLocation
    }

    /// The document without `seccomp.add`/`seccomp.remove`, and those lists when it had any.
    static func split(_ document: JSONNode) -> (JSONNode, Additions?) {
        guard case .object(var members) = document.kind,
              let index = members.firstIndex(where: { $0.key == "seccomp" }),
              case .object(var section) = members[index].value.kind,
              section.contains(where: { $0.key == "add" || $0.key == "remove" }) else { return (document, nil) }
        let add = section.first { $0.key == "add" }?.value, remove = section.first { $0.key == "remove" }?.value
        section.removeAll { $0.key == "add" || $0.key == "remove" }
        members[index].value.kind = .object(section)
        var stripped = document
        stripped.kind = .object(members)
        let location = (add ?? remove)?.location ?? members[index].value.location
        return (stripped, Additions(add: strings(add), remove: strings(remove), location: location))
    }

    /// Keeps the per-entry origins in step with what the document wrote in the replacing form.
    static func track(_ document: JSONNode, file: String, origins: inout [SeccompEntryOrigin]) {
        guard let section = document["seccomp"] else { return }
        if case .null = section.kind { origins.removeAll(); return }
        for list in [SeccompEntryOrigin.List.allow, .deny] {
            guard let node = section[list.rawValue] else { continue }
            origins.removeAll { $0.list == list }
            origins += strings(node).map { SeccompEntryOrigin(list: list, entry: $0, file: file, how: .set) }
        }
    }

    /// Folds the additions into the merged document's seccomp section; returns which lists changed.
    static func fold(_ additions: Additions, into result: inout JSONNode, file: String,
                     origins: inout [SeccompEntryOrigin], notes: inout [SeccompNote]) -> [SeccompEntryOrigin.List] {
        guard case .object(var members) = result.kind else { return [] }
        var index = members.firstIndex { $0.key == "seccomp" }
        if index == nil {
            members.append(JSONMember(key: "seccomp", keyLocation: additions.location, value: JSONNode(.object([]), at: additions.location)))
            index = members.count - 1
        }
        guard let index, case .object(var section) = members[index].value.kind else { return [] }
        let allow = strings(section.first { $0.key == "allow" }?.value)
        let deny = strings(section.first { $0.key == "deny" }?.value)
        let folded = SeccompAdditions.fold(allow: allow, deny: deny, add: additions.add, remove: additions.remove)
        var changed: [SeccompEntryOrigin.List] = []
        for change in folded.changes {
            switch change.kind {
            case .added: origins.append(SeccompEntryOrigin(list: .allow, entry: change.entry, file: file, how: .add))
            case .liftedDeny: origins.removeAll { $0.list == .deny && $0.entry == change.entry }
            case .removed: origins.removeAll { $0.list == .allow && $0.entry == change.entry }
            case .denied: origins.append(SeccompEntryOrigin(list: .deny, entry: change.entry, file: file, how: .remove))
            case .shadowed:
                let by = change.by.map { entry in
                    let from = origins.first { $0.list == .deny && $0.entry == entry }?.file
                    return "\(entry)" + (from.map { " (\($0))" } ?? "")
                }
                notes.append(SeccompNote(file: file, message: "seccomp.add \"\(change.entry)\": deny \(by.joined(separator: ", ")) still refuses it (deny wins); add the deny entry's exact name to lift that deny, or drop the entry"))
            }
        }
        if folded.allow != allow {
            set("allow", folded.allow, in: &section, at: additions.location)
            changed.append(.allow)
        }
        if folded.deny != deny {
            set("deny", folded.deny, in: &section, at: additions.location)
            changed.append(.deny)
        }
        members[index].value.kind = .object(section)
        result.kind = .object(members)
        return changed
    }

    private static func set(_ key: String, _ entries: [String], in section: inout [JSONMember], at location: SourceLocation) {
        let node = JSONNode(.array(entries.map { JSONNode(.string($0), at: location) }), at: location)
        if let index = section.firstIndex(where: { $0.key == key }) {
            section[index].value = node
        } else {
            section.append(JSONMember(key: key, keyLocation: location, value: node))
        }
    }

    private static func strings(_ node: JSONNode?) -> [String] {
        guard case .array(let items)? = node?.kind else { return [] }
        return items.compactMap { if case .string(let s) = $0.kind { s } else { nil } }
    }
}
