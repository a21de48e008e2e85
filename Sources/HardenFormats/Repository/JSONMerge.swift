import HardenModel
/// Merges profile documents parent first: objects merge key by key, any other value replaces, and
/// `null` removes the key. It records, for every value, the file that set it.
package struct JSONMerge {
    private(set) var result = JSONNode(.object([]))
    private(set) var provenance: [String: String] = [:]
    /// Who put each entry of `seccomp.allow` and `seccomp.deny` there, in list order.
    package private(set) var seccompOrigins: [SeccompEntryOrigin] = []
    /// Additions that do not take full effect (a group deny still covers them), for `show` and `validate`.
    package private(set) var seccompNotes: [SeccompNote] = []

    /// Identity keys belong to each document and never flow from parent to child.
    private static let notInherited: Set<String> = ["name", "extends", "requires"]

    mutating func apply(_ document: JSONNode, from file: String) {
        // Drop the parent's identity keys before the child's arrive.
        if case .object(var current) = result.kind {
            let inherited = current.filter { Self.notInherited.contains($0.key) }.map(\.key)
            current.removeAll { Self.notInherited.contains($0.key) }
            result.kind = .object(current)
            for key in inherited { forget([key]) }
        }
        let (document, additions) = SeccompOverlay.split(document)
        result = merge(result, document, path: [], file: file)
        SeccompOverlay.track(document, file: file, origins: &seccompOrigins)
        if let additions {
            for list in SeccompOverlay.fold(additions, into: &result, file: file, origins: &seccompOrigins, notes: &seccompNotes) {
                provenance["seccomp." + list.rawValue] = file
            }
        }
    }

    private mutating func merge(_ base: JSONNode, _ overlay: JSONNode, path: [String], file: String) -> JSONNode {
        guard case .object(let overlayMembers) = overlay.kind, case .object(var members) = base.kind else {
            forget(path)
            record(overlay, path: path, file: file)
            return overlay
        }
        for member in overlayMembers {
            let childPath = path + [member.key]
            let index = members.firstIndex { $0.key == member.key }
            // A key the base lacks has nothing recorded at or below it: only removing or replacing
            // a key forgets (each forget scans the whole table).
            if case .null = member.value.kind {
                if let index {
                    members.remove(at: index)
                    forget(childPath)
                }
                continue
            }
            if let index {
                members[index].value = merge(members[index].value, member.value, path: childPath, file: file)
            } else {
                record(member.value, path: childPath, file: file)
                members.append(member)
            }
        }
        var node = base
        node.kind = .object(members)
        return node
    }

    private mutating func record(_ node: JSONNode, path: [String], file: String) {
        if case .object(let members) = node.kind, !members.isEmpty {
            for member in members { record(member.value, path: path + [member.key], file: file) }
        } else {
            provenance[StrictReader.render(path)] = file
        }
    }

    private mutating func forget(_ path: [String]) {
        let prefix = StrictReader.render(path)
        let member = prefix + ".", element = prefix + "["
        // Removing in place, not rebuilding the table: validate merges tens of thousands of documents.
        let gone = provenance.keys.filter { $0 == prefix || $0.hasPrefix(member) || $0.hasPrefix(element) }
        for key in gone { provenance.removeValue(forKey: key) }
    }
}
