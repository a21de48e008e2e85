import FuzzSupport
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// The profile decoder, fed from the bytes up (the JSON parser sees invalid UTF-8 as it is). Beyond
// not crashing: the parsed tree written out and parsed again is the same tree, and decodes the same.
// Exported under libFuzzer's name as well: its archive's own main refers to it, and is linked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? JSONParser.parse(input) else { return 0 }
    let profile = try? ProfileDecoder.decode(root, file: "fuzz.json")
    let written = JSONWriter.compact(root)
    guard let again = try? JSONParser.parse(written), again.sameContent(as: root) else {
        violated("the parsed tree written as \(written.debugDescription) does not parse back the same", input: input)
    }
    if let profile, (try? ProfileDecoder.decode(again, file: "fuzz.json")) != profile {
        violated("the profile decodes differently once written back", input: input)
    }
    return 0
}

runFuzzer(fuzzOne)
