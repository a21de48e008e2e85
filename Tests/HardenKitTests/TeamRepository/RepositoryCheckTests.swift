import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden validate`'s judgement of a whole repository. The fixture in Fixtures/broken-repo holds
/// two good profiles and one of each defect; every defect must be reported, where it is.
@Suite("Validating a profile repository")
struct RepositoryCheckTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/broken-repo").path

    static let host = HostFacts(currentDirectory: "/", today: "2025-06-01")

    static func check(_ directories: [String], policy: String? = nil, parents: [String] = []) throws -> RepositoryReport {
        try RepositoryCheck(
            directories: directories.map { RepositoryDirectory(shown: $0, path: $0) },
            parents: SearchPath(entries: parents.map { SearchPath.Entry(directory: $0, explicit: true) }),
            policyFile: policy, currentDirectory: "/", host: host
        ).run()
    }

    static func findings(_ report: RepositoryReport) -> [Finding] { report.results.flatMap(\.findings) }

    /// What the fixture's report must contain: file, line, column, rule, and words of the message.
    @Test("every defect of the fixture repository is reported with its file, line and column", arguments: [
        ("typo.json", 3, 3, "invalid-profile", "readOnlyRootFilesytem: unknown key; did you mean \"readOnlyRootFilesystem\"?"),
        ("typo.json", 4, 18, "invalid-profile", "resources.memroy: unknown key; did you mean \"memory\"?"),
        ("syntax.json", 4, 1, "invalid-profile", "trailing comma"),
        ("cycle-a.json", 2, 14, "extends-cycle", "cycle-a (\(fixture)/cycle-a.json:2:14) → cycle-b (\(fixture)/cycle-b.json:2:14) → cycle-a"),
        ("orphan.json", 2, 14, "unknown-parent", "extends \"wokrer\": no profile of that name on the search path; did you mean \"worker\"?"),
        ("sysadmin.json", 3, 45, "dangerous-capability", "SYS_ADMIN is added"),
        ("root.json", 3, 11, "root-user", "the container runs as root (user 0:0)"),
        ("renamed.json", 2, 11, "name-mismatch", "\"original\" does not match the file name renamed.json"),
        ("future.json", 2, 15, "requires-newer-harden", "this profile needs harden 99.0 or newer"),
        ("child-of-typo.json", 2, 14, "broken-parent", "whose chain needs \(fixture)/typo.json, which does not load (reported there)"),
    ])
    func defect(file: String, line: Int, column: Int, rule: String, words: String) throws {
        let findings = Self.findings(try Self.check([Self.fixture]))
        let found = findings.filter { $0.position.file == Self.fixture + "/" + file && $0.ruleID == rule }
        #expect(found.contains { $0.position.line == line && $0.position.column == column && $0.message.contains(words) && $0.rejects },
                "\(found.map { "\($0.position) \($0.message)" })")
    }

    @Test("the good profiles and the policy are accepted; each broken file is rejected once")
    func verdicts() throws {
        let report = try Self.check([Self.fixture])
        let verdicts = Dictionary(report.results.map { ($0.launch.name.replacingOccurrences(of: Self.fixture + "/", with: ""), $0.rejected) }, uniquingKeysWith: { $1 })
        #expect(verdicts["api.json"] == false && verdicts["batch.json"] == false && verdicts["policy.json"] == false)
        for broken in ["typo.json", "syntax.json", "orphan.json", "sysadmin.json", "root.json", "renamed.json", "future.json", "child-of-typo.json"] {
            #expect(verdicts[broken] == true, "\(broken)")
        }
        #expect(Self.findings(report).filter { $0.ruleID == "extends-cycle" }.count == 1, "a cycle is reported once")
        #expect(!report.results.contains { $0.launch.name == Self.fixture + "/cycle-b.json" }, "its members share one result")
        #expect(report.rejected)
        #expect(report.summary == "12 profiles and 1 policy: 10 rejected, 3 accepted; 10 errors, 0 warnings")
    }

    @Test("the report is the same however many threads judge the profiles")
    func threads() throws {
        let dir = TemporaryDirectory()
        for chain in 0..<60 {
            for level in 0..<5 {
                let parent = level == 0 ? (chain % 2 == 0 ? "worker" : "web") : "c\(chain)-\(level - 1)"
                var extra = "\"resources\": {\"pids\": \(100 + level)}"
                switch (chain % 7, level) {
                case (1, 2): extra = "\"user\": \"0:0\""
                case (2, 3): extra = "\"capabilities\": {\"add\": [\"SYS_ADMIN\"]}"
                case (3, 1): extra = "\"resources\": {\"memroy\": \"1g\"}"
                case (4, 4): extra = "\"privileged\": true"
                default: break
                }
                let extends = (chain, level) == (5, 2) ? "no-such-parent" : parent
                dir.write("c\(chain)-\(level).json", "{\"extends\": \"\(extends)\", \(extra)}")
            }
        }
        dir.write("loop-a.json", "{\"extends\": \"loop-b\"}")
        dir.write("loop-b.json", "{\"extends\": \"loop-a\"}")
        func report(threads: Int) throws -> RepositoryReport {
            var check = RepositoryCheck(directories: [RepositoryDirectory(shown: dir.path, path: dir.path)], currentDirectory: "/", host: Self.host)
            check.threads = threads
            return try check.run()
        }
        let one = try report(threads: 1)
        #expect(one.rejected && one.results.count == 301)
        for threads in [2, 3] {
            let many = try report(threads: threads)
            #expect(many.summary == one.summary)
            #expect(many.results.map(\.launch.name) == one.results.map(\.launch.name))
            #expect(many.results.map(\.findings) == one.results.map(\.findings))
            #expect(many.resolved.map(\.profile) == one.resolved.map(\.profile))
        }
    }

    @Test("without the policy that forbids root, root is only a warning")
    func policyDecides() throws {
        let dir = TemporaryDirectory()
        dir.write("root.json", "{\"extends\": \"worker\", \"user\": \"0:0\"}")
        let report = try Self.check([dir.path])
        #expect(!report.rejected)
        #expect(Self.findings(report).map(\.ruleID) == ["root-user"])
        #expect(Self.findings(report).first?.severity == .warning)
        dir.write("policy.json", "{\"require\": [\"nonRoot\"]}")
        #expect(try Self.check([dir.path]).rejected)
    }

    @Test("a cycle through three profiles names every member, and a profile leading into it is told so")
    func longCycle() throws {
        let dir = TemporaryDirectory()
        dir.write("a.json", "{\"extends\": \"b\"}")
        dir.write("b.json", "{\"extends\": \"c\"}")
        dir.write("c.json", "{\"extends\": \"a\"}")
        dir.write("d.json", "{\"extends\": \"b\"}")
        let report = try Self.check([dir.path])
        let cycle = Self.findings(report).filter { $0.ruleID == "extends-cycle" }
        #expect(cycle.count == 1)
        #expect(cycle.first?.message.hasSuffix("a (\(dir.path)/a.json:1:13) → b (\(dir.path)/b.json:1:13) → c (\(dir.path)/c.json:1:13) → a") == true)
        let lead = Self.findings(report).filter { $0.position.file == dir.path + "/d.json" }
        #expect(lead.map(\.ruleID) == ["broken-parent"])
        #expect(lead.first?.message.contains("runs into the cycle") == true)
        #expect(report.summary.hasPrefix("4 profiles and 0 policies: 4 rejected, 0 accepted"))
    }

    @Test("two profiles of one name across directories: the hidden one is reported, unless the first builds on it")
    func duplicates() throws {
        let first = TemporaryDirectory(), second = TemporaryDirectory()
        first.write("api.json", "{\"extends\": \"web\"}")
        second.write("api.json", "{\n  \"name\": \"api\",\n  \"extends\": \"web\"\n}")
        let hidden = Self.findings(try Self.check([first.path, second.path])).filter { $0.ruleID == "duplicate-name" }
        #expect(hidden.count == 1)
        #expect(hidden.first?.position == SourcePosition(file: second.path + "/api.json", line: 2, column: 11))
        #expect(hidden.first?.message.contains("also defined by \(first.path)/api.json, which comes first") == true)

        first.write("api.json", "{\"extends\": \"api\"}")
        #expect(try !Self.check([first.path, second.path]).rejected, "a profile that extends its own name builds on the next one")
    }

    @Test("names that differ only in case collide")
    func caseOnly() throws {
        let dir = TemporaryDirectory()
        dir.write("Web.json", "{\"extends\": \"web\"}")
        dir.write("web.json", "{\"extends\": \"builtin:web\"}")
        let hidden = Self.findings(try Self.check([dir.path])).filter { $0.ruleID == "duplicate-name" }
        #expect(hidden.map(\.position.file) == [dir.path + "/web.json"])
        #expect(hidden.first?.message.contains("differs only in case from \"Web\"") == true)
    }

    @Test("a validator finding about an inherited setting is placed on the profile's extends, naming where it was set")
    func inheritedFinding() throws {
        let dir = TemporaryDirectory()
        dir.write("policy.json", "{\"severities\": {\"no-cpu-limit\": \"error\"}}")
        dir.write("floor.json", "{\n  \"resources\": {\"memory\": \"64m\"}\n}")
        dir.write("app.json", "{\n  \"extends\": \"floor\"\n}")
        let findings = Self.findings(try Self.check([dir.path])).filter { $0.ruleID == "no-cpu-limit" }
        #expect(findings.map(\.position.file) == [dir.path + "/app.json", dir.path + "/floor.json"])
        #expect(findings.allSatisfy { $0.position.line != nil }, "findings about a missing setting still get a line")

        let parents = TemporaryDirectory()
        parents.write("floor.json", "{\n  \"user\": \"0\", \"resources\": {\"cpus\": 1, \"memory\": \"64m\"}\n}")
        let app = TemporaryDirectory()
        app.write("app.json", "{\n  \"extends\": \"floor\"\n}")
        let root = Self.findings(try Self.check([app.path], parents: [parents.path])).filter { $0.ruleID == "root-user" }
        #expect(root.first?.position.file == app.path + "/app.json")
        #expect(root.first?.position.line == 2 && root.first?.position.column == 14)
        #expect(root.first?.position.context == "profile app: user, set in \(parents.path)/floor.json:2:11")
    }

    @Test("a merge that does not decode names the file that set the key")
    func mergedError() throws {
        let dir = TemporaryDirectory()
        dir.write("small.json", "{\n  \"extends\": \"base\",\n  \"resources\": {\"memory\": \"64m\", \"memorySwap\": \"64m\"}\n}")
        dir.write("big.json", "{\"extends\": \"small\", \"resources\": {\"memory\": \"1g\"}}")
        let finding = Self.findings(try Self.check([dir.path])).first { $0.ruleID == "invalid-profile" }
        #expect(finding?.position == SourcePosition(file: dir.path + "/small.json", line: 3, column: 48))
        #expect(finding?.message.contains("must be at least memory (1g) (in profile big, which inherits it)") == true)
    }

    @Test("every defect of a policy file is reported, and an exception for an unknown profile is a warning")
    func policies() throws {
        let dir = TemporaryDirectory()
        dir.write("policy.json", """
        {
          "requier": ["nonRoot"],
          "severities": {"no-cpu-limt": "off"}
        }
        """)
        let broken = try Self.check([dir.path])
        #expect(broken.results.map(\.launch.kind) == [.policy])
        #expect(Self.findings(broken).map { "\($0.position.line!):\($0.position.column!) \($0.ruleID)" } == ["2:3 invalid-policy", "3:18 invalid-policy"])
        #expect(broken.rejected)

        dir.write("policy.json", """
        {"exceptions": [{"rule": "root-user", "profile": "wrker", "reason": "legacy", "expires": "2030-01-01"}]}
        """)
        let warned = try Self.check([dir.path])
        #expect(!warned.rejected)
        #expect(Self.findings(warned).map(\.ruleID) == ["policy-unknown-profile"])
        #expect(Self.findings(warned).first?.message.hasSuffix("did you mean \"worker\"?") == true)
    }

    @Test("--policy replaces the repository's policy; one that cannot be read is a usage error")
    func explicitPolicy() throws {
        let dir = TemporaryDirectory()
        dir.write("root.json", "{\"extends\": \"worker\", \"user\": \"root\"}")
        let strict = dir.write("strict/p.json", "{\"require\": [\"nonRoot\"]}")
        #expect(try Self.check([dir.path], policy: strict).rejected)
        #expect(throws: HardenError.input("--policy /nonexistent.json: cannot read the file; check the path (it must be a UTF-8 JSON file)")) {
            try Self.check([dir.path], policy: "/nonexistent.json")
        }
    }

    @Test("a file that is not UTF-8 is a finding; a missing directory is a usage error; hidden files are left alone")
    func unreadable() throws {
        let dir = TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.path + "/latin1.json", contents: Data([0x7B, 0xE9, 0x7D]))
        dir.write(".editor-backup.json", "{")
        let report = try Self.check([dir.path])
        #expect(Self.findings(report).map(\.message) == ["byte 0xE9 is not UTF-8; save the file as UTF-8 text"])
        #expect(Self.findings(report).map(\.position.column) == [2])
        #expect(throws: HardenError.input("/nonexistent/profiles: no such directory; give the directory that holds the profiles")) {
            try Self.check(["/nonexistent/profiles"])
        }
    }
}
