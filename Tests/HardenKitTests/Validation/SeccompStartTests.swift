import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// A filter that cannot start a process is refused before any engine is called.
@Suite("seccomp-cannot-start")
struct SeccompStartTests {
    static func findings(_ policy: Profile.SeccompPolicy, noNewPrivileges: Bool = true) -> [Finding] {
        var plan = LaunchPlan()
        plan.image = "img"
        plan.seccompPolicy = policy
        plan.noNewPrivileges = noNewPrivileges
        return Validator(host: Audit.host).findings(for: plan).filter { $0.ruleID == "seccomp-cannot-start" }
    }

    static func policy(allow: [String], deny: [String] = [], defaultAction: String = "errno") -> Profile.SeccompPolicy {
        var policy = Profile.SeccompPolicy()
        policy.allow = allow; policy.deny = deny; policy.defaultAction = defaultAction
        return policy
    }

    @Test("the built-ins start")
    func builtins() {
        for policy in [Self.policy(allow: ["@system-service"]), Self.policy(allow: ["@system-service", "@sync"])] {
            #expect(ProcessStartTable.missing(in: policy, noNewPrivileges: true).isEmpty)
        }
    }

    @Test("allow [@sync] alone is refused, naming execve and what it is for")
    func syncAlone() throws {
        let finding = try #require(Self.findings(Self.policy(allow: ["@sync"])).first)
        #expect(finding.severity == .error)
        #expect(finding.message.hasPrefix("the seccomp filter refuses execve, openat, getdents64"))
        #expect(finding.message.contains("(execve: runc and crun start the workload with it"))
    }

    @Test("denying one needed name is refused, under errno and under log alike", arguments: ["errno", "log"])
    func denied(defaultAction: String) throws {
        let finding = try #require(Self.findings(Self.policy(allow: ["@system-service"], deny: ["mmap"], defaultAction: defaultAction)).first)
        #expect(finding.message.hasPrefix("the seccomp filter refuses mmap, which every process start needs"))
    }

    @Test("log as the default action lets unlisted names through, so an empty allow list starts")
    func logDefault() {
        #expect(Self.findings(Self.policy(allow: [], defaultAction: "log")).isEmpty)
    }

    @Test("validate and run refuse such a profile before any engine is called")
    func commands() {
        let dir = TemporaryDirectory()
        dir.write("team/narrow.json", #"{"name": "narrow", "extends": "builtin:web", "seccomp": {"allow": ["@sync"]}}"#)
        let validate = ValidateCommandTests.run(["validate", dir.path + "/team"])
        #expect(validate.status == 1)
        #expect(validate.out.contains("error seccomp-cannot-start: the seccomp filter refuses execve"))
        // --engine names a program that does not exist: reaching it would fail differently.
        let run = ValidateCommandTests.run(["run", "--profiles", dir.path + "/team", "--engine", "/nonexistent/docker", "narrow", "--", "img"])
        #expect(run.status != 0)
        #expect(run.err.contains("seccomp-cannot-start: the seccomp filter refuses execve"))
    }

    @Test("every row names a known syscall and says why")
    func table() {
        for row in ProcessStartTable.rows {
            #expect(Syscalls.isKnown(row.syscall), "\(row.syscall)")
            #expect(!row.why.isEmpty)
        }
    }
}
