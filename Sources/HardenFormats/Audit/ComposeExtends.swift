import HardenModel
/// `extends` within one file, merged as compose merges it (compose-go override/merge.go): the base
/// service first, the extending one over it; mappings merge key by key, sequences add up (so the
/// judged result holds every mount, capability and option either side names), scalars and the
/// sequences compose replaces whole (command, entrypoint, a healthcheck's test) come from the
/// extending service. `extends` naming another file is left in place: the reader refuses it as not
/// understood rather than judging half a service.
package enum ComposeExtends {
    /// As compose's cycle check, but bounded as well, so a long chain cannot run away.
    static let maximumDepth = 32
    static let replacedWhole: Set<String> = ["command", "entrypoint", "test"]

    static func resolve(_ services: StrictReader) throws(HardenError) -> JSONNode {
        guard let members = services.node.objectMembers else { return services.node }
        guard members.contains(where: { $0.value["extends"] != nil }) else { return services.node }
        var byName: [String: JSONNode] = [:]
        for member in members { byName[member.key] = member.value }
        var resolved = members
        for index in resolved.indices {
            resolved[index].value = try flatten(resolved[index].key, byName, services, chain: [])
        }
        return JSONNode(.object(resolved), at: services.node.location)
    }

    static func flatten(_ name: String, _ byName: [String: JSONNode], _ services: StrictReader, chain: [String]) throws(HardenError) -> JSONNode {
        guard let service = byName[name] else { throw services.error("extends names service \"\(name)\", which the file does not define; define it or fix the name") }
        guard let extends = service["extends"], service.objectMembers != nil else { return service }
        let reader = StrictReader(file: services.file, path: services.path + [name, "extends"], node: extends)
        let base: String
        if let text = extends.stringValue {
            base = text
        } else if extends.objectMembers != nil {
            if extends["file"] != nil { return service }  // another file: refused by the reader
            guard let text = extends["service"]?.stringValue else { throw reader.error("extends needs \"service\", the name of the service to extend") }
            base = text
        } else {
            throw reader.error("expected a service name or an object with \"service\", found \(extends.typeName)")
        }
        if chain.contains(name) || chain.count >= maximumDepth {
            throw reader.error("extends goes round in a circle or deeper than \(maximumDepth) services (\((chain + [name]).joined(separator: " → "))); break the chain")
        }
        let flattenedBase = try flatten(base, byName, services, chain: chain + [name])
        let local = JSONNode(.object(service.objectMembers!.filter { $0.key != "extends" }), at: service.location)
        return merge(flattenedBase, local, key: nil)
    }

    /// `{"A": "1", "B": null}` as `["A=1", "B"]`; an array as it is.
    static func listForm(_ node: JSONNode) -> JSONNode {
        guard let members = node.objectMembers else { return node }
        return JSONNode(.array(members.map { member in
            switch member.value.kind {
            case .null: return JSONNode(.string(member.key), at: member.value.location)
            case .string(let text), .number(let text): return JSONNode(.string(member.key + "=" + text), at: member.value.location)
            case .bool(let flag): return JSONNode(.string(member.key + "=" + String(flag)), at: member.value.location)
            default: return member.value
            }
        }), at: node.location)
    }

    static func merge(_ base: JSONNode, _ local: JSONNode, key: String?) -> JSONNode {
        switch (base.kind, local.kind) {
        case (.object(let baseMembers), .object(let localMembers)):
            var result = baseMembers
            for member in localMembers {
                if let index = result.firstIndex(where: { $0.key == member.key }) {
                    result[index].value = merge(result[index].value, member.value, key: member.key)
                    result[index].keyLocation = member.keyLocation
                } else {
                    result.append(member)
                }
            }
            return JSONNode(.object(result), at: local.location)
        case (.array(let baseItems), .array(let localItems)) where !replacedWhole.contains(key ?? ""):
            return JSONNode(.array(baseItems + localItems), at: local.location)
        case (.array, .object), (.object, .array):
            // list_or_dict keys (environment, labels, sysctls, …) written one way in the base and the
            // other in the extension: compose normalises both before merging, so nothing is lost.
            return merge(listForm(base), listForm(local), key: key)
        case (_, .null):
            return base
        default:
            return local
        }
    }
}
