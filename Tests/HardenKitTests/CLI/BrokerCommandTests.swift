import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden broker")
struct BrokerCommandTests {
    static let digest = String(repeating: "b", count: 64)

    @Test("--dry-run writes the configuration, prints the hardened docker run line, and check accepts that line as a broker")
    func dryRunThenCheck() throws {
        let dir = TemporaryDirectory()
        let config = dir.path + "/broker.cfg"
        let image = "harden-e2e/haproxy:1@sha256:\(Self.digest)"
        let result = CapturedConsole.run(["broker", "containers,events", "--network", "brokernet", "--image", image,
                                          "--socket-group", "998", "-o", config, "--dry-run"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty, "\(result.err)")
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written == BrokerConfig.text(forLabel: "containers,events"))
        let expected = "docker run --user 65534:65534 --cap-drop ALL --security-opt no-new-privileges:true --read-only "
            + "--volume /var/run/docker.sock:/var/run/docker.sock:ro --volume \(config):/usr/local/etc/haproxy/haproxy.cfg:ro "
            + "--memory 64m --memory-swap 64m --cpus 0.5 --pids-limit 64 --network brokernet --restart on-failure:5 --name docker-api "
            + "--group-add 998 --label io.harden.broker=containers,events --label io.harden.broker.config-sha256=\(BrokerConfig.hash(written)) "
            + "--detach \(image)\n"
        #expect(result.out == expected)

        let words = try ShellQuote.split(String(result.out.dropLast()))
        let checked = CapturedConsole.run(["check", "--"] + words)
        #expect(checked.status == 0, "\(checked.out)\(checked.err)")
        #expect(checked.out.contains("warning socket-broker"), "\(checked.out)")
        #expect(!checked.out.contains("runtime-socket"), "\(checked.out)")

        // The same line after the file is edited to allow creating containers is the hard rule again.
        try (written.replacingOccurrences(of: "    http-request deny deny_status 403\n", with: "    http-request allow if { method POST }\n    http-request deny deny_status 403\n"))
            .write(toFile: config, atomically: true, encoding: .utf8)
        let edited = CapturedConsole.run(["check", "--"] + words)
        #expect(edited.status == 1)
        #expect(edited.out.contains("runtime-socket"), "\(edited.out)")
        #expect(edited.out.contains("is not the one harden broker writes for containers,events"), "\(edited.out)")
    }

    @Test("sections that hand out more than their names are warned about")
    func warnings() {
        let dir = TemporaryDirectory()
        let result = CapturedConsole.run(["broker", "containers:write,exec:write", "--network", "n", "--image", "img:1",
                                          "--socket-group", "998", "-o", dir.path + "/b.cfg", "--dry-run"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("harden: warning: containers:write creates and starts containers"))
        #expect(result.err.contains("harden: warning: exec:write: exec runs commands inside any container"))
    }

    @Test("bad input exits 2 with one line naming it and the fix", arguments: [
        (["broker", "--network", "n", "--image", "i:1"], "harden: missing the sections, such as containers,events; usage: "),
        (["broker", "containers", "--image", "i:1"], "harden: missing --network NET: the broker must sit on a network shared only with its clients"),
        (["broker", "containers", "--network", "bridge", "--image", "i:1"], "harden: --network \"bridge\" (argument 3) is shared with more than the broker's clients"),
        (["broker", "containres", "--network", "n", "--image", "i:1"], "harden: argument 2: \"containres\" is not a broker section (SECTION or SECTION:write); did you mean \"containers\"?"),
        (["broker", "containers", "events", "--network", "n"], "harden: unexpected argument events (argument 3); name the sections as one list"),
        (["broker", "containers", "--network", "n", "--image", "i:1", "--socket-group", "docker"], "harden: --socket-group \"docker\" (argument 7) is not a group number"),
        (["broker", "containers", "--network", "n", "--image", "i:1", "--socket", "/nonexistent/docker.sock"],
         "harden: cannot read the socket /nonexistent/docker.sock to learn its group; pass --socket PATH or --socket-group GID"),
    ])
    func badInput(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
