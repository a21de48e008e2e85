import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// Kubernetes manifests, JSON or YAML, every container validated. The property, found
// independently of the reader: a container whose own securityContext says privileged: true (in any
// spelling kubectl's YAML reads as true), or holds a key the reader's table does not know, is
// never accepted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let text = String(decoding: input, as: UTF8.self)
    guard let launches = try? AuditInput.read(file: "pod.yaml", text: text), !launches.isEmpty else { return 0 }
    let roots: [JSONNode]
    if let json = try? JSONParser.parse(input) { roots = [json] } else { roots = ((try? YAMLReader.load(text)) ?? []).map(\.root) }
    var risky = Set<String>()
    for root in roots { collect(root, into: &risky) }
    for name in risky {
        let named = launches.filter { $0.name.hasSuffix(" container \(name)") }
        if !named.isEmpty, named.allSatisfy({ refusals($0).isEmpty }) {
            violated("container \(name) is privileged or holds an unknown securityContext key, and was accepted", input: input)
        }
    }
    return 0
}

/// The names of containers (anywhere in the tree) that must be refused.
func collect(_ node: JSONNode, into risky: inout Set<String>) {
    if let members = node.objectMembers {
        if let name = node["name"]?.stringValue, node["image"] != nil, let context = node["securityContext"]?.objectMembers {
            let privileged = context.last { $0.key == "privileged" }?.value
            if privileged?.boolValue == true || privileged?.stringValue.map(StrictReader.yaml11True.contains) == true
                || context.contains(where: { !KubernetesKeys.containerSecurityContext.contains($0.key) }) {
                risky.insert(name)
            }
        }
        for member in members { collect(member.value, into: &risky) }
    } else if let items = node.arrayValue {
        for item in items { collect(item, into: &risky) }
    }
}

runFuzzer(fuzzOne)
