import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Seccomp filters judged by their effect")
struct SeccompEffectTests {
    static func judge(_ text: String, capabilities: [String] = []) throws -> SeccompEffect.Judgement {
        try #require(SeccompEffect.judge(fileText: text, file: "p.json", capabilities: Set(capabilities.compactMap(Capability.named))))
    }

    @Test("every allowing default action is off, every denying one confines")
    func defaults() throws {
        for action in ["SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE"] {
            #expect(try Self.judge(#"{"defaultAction": "\#(action)"}"#).off?.contains("defaultAction \(action)") == true)
        }
        for action in ["SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP"] {
            #expect(try Self.judge(#"{"defaultAction": "\#(action)"}"#) == SeccompEffect.Judgement())
        }
    }

    @Test("an escape-critical syscall allowed is off unless the container holds the capability Docker's default unlocks it with")
    func criticalSyscalls() throws {
        let mount = #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["mount"], "action": "SCMP_ACT_ALLOW"}]}"#
        #expect(try Self.judge(mount).off == "it allows mount (SCMP_ACT_ALLOW), which Docker's default profile denies without CAP_SYS_ADMIN")
        #expect(try Self.judge(mount, capabilities: ["SYS_ADMIN"]).off == nil)
        let keyctl = #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["keyctl"], "action": "SCMP_ACT_ALLOW"}]}"#
        #expect(try Self.judge(keyctl, capabilities: ["SYS_ADMIN"]).off?.contains("in every case") == true)
        let errno = #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["mount"], "action": "SCMP_ACT_ERRNO"}]}"#
        #expect(try Self.judge(errno).off == nil)
    }

    @Test("a rule under includes.caps counts only when the container holds every capability named, as moby adds it")
    func includes() throws {
        let profile = #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN", "CAP_BPF"]}}]}"#
        #expect(try Self.judge(profile, capabilities: ["SYS_ADMIN"]).off == nil)
        #expect(try Self.judge(profile).off == nil)
    }

    @Test("action names are matched exactly; unknown keys, folded duplicates and repeated keys are not understood")
    func notUnderstood() throws {
        #expect(try Self.judge(#"{"defaultAction": "Scmp_Act_Allow"}"#).problems.first?.message.contains("not an action runc knows") == true)
        #expect(try Self.judge(#"{"defaultAction": "SCMP_ACT_ERRNO", "x": 1}"#).problems.first?.message.hasPrefix("x: not a key of a Docker seccomp profile") == true)
        #expect(try Self.judge(#"{"defaultAction": "SCMP_ACT_ERRNO", "DefaultAction": "SCMP_ACT_LOG"}"#).problems.first?.message.contains("the same field") == true)
        #expect(try Self.judge(#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultAction": "SCMP_ACT_LOG"}"#).problems.first?.message.hasPrefix("duplicate key") == true)
        #expect(SeccompEffect.judge(fileText: "{", file: "p.json", capabilities: []) == nil, "not JSON: docker refuses it too")
    }

    @Test("through a docker run line: a file that is as good as unconfined is confinement-disabled, and with every capability privileged")
    func dockerLine() throws {
        let open = #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["unshare", "read"], "action": "SCMP_ACT_LOG"}]}"#
        let host = Audit.host(files: ["/etc/p.json": open])
        let findings = try Audit.findings(Audit.hardened + " --security-opt seccomp=/etc/p.json img:1", host: host)
        #expect(findings.filter(\.rejects).map(\.message) == ["the seccomp profile /etc/p.json is as good as unconfined: it allows unshare (SCMP_ACT_LOG), which Docker's default profile denies without CAP_SYS_ADMIN"])
        let everything = #"{"defaultAction": "SCMP_ACT_LOG"}"#
        #expect(try Audit.errors("--cap-add ALL --security-opt seccomp=/etc/p.json img:1", host: Audit.host(files: ["/etc/p.json": everything])).contains("privileged"))
    }
}
