import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Output held back until the command is done")
struct OutputSpoolTests {
    static func drained(_ spool: OutputSpool) -> String {
        var text = ""
        spool.drain { text += $0 }
        return text
    }

    @Test("kept in memory below the limit, given back whole")
    func inMemory() {
        let spool = OutputSpool(limit: 1 << 20)
        spool.append(Array("one\n".utf8))
        spool.append(Array("two é\n".utf8))
        #expect(spool.isIntact)
        #expect(Self.drained(spool) == "one\ntwo é\n")
    }

    @Test("past the limit it goes to a temporary file and comes back byte for byte, pieces cut after newlines")
    func spilled() {
        let spool = OutputSpool(limit: 64)
        var expected = ""
        for index in 0..<100_000 {
            let line = "line \(index) \u{1F600} é\(index % 7 == 0 ? "" : "\n")"
            expected += line
            spool.append(Array(line.utf8))
        }
        #expect(spool.count == expected.utf8.count)
        #expect(spool.isIntact)
        var pieces: [String] = []
        spool.drain { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("\n") })
        #expect(pieces.joined() == expected)
    }
}
