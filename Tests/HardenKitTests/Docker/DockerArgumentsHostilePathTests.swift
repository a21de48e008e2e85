import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The docker argv emitter with paths that mean something to docker's value grammars, from the
/// corpus Fixtures/bypass/hosts/emitter.tsv: written so docker reads back the same mount, or refused.
@Suite("The docker emitter with hostile paths")
struct DockerArgumentsHostilePathTests {
    /// `\n` and `\r` in the corpus stand for the characters.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\r", with: "\r").replacingOccurrences(of: "\\n", with: "\n")
    }

    @Test("each corpus mount is written with --mount as docker reads it, with -v when nothing splits it, or refused in one line")
    func corpus() throws {
        let rows = try HostsBypassCorpusTests.rows("emitter.tsv")
        #expect(rows.count >= 9)
        for row in rows {
            try #require(row.count == 5, "a row needs 5 columns: \(row)")
            var plan = LaunchPlan()
            plan.image = "img:1"
            let flags = row[2] == "-" ? [] : row[2].split(separator: ",").map(String.init)
            plan.mounts = [LaunchPlan.Mount(kind: .bind, source: Self.unescaped(row[0]), target: Self.unescaped(row[1]),
                                            readOnly: flags.contains("ro"), flags: flags.filter { $0 != "ro" })]
            let expected = Self.unescaped(row[3])
            if expected.hasPrefix("refused: ") {
                let problem = DockerArguments.inexpressible(plan)
                #expect(problem?.contains(expected.dropFirst(9)) == true, "\(row[0]) (\(row[4])): \(problem ?? "not refused")")
                #expect(problem?.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } == false, "one line: \(problem ?? "")")
                #expect(throws: HardenError.self) { try DockerArguments.emitChecked(plan) }
                continue
            }
            #expect(DockerArguments.inexpressible(plan) == nil, "\(row[0]) (\(row[4]))")
            let argv = DockerArguments.emit(plan)
            if expected == "volume" {
                #expect(argv.contains("--volume") && !argv.contains("--mount"), "\(row[0]): \(argv)")
                continue
            }
            let index = try #require(argv.firstIndex(of: "--mount"), "\(row[0]): \(argv)")
            #expect(argv[index + 1] == expected, "\(row[0]) (\(row[4]))")
            // And harden's docker door reads back the same mount.
            if row[0].hasPrefix("/") {
                let again = try DockerLineReader.read(words: ["docker"] + argv, name: "emitted").plan
                let spec = try MountSpec.parse(argv[index + 1])
                #expect(spec.source == plan.mounts[0].source && spec.target == plan.mounts[0].target, "\(row[0])")
                #expect(again.mounts == plan.mounts || !again.engine.driverMounts.isEmpty, "\(row[0]): \(again.mounts)")
            }
        }
    }

    @Test("tmpfs targets and devices docker would split are refused, naming the setting")
    func otherSplits() {
        var plan = LaunchPlan()
        plan.image = "img:1"
        plan.tmpfs = [LaunchPlan.TmpfsMount(target: "/a:b", options: ["size=1m"])]
        #expect(DockerArguments.inexpressible(plan) == "the tmpfs at /a:b holds a ':', which --tmpfs reads as the start of its options; choose a target without ':'")
        plan.tmpfs = []
        plan.devices = [LaunchPlan.Device(hostPath: "/dev/a:b")]
        #expect(DockerArguments.inexpressible(plan)?.hasPrefix("the device /dev/a:b holds a ':'") == true)
        plan.devices = []
        plan.secrets = [LaunchPlan.Secret(name: "pw", source: "/srv/p\r\nw")]
        #expect(DockerArguments.inexpressible(plan) == "the secret pw=\"/srv/p\\r\\nw\" holds a carriage return before a newline, which docker's --mount CSV reader turns into a newline; rename the file")
    }
}
