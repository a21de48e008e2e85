import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Inputs the property tests (Tests/HardenKitTests/Property) found mishandled, kept as named cases.
@Suite("Hostile values through the docker run doors")
struct HostileArgumentTests {
    @Test("an image that starts with '-' is written after --, so docker cannot read it as an option")
    func dashImage() throws {
        var plan = LaunchPlan()
        plan.image = "--privileged"
        plan.command = ["alpine", "sh"]
        let argv = DockerArguments.emit(plan)
        #expect(Array(argv.suffix(4)) == ["--", "--privileged", "alpine", "sh"])
        // Read back, it is the image, which docker refuses as a reference (exit 2), never an option.
        #expect(throws: HardenError.input("argument \(argv.count - 1): the image reference \"--privileged\" is not one docker accepts: the path component \"--privileged\" is not lower-case letters and digits joined by ., _, __ or -; write [REGISTRY/]PATH[:TAG][@DIGEST] with the path in lower case")) {
            try DockerLineReader.read(words: ["docker"] + argv, name: "test")
        }
    }

    @Test("harden run -- --privileged IMAGE never starts a privileged container: the image is refused as docker refuses it")
    func dashImageThroughRun() {
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "--", "--privileged", "alpine", "sh"])
        #expect(result.status == 2, "\(result.out)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains(": the image reference \"--privileged\" is not one docker accepts: the path component \"--privileged\""), "\(result.err)")
    }

    @Test("CPUs are written to the nanoCPU docker keeps, never rounded to 0 or to '1.'", arguments: [
        (1.0005, "1.0005"), (1.0 / 3, "0.333333333"), (0.01, "0.01"), (2.0, "2"), (0.125, "0.125"),
    ])
    func cpusSpelling(value: Double, text: String) {
        #expect(Units.cpusSpelling(value) == text)
    }

    @Test("fewer CPUs than docker's 0.01 are refused, since 0 would mean no limit", arguments: ["0.001", "0.0004", "0"])
    func tooFewCPUs(text: String) {
        #expect(Units.cpus(text) == nil)
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "--cpus", text, "img:1"])
        #expect(result.status == 2)
        #expect(result.err.contains("not a CPU count"), "\(result.err)")
    }

    @Test("a tmpfs --mount target with ':' is refused in one line: --tmpfs, which harden writes, would split it", arguments: [
        "type=tmpfs,dst=/a:b", "type=tmpfs,dst=/x:/var/run/docker.sock,tmpfs-size=1m",
    ])
    func colonInMountPath(value: String) {
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "--mount", value, "img:1"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: --mount \"\(value)\""), "\(result.err)")
        #expect(result.err.contains("holds a ':'"))
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
