import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check - reads standard input, told apart by content")
struct CheckStandardInputTests {
    static func run(_ arguments: [String], stdin: String?) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        var console = captured.console()
        let bytes = stdin.map { Array($0.utf8) }
        console.input = { limit in bytes.flatMap { $0.count > limit ? nil : $0 } }
        let status = HardenCLI.main(arguments, console: console)
        return (status, captured.out, captured.err)
    }

    @Test("a compose file, a Kubernetes manifest and a docker run list each read from stdin", arguments: [
        (#"{"services": {"web": {"image": "x:1", "privileged": true}}}"#, "stdin service web: rejected"),
        ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext: {privileged: true}\n", "error privileged"),
        ("# lines\ndocker run --privileged img:1\n", "stdin:2: rejected"),
    ])
    func content(text: String, expected: String) {
        let result = Self.run(["check", "-"], stdin: text)
        #expect(result.status == 1, "\(result.out)\(result.err)")
        #expect(result.out.contains(expected), "\(result.out)")
    }

    @Test("stdin beside a file: both judged; stdin that does not parse is an unreadable-input finding named stdin")
    func unreadable() {
        let dir = TemporaryDirectory()
        let file = dir.write("a.json", #"{"services": {"a": {"image": "x:1", "privileged": true}}}"#)
        let result = Self.run(["check", file, "-"], stdin: "{\"services\": ")
        #expect(result.status == 2)
        #expect(result.out.contains("\(file) service a: rejected"))
        #expect(result.out.contains("stdin: unreadable\n  stdin:1:14: error unreadable-input: not JSON: unexpected end of input, expected a value; for docker run command lines use --file\n"))
        #expect(result.err == "harden: stdin:1:14: not JSON: unexpected end of input, expected a value; for docker run command lines use --file\n")
    }

    @Test("stdin that cannot be read says so in one line")
    func noInput() {
        let result = Self.run(["check", "-"], stdin: nil)
        #expect(result.status == 2)
        #expect(result.err == "harden: stdin: cannot read standard input, or it is more than 16 MB; pipe a file in (harden check - < FILE), or name the file instead\n")
    }
}
