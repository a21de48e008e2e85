import HardenModel
/// Findings about what an override file wrote point into that file. The merged tree holds nodes of
/// two files; the override's lines are moved past `offset` while they are merged and read, and moved
/// back, with the override file's name, in every position and message that comes out.
package enum ComposeOverridePositions {
    static let offset = 1 << 40

    static func shifted(_ document: YAMLDocument) -> YAMLDocument {
        var tags: [SourceLocation: String] = [:]
        for (location, tag) in document.tags { tags[shifted(location)] = tag }
        return YAMLDocument(root: shifted(document.root), tags: tags, nonStringKeys: document.nonStringKeys.map(shifted),
                            complexKeys: document.complexKeys.map(shifted))
    }

    static func shifted(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(line: location.line + offset, column: location.column)
    }

    static func shifted(_ node: JSONNode) -> JSONNode {
        switch node.kind {
        case .array(let items):
            return JSONNode(.array(items.map(shifted)), at: shifted(node.location))
        case .object(let members):
            return JSONNode(.object(members.map { JSONMember(key: $0.key, keyLocation: shifted($0.keyLocation), value: shifted($0.value)) }), at: shifted(node.location))
        default:
            return JSONNode(node.kind, at: shifted(node.location))
        }
    }

    static func restored(_ launch: AuditedLaunch, override: String) -> AuditedLaunch {
        var copy = launch
        copy.sources.positions = launch.sources.positions.mapValues { restored($0, override: override) }
        copy.sources.whole = restored(launch.sources.whole, override: override)
        return copy
    }

    static func restored(_ position: SourcePosition, override: String) -> SourcePosition {
        guard let line = position.line, line >= offset else { return position }
        var moved = position
        moved.line = line - offset
        moved.file = override
        return moved
    }

    /// `FILE:LINE` in a message, with LINE past `offset`, becomes `OVERRIDE:LINE`.
    static func restored(_ error: HardenError, file: String, override: String) -> HardenError {
        error.rewritingLocations(of: file) { line in line >= offset ? "\(override):\(line - offset)" : nil }
    }
}
