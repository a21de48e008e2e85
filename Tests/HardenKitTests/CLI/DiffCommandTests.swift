import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden diff")
struct DiffCommandTests {
    static func run(_ arguments: [String], cwd: String? = nil) -> (status: Int32, out: String, err: String) {
        ValidateCommandTests.run(arguments, cwd: cwd)
    }

    @Test("two built-ins: one line per change, then the count; exit 0 even when something loosens")
    func builtins() {
        let result = Self.run(["diff", "worker", "web"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("harden diff: worker (builtin:worker.json) → web (builtin:web.json)\n"))
        #expect(result.out.contains("  loosens   tmpfs[\"/run\"]: added: a writable carve-out (8m, noexec, nosuid, nodev)\n"))
        #expect(result.out.contains("  loosens   network.unprivilegedPortStart: the kernel's 1024 → ports from 0 without a capability\n"))
        #expect(result.out.hasSuffix("8 changes: 6 loosens, 2 tightens, 0 neutral\n"))
    }

    @Test("--fail-on-loosen exits 1 only when something loosens", arguments: [(["web", "worker"], Int32(1)), (["worker", "worker"], Int32(0))])
    func failOnLoosen(pair: [String], status: Int32) {
        #expect(Self.run(["diff", "--fail-on-loosen"] + pair).status == status)
        #expect(Self.run(["diff", "worker", "worker"]).out.hasSuffix("no change in the effective settings\n"))
    }

    @Test("a profile at a revision: its directory is read as it was, so a parent's change shows in the child")
    func revision() throws {
        let repo = try GitFixture()
        repo.write("floor.json", "{\"extends\": \"worker\", \"resources\": {\"pids\": 64}}")
        repo.write("api.json", "{\"extends\": \"floor\"}")
        try repo.commit("first")
        repo.write("floor.json", "{\"extends\": \"worker\", \"resources\": {\"pids\": 512}}")
        repo.write("api.json", "{\"extends\": \"floor\", \"capabilities\": {\"drop\": [\"ALL\"], \"add\": [\"CHOWN\"]}}")

        let result = Self.run(["diff", "--profiles", repo.path, "--fail-on-loosen", "api@HEAD"])
        #expect(result.status == 1, "\(result.err)")
        #expect(result.out == """
        harden diff: api@HEAD (\(repo.path)/api.json@HEAD) → api (\(repo.path)/api.json)
          loosens   capabilities: CHOWN added
          loosens   resources.pids: 64 → 512
        2 changes: 2 loosens, 0 tightens, 0 neutral

        """)
        let byFile = Self.run(["diff", "api.json@HEAD", "api.json"], cwd: repo.path)
        #expect(byFile.status == 0, "\(byFile.err)")
        #expect(byFile.out.hasPrefix("harden diff: api.json@HEAD (\(repo.path)/api.json@HEAD) → api.json (\(repo.path)/api.json)\n"))
    }

    @Test("bad input exits 2 with one line naming the argument")
    func badInput() throws {
        let repo = try GitFixture()
        repo.write("api.json", "{\"extends\": \"web\"}")
        try repo.commit("first")
        repo.write("new.json", "{\"extends\": \"web\"}")
        let cases: [([String], String)] = [
            (["diff", "web"], "harden: expected two profiles, or one at a revision (NAME@REV); usage: harden diff [--fail-on-loosen] [--profiles DIR]... A [B]\n"),
            (["diff", "web@HEAD"], "harden: web@HEAD: web is a built-in, which has no git history; give a profile of a repository\n"),
            (["diff", "--profiles", repo.path, "api@nosuch"], "harden: api@nosuch: cannot read the files of \(repo.path) at nosuch: Not a valid object name nosuch\n"),
            (["diff", "--profiles", repo.path, "api@--output=x"], "harden: api@--output=x: \"--output=x\" is not a git revision; use a branch, tag or commit such as main, v1.2 or HEAD~1\n"),
            (["diff", "--profiles", repo.path, "new@HEAD"], "harden: new@HEAD: \(repo.path)/new.json did not exist at HEAD; `harden show new` prints what it sets now\n"),
            (["diff", "wbe", "web"], "harden: no profile named \"wbe\" on the search path; did you mean \"web\"?\n"),
        ]
        for (arguments, message) in cases {
            let result = Self.run(arguments)
            #expect(result.status == 2)
            #expect(result.err == message)
        }
    }

    @Test("an operand is split at its last @ unless it names an existing file")
    func operands() {
        let dir = TemporaryDirectory()
        dir.write("odd@name.json", "{}")
        #expect(DiffOperand("api@main", currentDirectory: "/").revision == "main")
        #expect(DiffOperand("team/api.json@v1.2", currentDirectory: "/").spec == "team/api.json")
        #expect(DiffOperand("odd@name.json", currentDirectory: dir.path).revision == nil)
        #expect(DiffOperand("@main", currentDirectory: "/").revision == nil)
    }
}
