import FuzzSupport
@testable import HardenKit

// Compose files in JSON (`docker compose config --format json`), every service validated.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input), let launches = try? ComposeReader.read(root, file: "compose.json") else { return 0 }
    for launch in launches { _ = refusals(launch) }
    return 0
}

runFuzzer(fuzzOne)
