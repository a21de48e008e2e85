import FuzzSupport
@testable import HardenKit

// OCI configs as `harden check` reads them (AuditInput tells OCI from compose by content, so this
// reaches the compose reader too), and the OCI reader on any parsed object. Every launch read is
// validated, which walks every setting the reader produced.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input) else { return 0 }
    if let launch = try? OCIConfigReader.read(root, file: "config.json") {
        _ = refusals(launch)
    }
    if let text = String(validating: input, as: UTF8.self), let launches = try? AuditInput.read(file: "config.json", text: text) {
        for launch in launches { _ = refusals(launch) }
    }
    return 0
}

runFuzzer(fuzzOne)
