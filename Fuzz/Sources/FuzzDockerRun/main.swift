import FuzzSupport
@testable import HardenKit

// The docker door. Input with a NUL byte is an argument vector (words split on NUL), as after
// `harden check --`; input without is a `--file` list (shell quoting, comments, continuations).
// Beyond not crashing: a line that is read, written back out as `harden run` would write it and
// read again, must hold the container as tightly and must be refused for the same reasons.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var launches: [AuditedLaunch] = []
    if input.contains(0) {
        let words = input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let launch = try? DockerLineReader.read(words: words, name: "fuzz") else { return 0 }
        launches = [launch]
    } else {
        guard let read = try? DockerLineReader.read(list: String(decoding: input, as: UTF8.self), file: "fuzz") else { return 0 }
        launches = read
    }
    for launch in launches {
        let argv = ["docker"] + DockerArguments.emit(launch.plan)
        let again: AuditedLaunch
        do {
            again = try DockerLineReader.read(words: argv, name: "emitted")
        } catch {
            violated("the emitted line \(argv) does not read back: \(error.message)", input: input)
        }
        if let difference = securityDifference(launch.plan, again.plan) {
            violated("the emitted line \(argv) changes \(difference)", input: input)
        }
        let refused = refusals(launch), refusedAgain = refusals(again)
        if !refused.isSubset(of: refusedAgain) {
            violated("the emitted line \(argv) loses the refusals \(refused.subtracting(refusedAgain).sorted())", input: input)
        }
    }
    return 0
}

runFuzzer(fuzzOne)
