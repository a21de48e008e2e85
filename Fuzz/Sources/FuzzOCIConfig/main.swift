import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// OCI configs as `harden check` reads them (AuditInput tells OCI from compose by content, so this
// reaches the compose reader too), and the OCI reader on any parsed object. Every launch read is
// validated, which walks every setting the reader produced.
//
// The fail-closed property: a config the reader accepts without a not-understood finding holds no
// key the reader did not meet. Every key path of the document must be among those the Go-style key
// decoding consumed (known to the runtime spec, or reported).
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input) else { return 0 }
    if let launch = try? OCIConfigReader.read(root, file: "config.json") {
        _ = refusals(launch)
        if launch.plan.notUnderstood.isEmpty {
            guard let consumed = try? OCIConfigReader.consumedKeys(root, file: "config.json") else {
                violated("the reader accepted a config whose keys could not be listed", input: input)
            }
            let met = Set(consumed)
            for path in keyPaths(root) where !met.contains(path) {
                violated("accepted with the key \(path.split(separator: "\u{1F}").joined(separator: ".")) unread", input: input)
            }
        }
    }
    if let text = String(validating: input, as: UTF8.self), let launches = try? AuditInput.read(file: "config.json", text: text) {
        for launch in launches { _ = refusals(launch) }
    }
    return 0
}

/// Every key path in the document, as GoJSONKeys spells them (keys as written, array indexes as numbers).
func keyPaths(_ node: JSONNode, _ prefix: [String] = []) -> [String] {
    switch node.kind {
    case .object(let members):
        return members.flatMap { [(prefix + [$0.key]).joined(separator: "\u{1F}")] + keyPaths($0.value, prefix + [$0.key]) }
    case .array(let items):
        return items.enumerated().flatMap { keyPaths($0.element, prefix + [String($0.offset)]) }
    default:
        return []
    }
}

runFuzzer(fuzzOne)
