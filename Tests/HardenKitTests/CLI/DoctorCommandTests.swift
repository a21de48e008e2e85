import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The command line of `harden doctor`; what it finds is tested on recorded engines in Doctor/.
@Suite("harden doctor's command line")
struct DoctorCommandTests {
    @Test("usage mistakes are one-line errors with exit 2, before any engine is asked", arguments: [
        (["doctor", "--engine", "nerdctl"], "harden: --engine \"nerdctl\" (argument 2): harden doctor reads docker and podman; use --engine docker or --engine podman\n"),
        (["doctor", "--format=yaml"], "harden: --format \"yaml\" (argument 2) is not a format; use text, json or sarif\n"),
        (["doctor", "web"], "harden: unexpected argument web (argument 2); usage: harden doctor [--engine docker|podman] [--format text|json|sarif]\n"),
        (["doctor", "--engine"], "harden: --engine needs a value (argument 2); usage: harden doctor [--engine docker|podman] [--format text|json|sarif]\n"),
    ])
    func usage(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("HARDEN_ENGINE is checked like --engine")
    func engineFromEnvironment() {
        let result = CapturedConsole.run(["doctor"], environment: ["HARDEN_ENGINE": "nerdctl"])
        #expect(result.status == 2)
        #expect(result.err == "harden: HARDEN_ENGINE=\"nerdctl\": harden doctor reads docker and podman; use --engine docker or --engine podman\n")
    }

    @Test("--help lists every check; harden explain shows one in full")
    func help() {
        let help = CapturedConsole.run(["doctor", "--help"])
        #expect(help.status == 0)
        for check in DoctorCheckTable.all { #expect(help.out.contains("  \(check.id) (\(check.severity.rawValue))")) }
        let explain = CapturedConsole.run(["explain", "socket-world-writable"])
        #expect(explain.status == 0)
        #expect(explain.out.contains("CIS Docker Benchmark 1.6.0: 3.16"))
    }

    @Test("without a client on PATH it says so and still reports")
    func noClient() {
        let result = CapturedConsole.run(["doctor", "--format", "json"], environment: ["PATH": "/nonexistent", "DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains(#""error": "docker is not on PATH""#))
        #expect(result.out.contains(#""present": false"#))
    }
}
