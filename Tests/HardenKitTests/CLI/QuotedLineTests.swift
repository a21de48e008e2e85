import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden check -- 'docker run --privileged alpine'`: the shell hands harden the whole line as one
/// word. Every door that takes an image says so in one line, exit 2, and tells to drop the quotes.
@Suite("A whole command line quoted as one word, and references that are none, through every door")
struct QuotedLineTests {
    static let line = "docker run --privileged alpine"
    static let message = "\"\(line)\" is a whole docker command line quoted as one word, not an image reference; drop the quotes so that each word is an argument of its own"

    /// check numbers the words of its docker run line from the line's first word; the others from the command's.
    @Test("check --, run, compose and k8s: exit 2, one line, drop the quotes", arguments: [
        (["check", "--", line], 1), (["check", "--", "docker", "run", line], 3), (["run", "--dry-run", "worker", line], 4),
        (["compose", "worker", "--service", "s", line], 5), (["k8s", "worker", "--name", "p", line], 5),
    ])
    func commandLine(arguments: [String], argument: Int) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: argument \(argument): \(Self.message)\n")
        #expect(result.out.isEmpty)
    }

    @Test("sudo and a path to the engine are the same quoted line")
    func sudo() throws {
        #expect(ImageReference.quotedCommandLine("sudo /usr/bin/podman run x") == "podman")
        #expect(ImageReference.quotedCommandLine("nginx:1 --privileged") == nil)
        #expect(ImageReference.quotedCommandLine("docker") == nil)
    }

    @Test("a quoted line as check's operand is not taken for a missing file")
    func operand() {
        let result = CapturedConsole.run(["check", Self.line])
        #expect(result.status == 2)
        #expect(result.err == "harden: \"\(Self.line)\" is a whole docker command line quoted as one word, not a file; drop the quotes so that each word is an argument of its own: harden check -- \(Self.line)\n")
        #expect(result.out.isEmpty)
    }

    @Test("in a --file list and a compose file, the quoted line is an unreadable input naming its place")
    func inFiles() throws {
        let dir = TemporaryDirectory()
        let list = dir.write("lines.txt", "docker run '\(Self.line)'\ndocker run --rm img:1\n")
        let listed = CapturedConsole.run(["check", "--file", list])
        #expect(listed.status == 2)
        #expect(listed.err == "harden: \(list):1: argument 3: \(Self.message)\n")
        #expect(listed.out.contains("\(list):2: accepted"))
        let compose = dir.write("compose.yaml", "services:\n  a:\n    image: \"\(Self.line)\"\n")
        let composed = CapturedConsole.run(["check", compose])
        #expect(composed.status == 2)
        #expect(composed.err == "harden: \(compose):3:12: services.a.image: \(Self.message)\n")
    }

    @Test("references docker refuses are exit 2 through check's docker run line too", arguments: ImageReferenceDoorsTests.refused)
    func checkLine(image: String) throws {
        let result = CapturedConsole.run(["check", "--", "docker", "run", image])
        #expect(result.status == 2)
        #expect(result.err == "harden: argument 3: \(try ImageReferenceDoorsTests.refusal(image))\n")
    }

    @Test("an empty image is exit 2 with one line in every door", arguments: [
        ["check", "--", "docker", "run", ""], ["run", "--dry-run", "worker", ""], ["compose", "worker", "--service", "s", ""],
        ["k8s", "worker", "--name", "p", ""],
    ])
    func empty(arguments: [String]) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err.contains("empty"), "\(result.err)")
        #expect(result.err.filter { $0 == "\n" }.count == 1)
    }
}
