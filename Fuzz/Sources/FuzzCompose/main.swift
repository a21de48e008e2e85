import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// Compose files in JSON (`docker compose config --format json`), every service validated.
// The principle holds: a document with a key harden does not know (outside `x-` extensions) is
// never accepted; the service that holds it, or every service for a top-level one, is refused
// as not understood (or the whole file is bad input).
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input), let launches = try? ComposeReader.read(root, file: "compose.json") else { return 0 }
    let unknown = UnknownKeys(root)
    for launch in launches {
        let refused = refusals(launch)
        let service = String(launch.name.dropFirst("compose.json service ".count))
        if (unknown.everyService || unknown.services.contains(service)) && !refused.contains("not-understood") {
            violated("service \(service) holds a key harden does not know, and was not refused as not understood", input: input)
        }
    }
    return 0
}

/// Where a document holds a key outside the tables the reader works from, found independently of it.
struct UnknownKeys {
    var everyService = false
    var services = Set<String>()

    init(_ root: JSONNode) {
        for member in root.objectMembers ?? [] {
            if !known(member.key, ComposeKeys.topLevel) || member.key == "include" { everyService = true }
            let tables = ["volumes": ComposeKeys.topVolume, "networks": ComposeKeys.topNetwork, "secrets": ComposeKeys.topSecret, "configs": ComposeKeys.topConfig]
            if let table = tables[member.key] {
                for entry in member.value.objectMembers ?? [] where hasUnknown(entry.value, table) { everyService = true }
            }
        }
        for service in root["services"]?.objectMembers ?? [] where serviceHasUnknown(service.value) {
            services.insert(service.key)
        }
    }

    func known(_ key: String, _ table: Set<String>) -> Bool { table.contains(key) || key.hasPrefix("x-") }

    func hasUnknown(_ node: JSONNode, _ table: Set<String>) -> Bool {
        (node.objectMembers ?? []).contains { !known($0.key, table) }
    }

    func serviceHasUnknown(_ service: JSONNode) -> Bool {
        let keys = ComposeKeys.judged.union(ComposeKeys.harmless)
        for member in service.objectMembers ?? [] {
            if !known(member.key, keys) || ComposeKeys.refused[member.key] != nil { return true }
            let items = member.value.arrayValue ?? []
            switch member.key {
            case "volumes": if items.contains(where: { hasUnknown($0, ComposeKeys.longVolume) }) { return true }
            case "ports": if items.contains(where: { hasUnknown($0, ComposeKeys.longPort) }) { return true }
            case "devices": if items.contains(where: { hasUnknown($0, ComposeKeys.longDevice) }) { return true }
            case "secrets", "configs": if items.contains(where: { hasUnknown($0, ComposeKeys.fileReference) }) { return true }
            case "post_start", "pre_stop": if items.contains(where: { hasUnknown($0, ComposeKeys.hook) }) { return true }
            case "deploy": if hasUnknown(member.value, ComposeKeys.deploy) { return true }
            default: break
            }
        }
        return false
    }
}

runFuzzer(fuzzOne)
