import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Finding the team policy")
struct PolicyLocatorTests {
    @Test("policy.json beside the profiles applies to harden run, and is not read as a profile")
    func besideProfiles() {
        let dir = TemporaryDirectory()
        dir.write("policy.json", #"{"require": ["pinnedImage"]}"#)
        let profiles = CapturedConsole.run(["profiles", "--profiles", dir.path])
        #expect(profiles.status == 0 && !profiles.out.contains("policy"), "\(profiles.out)\(profiles.err)")
        let refused = CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "worker", "img"])
        #expect(refused.status == 1)
        #expect(refused.err.hasPrefix("harden: refusing to run: unpinned-image: the image img has no tag"))
        #expect(CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "worker", "img:1"]).status == 0)
    }

    @Test("--policy FILE wins over policy.json on the search path")
    func explicitFile() {
        let dir = TemporaryDirectory()
        dir.write("policy.json", #"{"require": ["pinnedImage"]}"#)
        let other = dir.write("lenient/p.json", #"{"severities": {"unpinned-image": "off"}}"#)
        let result = CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "--policy", other, "worker", "img"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty)
    }

    @Test("a missing or malformed policy is bad input, exit 2, one line")
    func badPolicy() {
        let missing = CapturedConsole.run(["run", "--dry-run", "--policy", "/nonexistent/p.json", "worker", "img:1"])
        #expect(missing.status == 2)
        #expect(missing.err == "harden: --policy /nonexistent/p.json: cannot read the file; check the path (it must be a UTF-8 JSON file)\n")
        let dir = TemporaryDirectory()
        let file = dir.write("p.json", #"{"require": ["nonroot"]}"#)
        let bad = CapturedConsole.run(["check", "--policy", file, "--", "img:1"])
        #expect(bad.status == 2)
        #expect(bad.err == "harden: \(file):1:14: require.0: \"nonroot\" is not a setting a policy can require; did you mean \"nonRoot\"?\n")
    }
}
