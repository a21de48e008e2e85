import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// Sizes, durations and cpus, and docker's small value grammars (tmpfs, ulimit, ports, --mount). The
// first byte picks the parser so that one corpus serves them all. Beyond not crashing: whatever is
// spelt back out (into a docker argv or an OCI config) must read back as the same value, because a
// limit that changes on the way out is a limit the container does not get.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let bad: (String) -> HardenError = { .input($0) }
    switch selector % 8 {
    case 0:
        if let bytes = Units.bytes(text) {
            let spelt = Units.sizeSpelling(bytes)
            guard Units.bytes(spelt) == bytes else { fatalError("size \(text.debugDescription) = \(bytes) spelt \(spelt) reads back as \(String(describing: Units.bytes(spelt)))") }
        }
    case 1:
        if let seconds = Units.seconds(text) {
            guard seconds.isFinite || text.count > 300, seconds >= 0 else { fatalError("duration \(text.debugDescription) reads as \(seconds)") }
        }
    case 2:
        if let cpus = Units.cpus(text) {
            let spelt = Units.cpusSpelling(cpus)
            guard Units.cpus(spelt) == cpus else {
                fatalError("cpus \(text.debugDescription) = \(cpus) spelt \(spelt) reads back as \(String(describing: Units.cpus(spelt)))")
            }
        }
    case 3: _ = try? DockerValues.tmpfs(text, bad: bad)
    case 4: _ = try? DockerValues.ulimit(text, bad: bad)
    case 5: _ = try? DockerValues.ports(text, bad: bad)
    case 6: _ = try? DockerValues.mount(text, bad: bad)
    default:
        _ = try? DockerValues.volume(text, bad: bad)
        _ = try? DockerValues.device(text, bad: bad)
    }
    return 0
}

runFuzzer(fuzzOne)
