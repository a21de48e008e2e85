import FuzzDriver
import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Runs libFuzzer with this process's command line and `target` as the function under test, then exits.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// The input as bytes (for the JSON parser, which must see invalid UTF-8 as it is).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A property of the code under test does not hold: libFuzzer records the input as a crash.
public func violated(_ message: String, input: [UInt8]) -> Never {
    fatalError("property violated: \(message)\ninput: \(String(decoding: input, as: UTF8.self).debugDescription)")
}

/// A host that knows nothing of this machine, so that a verdict depends on the input alone.
public let fuzzHost = HostFacts(currentDirectory: "/fuzz", today: "2026-01-01")

/// The ids of the rules that refuse the launch outright (hard rules at error level).
public func refusals(_ launch: AuditedLaunch) -> Set<String> {
    Set(Validator(host: fuzzHost).findings(for: launch.plan, sources: launch.sources).filter(\.rejects).map(\.ruleID))
}
