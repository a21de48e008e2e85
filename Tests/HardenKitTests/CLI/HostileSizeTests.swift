import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Inputs sized to hurt: nesting that would overflow a recursive parser's stack, an `extends` chain
/// ten thousand long, a docker run line of a million arguments. Each ends in a clean answer. How
/// long they take is measured by scripts/bounds.sh on a release build, not asserted here.
@Suite("Hostile sizes end in a clean answer")
struct HostileSizeTests {
    static let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)

    @Test("100,000-deep nesting is refused with its position through every JSON door", arguments: [
        (["show", "--profiles", "$DIR", "deep"], "deep.json", #"{"name": "deep", "description": $DEEP}"#),
        (["run", "--dry-run", "--policy", "$DIR/policy.json", "worker", "img:1"], "policy.json", #"{"description": $DEEP}"#),
        (["check", "$DIR/config.json"], "config.json", #"{"ociVersion": "1.0.2", "annotations": $DEEP}"#),
        (["check", "$DIR/compose.json"], "compose.json", #"{"services": {"app": {"image": $DEEP}}}"#),
        (["oci", "worker", "--security-opt", "seccomp=$DIR/filter.json", "--", "sh"], "filter.json", #"{"defaultAction": $DEEP}"#),
    ])
    func deepNesting(arguments: [String], file: String, text: String) throws {
        let directory = TemporaryDirectory()
        directory.write(file, text.replacingOccurrences(of: "$DEEP", with: Self.deep))
        let result = CapturedConsole.run(arguments.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) })
        #expect(result.status == 2)
        let errors = result.err.split(separator: "\n").filter { !$0.hasPrefix("harden: warning:") }
        #expect(errors.count == 1, "\(result.err.prefix(2000))")
        #expect(errors.first?.contains("nesting is deeper than the limit of 256 levels") == true, "\(result.err.prefix(2000))")
        #expect(errors.first?.contains(file) == true, "the message names the file")
    }

    @Test("a 100 MB profile, policy, OCI config or compose file is refused before it is read", arguments: [
        (["show", "--profiles", "$DIR", "big"], "big.json"),
        (["run", "--dry-run", "--policy", "$DIR/policy.json", "worker", "img:1"], "policy.json"),
        (["check", "$DIR/config.json"], "config.json"),
    ])
    func hundredMegabytes(arguments: [String], file: String) throws {
        let directory = TemporaryDirectory()
        // A sparse file: its size is what is judged, before a byte of it is read.
        let path = directory.write(file, "{")
        #expect(truncate(path, 100 << 20) == 0)
        let result = CapturedConsole.run(arguments.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) })
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: "), "\(result.err)")
        #expect(result.err.hasSuffix("\(file): 100.0 MB is more than the 16 MB harden reads from one JSON document; nothing written by hand is that large, so check what produced it\n"), "\(result.err)")
    }

    static func chain(_ length: Int) -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        for index in 0..<length {
            directory.write("p\(index).json", #"{"name": "p\#(index)", "extends": "p\#(index + 1)"}"#)
        }
        directory.write("p\(length).json", #"{"name": "p\#(length)"}"#)
        return directory
    }

    @Test("an extends chain 10,000 long stops at 64 links, naming the chain's head")
    func longChain() throws {
        let directory = Self.chain(10_000)
        let show = CapturedConsole.run(["show", "--profiles", directory.path, "p0"])
        #expect(show.status == 2)
        #expect(show.err == "harden: \(directory.path)/p0.json:1:27: extends: the chain from p0 is longer than 64 profiles (p0 → p1 → p2 → … → p63 → p64); merge some of its links so it is at most 64 deep\n")
    }

    @Test("validate over a 10,000-long chain rejects every profile more than 64 links from the end")
    func longChainValidated() throws {
        let directory = Self.chain(10_000)
        let validate = CapturedConsole.run(["validate", "--format", "json", directory.path])
        #expect(validate.status == 1, "validate reports the over-long chains as findings: \(validate.err.prefix(500))")
        let report = try JSONParser.parse(validate.out)
        let launches = report["launches"]?.arrayValue ?? []
        let rejected = launches.filter { $0["verdict"]?.stringValue == "rejected" }.compactMap { $0["name"]?.stringValue }
        // p0 … p9936 are more than 64 links from p10000; p9937 … p10000 resolve.
        #expect(launches.count == 10_001)
        #expect(rejected.count == 9_937)
        #expect(!rejected.contains { $0.hasSuffix("/p9937.json") })
    }

    @Test("a docker run line of a million arguments is read to the end: the last repeat wins, nothing is lost")
    func millionArguments() throws {
        var words = ["docker", "run"]
        words.reserveCapacity(1_000_010)
        for index in 0..<249_999 { words += ["-e", "V\(index % 1000)=\(index)"] }
        for index in 0..<250_000 { words += ["--tmpfs", "/t\(index % 1000)"] }
        words += ["--privileged", "busybox", "true"]
        #expect(words.count > 1_000_000)
        let launch = try DockerLineReader.read(words: words, name: "line 1")
        #expect(launch.plan.environment.count == 1000)
        #expect(launch.plan.environment.contains("V999=248999"))
        #expect(launch.plan.tmpfs.count == 1000)
        #expect(launch.plan.privileged, "an option after half a million others still counts")
        #expect(launch.plan.command == ["true"])
    }
}
