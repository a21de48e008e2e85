import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Taking file:line:column back out of a message")
struct LocatedMessageTests {
    @Test("the place and the rest are split for a known file", arguments: [
        ("a.json:3:7: user: bad", ["a.json"], SourcePosition(file: "a.json", line: 3, column: 7), "user: bad"),
        ("a.json: extends: no parent", ["a.json"], SourcePosition(file: "a.json"), "extends: no parent"),
        ("a.json.bak:1:1: x", ["a.json", "a.json.bak"], SourcePosition(file: "a.json.bak", line: 1, column: 1), "x"),
        ("dir:with:colons/a.json:2:4: y", ["dir:with:colons/a.json"], SourcePosition(file: "dir:with:colons/a.json", line: 2, column: 4), "y"),
    ])
    func split(message: String, files: [String], position: SourcePosition, rest: String) {
        let result = LocatedMessage.split(message, files: files)
        #expect(result?.position == position)
        #expect(result?.rest == rest)
    }

    @Test("a message about another file, or none, is not split")
    func unknown() {
        #expect(LocatedMessage.split("b.json:1:1: x", files: ["a.json"]) == nil)
        #expect(LocatedMessage.split("no profile named x", files: ["a.json"]) == nil)
    }
}
