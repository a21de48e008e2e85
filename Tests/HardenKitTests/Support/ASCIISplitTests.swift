import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Splitting at an ASCII separator")
struct ASCIISplitTests {
    @Test("the pieces of split(separator:), for every limit and with or without empty pieces", arguments: [
        "", ":", "::", "a", "a:b", ":a:", "a::b", "/tmp:rw,noexec,size=8m", "a:b:c:d",
        "é:ü", "a:\u{0301}b", "\u{1F600}:x:", ":\u{0301}:",
    ])
    func samePieces(text: String) {
        for maxSplits in [0, 1, 2, Int.max] {
            for omitting in [true, false] {
                let expected = text.split(separator: ":", maxSplits: maxSplits, omittingEmptySubsequences: omitting)
                #expect(text.splitASCII(":", maxSplits: maxSplits, omittingEmptySubsequences: omitting) == expected,
                        "\(text.debugDescription) \(maxSplits) \(omitting)")
                let sub = Substring(text)
                #expect(sub.splitASCII(":", maxSplits: maxSplits, omittingEmptySubsequences: omitting)
                        == sub.split(separator: ":", maxSplits: maxSplits, omittingEmptySubsequences: omitting))
            }
        }
    }

    @Test("a separator followed by a combining mark is no separator, as for Characters")
    func combiningMark() {
        #expect("a:\u{0301}b".splitASCII(":") == ["a:\u{0301}b"])
    }
}
