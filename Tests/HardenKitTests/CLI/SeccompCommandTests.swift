import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden seccomp")
struct SeccompCommandTests {
    @Test("prints the Docker-format filter by default, the same text seccomp/ keeps")
    func dockerByDefault() throws {
        let result = CapturedConsole.run(["seccomp", "web"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == SeccompJSON.text(BuiltinFilters.filter("web"), format: .docker))
        #expect(try JSONParser.parse(result.out)["archMap"] != nil)
    }

    @Test("options may stand before or after the profile", arguments: [
        ["seccomp", "--format", "oci", "--arch", "arm64", "db"], ["seccomp", "db", "--format=oci", "--arch=aarch64"],
    ])
    func ociForOneArchitecture(arguments: [String]) throws {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 0, "\(result.err)")
        let root = try JSONParser.parse(result.out)
        #expect(root["architectures"]?.arrayValue?.compactMap(\.stringValue) == ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"])
    }

    @Test("--stats compares with Docker's default")
    func stats() {
        let result = CapturedConsole.run(["seccomp", "worker", "--stats", "--arch", "x86_64"])
        #expect(result.status == 0)
        #expect(result.out == SeccompStats(BuiltinFilters.filter("worker"), architecture: .x86_64).render(profile: "worker"))
    }

    @Test("--groups lists every group with its x86_64 count")
    func groups() {
        let result = CapturedConsole.run(["seccomp", "--groups", "--arch", "x86_64"])
        #expect(result.status == 0)
        for group in SyscallCatalogue.all { #expect(result.out.contains("\n\(group.name) (")) }
        #expect(result.out.contains("\n@swap (2): Enabling and disabling swap\n    swapoff swapon\n"))
    }

    @Test("bad input is a one-line error saying what to do", arguments: [
        (["seccomp"], "harden: missing the profile name; usage: " + SeccompCommand.command.usage + "\n"),
        (["seccomp", "web", "--format", "yaml"], "harden: --format \"yaml\" (argument 3) is not a seccomp format; use docker or oci\n"),
        (["seccomp", "web", "--arch", "riscv64"], "harden: --arch \"riscv64\" (argument 3) is not an architecture harden writes filters for; use x86_64 or aarch64\n"),
        (["seccomp", "web", "extra"], "harden: unexpected argument extra (argument 3) after the profile name; usage: " + SeccompCommand.command.usage + "\n"),
        (["seccomp", "--groups", "web"], "harden: --groups takes no profile (found web); usage: " + SeccompCommand.command.usage + "\n"),
    ])
    func errors(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("a profile without a seccomp section says how to add one")
    func noSection() {
        let directory = TemporaryDirectory()
        directory.write("plain.json", #"{"name": "plain"}"#)
        let result = CapturedConsole.run(["seccomp", "--profiles", directory.path, "plain"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: profile plain has no seccomp section"))
    }
}
