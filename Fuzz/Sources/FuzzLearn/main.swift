import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// harden learn's inputs: kernel seccomp records (dmesg, /dev/kmsg, auditd lines) and `docker diff`
// output, then the profile learned from them. Beyond not crashing: whatever was observed, the
// learned profile must read back through the strict decoder, and learning twice gives the same bytes.
// The first byte picks what the rest is; a 0x1E byte splits the log from the diff.
let worker = try! ProfileRepository(searchPath: SearchPath(entries: [])).resolve("worker").profile

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let parts = text.split(separator: "\u{1e}", maxSplits: 1, omittingEmptySubsequences: false)
    let log = parts[0], diff = parts.count > 1 ? String(parts[1]) : ""
    let records = log.split(separator: "\n").compactMap { line -> SeccompLogRecord? in
        _ = SeccompLogRecord.suppressed(line)
        return SeccompLogRecord.parse(line)
    }
    guard selector % 2 == 1 else {
        if let writes = try? RootWrites.parse(diff) {
            for directory in writes.directories(mounted: ["/tmp", "/run/x"]) { _ = writes.existedInImage(directory) }
        }
        return 0
    }
    var seen = LearnObservations(base: "worker", baseProfile: worker, name: "fuzz", image: "img:1", started: "2026-01-01T00:00:00Z", seconds: 1)
    seen.records = records
    seen.writes = (try? RootWrites.parse(diff)) ?? RootWrites(changes: [])
    seen.mounted = ["/tmp"]
    seen.sawSyscalls = selector & 2 == 0
    for (index, directory) in seen.writes.directories(mounted: seen.mounted).enumerated() { seen.sizes[directory] = Int64(index) << 20 }
    let learned = ProfileLearner.learn(seen)
    do {
        _ = try ProfileDecoder.decode(learned.text, file: "fuzz.json")
    } catch {
        fatalError("learned profile does not decode: \(error.message)\n\(learned.text)")
    }
    guard ProfileLearner.learn(seen).text == learned.text else { fatalError("learning twice gave different bytes") }
    return 0
}

runFuzzer(fuzzOne)
