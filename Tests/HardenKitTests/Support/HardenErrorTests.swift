import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Errors are one line whatever they quote")
struct HardenErrorTests {
    @Test("line breaks and control characters in a message are escaped", arguments: [
        ("a\nb", "a\\nb"), ("a\r\nb", "a\\r\\nb"), ("tab\there", "tab\\there"), ("nul\u{0}", "nul\\u{0}"), ("esc\u{1b}[31m", "esc\\u{1b}[31m"),
        ("ls\u{2028}ps\u{2029}", "ls\\u{2028}ps\\u{2029}"), ("plain ünï", "plain ünï"),
    ])
    func escaped(raw: String, shown: String) {
        #expect(HardenError.input(raw).message == shown)
    }

    @Test("a profile value with a line break gives a one-line error (found by the profile mutation property)")
    func profileValue() {
        do {
            _ = try ProfileDecoder.decode(#"{"resources": {"shmSize": "line\nbreak"}}"#, file: "db.json")
            Issue.record("decoded")
        } catch {
            #expect(error.message == #"db.json:1:27: resources.shmSize: "line\nbreak" is not a size; use a number with a unit b, k, m or g, e.g. 512m"#)
        }
    }

    @Test("harden show prints it as one line on stderr with exit 2")
    func throughShow() {
        let directory = TemporaryDirectory()
        directory.write("bad.json", #"{"extends": "line\nbreak"}"#)
        let result = CapturedConsole.run(["show", "--profiles", directory.path, "bad"])
        #expect(result.status == 2)
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
    }
}
