import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Every decoding error of a file, not just the first")
struct EveryDecodeErrorTests {
    static func errors(_ text: String) throws -> [String] {
        let root = try JSONParser.parse(text)
        return EveryDecodeError.collect(root, file: "p.json") { node throws(HardenError) in
            _ = try ProfileDecoder.decode(node, file: "p.json")
        }.map(\.message)
    }

    @Test("each bad member is reported once, in the order the decoder meets them")
    func several() throws {
        let text = """
        {
          "usr": "1:1",
          "capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMN"]},
          "resources": {"memory": "lots", "pids": 0}
        }
        """
        #expect(try Self.errors(text) == [
            "p.json:2:3: usr: unknown key; did you mean \"user\"?",
            "p.json:3:48: capabilities.add.1: \"SYS_ADMN\" is not a Linux capability; did you mean SYS_ADMIN?",
            "p.json:4:27: resources.memory: \"lots\" is not a size; use a number with a unit b, k, m or g, e.g. 512m",
            "p.json:4:43: resources.pids: 0 is out of range; expected 1 to 4194304",
        ])
    }

    @Test("a document that decodes has no errors; one wrong as a whole stops after one", arguments: [
        ("{\"user\": \"1:1\"}", 0), ("[]", 1), ("{\"restart\": {\"maxRetries\": 3}}", 1),
    ])
    func counts(text: String, count: Int) throws {
        #expect(try Self.errors(text).count == count)
    }

    @Test("removing by location takes out a member by its key or value, or an array element")
    func removing() throws {
        let root = try JSONParser.parse("{\"a\": [1, 2], \"b\": {\"c\": true}}")
        #expect(root.removing(at: SourceLocation(line: 1, column: 2))?.objectMembers?.map(\.key) == ["b"])
        #expect(root.removing(at: SourceLocation(line: 1, column: 11))?["a"]?.arrayValue?.count == 1)
        #expect(root.removing(at: SourceLocation(line: 1, column: 21))?["b"]?.objectMembers?.isEmpty == true)
        #expect(root.removing(at: SourceLocation(line: 1, column: 1)) == nil)
    }
}
