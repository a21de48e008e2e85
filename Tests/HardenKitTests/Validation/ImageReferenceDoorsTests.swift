import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// One grammar for image references (`ImageReference.problem(with:)`, distribution/reference's),
/// read by every door that is given an image: a reference docker refuses is exit 2 with the same
/// one-line message after each door's own place; one docker takes stays accepted everywhere.
/// (`harden oci` is given no image: its first word is the program the bundle runs.)
@Suite("Image references: one grammar through every door")
struct ImageReferenceDoorsTests {
    static let ordinary = [
        "nginx", "nginx:1.27", "ghcr.io/acme/app:1@sha256:" + String(repeating: "a", count: 64), "localhost:5000/x",
        "registry.local:5000/app", "ACME/app:1", "[::1]:5000/app:2",
    ]
    /// docker CLI 28 here: `docker run IMAGE` says "invalid reference format" (or "repository name
    /// must be lowercase") for each, before it talks to the engine.
    static let refused = ["Nginx:1", "nginx:-1", "app@sha256:abc", "ghcr.io/Acme/api:3", "a..b:1", "été:1", "nginx:1 --privileged"]

    static func refusal(_ image: String) throws -> String { try #require(ImageReference.refusal(image)) }

    @Test("docker takes these, and so does every door", arguments: ordinary)
    func accepted(image: String) throws {
        #expect(ImageReference.problem(with: image) == nil)
        #expect(try DockerLineReader.read(words: ["docker", "run", image], name: "line").plan.image == image)
        let compose = try JSONParser.parse(#"{"services": {"s": {"image": "\#(image)"}}}"#)
        #expect(try ComposeReader.read(compose, file: "/srv/compose.json")[0].plan.image == image)
        let run = CapturedConsole.run(["run", "--dry-run", "worker", image])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.hasSuffix(" \(ShellQuote.join([image]))\n"), "\(run.out)")
    }

    @Test("a reference docker refuses is exit 2, in the same words, through the docker line, a compose file, run, compose and k8s", arguments: refused)
    func refusedEverywhere(image: String) throws {
        let message = try Self.refusal(image)
        #expect(throws: HardenError.input("argument 3: " + message)) { try DockerLineReader.read(words: ["docker", "run", image], name: "line") }
        let compose = try JSONParser.parse(#"{"services": {"s": {"image": "\#(image)"}}}"#)
        #expect(throws: HardenError.input("/srv/compose.json:1:30: services.s.image: " + message)) { try ComposeReader.read(compose, file: "/srv/compose.json") }
        for command in [["run", "--dry-run", "worker", image], ["compose", "worker", "--service", "s", image], ["k8s", "worker", "--name", "p", image]] {
            let result = CapturedConsole.run(command)
            #expect(result.status == 2, "\(command): \(result.out)")
            #expect(result.err == "harden: argument \(command.firstIndex(of: image)! + 1): \(message)\n", "\(command)")
        }
    }

    @Test("the messages name what is wrong", arguments: [
        ("Nginx:1", "the repository path Nginx must be lower case"), ("app@sha256:abc", "the digest sha256:abc is not ALGORITHM:HEX"),
        ("nginx:-1", "the tag -1 is not 1 to 128"), ("été:1", "a character outside ASCII"), ("nginx:1 --privileged", "a blank (a whole command line quoted as one word? drop the quotes"), ("nginx\u{7}", "a control character"),
    ])
    func reasons(image: String, fragment: String) throws {
        #expect(try Self.refusal(image).contains(fragment))
    }
}
