import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// The team policy decoder, and a policy that decodes applied to a privileged launch: whatever the
// policy says (levels, exceptions), the hard rules still refuse it.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input), let policy = try? PolicyDecoder.decode(root, file: "fuzz.json") else { return 0 }
    var plan = LaunchPlan()
    plan.image = "registry.example/app:1"
    plan.privileged = true
    let findings = Validator(policy: policy, host: fuzzHost).findings(for: plan)
    if !findings.contains(where: { $0.ruleID == "privileged" && $0.rejects }) {
        violated("a policy lets a --privileged launch through", input: input)
    }
    return 0
}

runFuzzer(fuzzOne)
