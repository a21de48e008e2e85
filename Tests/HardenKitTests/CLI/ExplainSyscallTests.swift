import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `harden explain SYSCALL` answers "which group do I add?" when a workload dies with EPERM.
@Suite("harden explain SYSCALL")
struct ExplainSyscallTests {
    static func explain(_ word: String) -> (status: Int32, out: String, err: String) { ValidateCommandTests.run(["explain", word]) }

    @Test("fsync: its group, what it is for, which built-ins allow it, how to add it")
    func fsync() {
        let result = Self.explain("fsync")
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("fsync (syscall)\n  for:        flushes a file's data and metadata to storage"))
        #expect(result.out.contains("  group:      @sync: Flushing data to storage\n"))
        #expect(result.out.contains("worker: allowed; db: allowed"))
        #expect(result.out.contains("\"seccomp\": {\"add\": [\"@sync\"]}"))
    }

    @Test("a denied call says which deny refuses it and that deny wins")
    func denied() {
        let out = Self.explain("ptrace").out
        #expect(out.contains("web: refused (denied); worker: refused (denied); db: refused (denied)"))
        #expect(out.contains("base denies it through @debug, and deny wins"))
    }

    @Test("argument filters and fallback answers are named")
    func filtered() {
        #expect(Self.explain("clone3").out.contains("answered:   ENOSYS instead of EPERM, even where allowed"))
        #expect(Self.explain("socket").out.contains("filtered:   allowed only with certain arguments: only the profile's socket families"))
        #expect(Self.explain("execve").out.contains("needed to start any process: runc and crun start the workload with it"))
    }

    @Test("a group lists its members and how much of it each built-in allows")
    func group() {
        let out = Self.explain("@sync").out
        #expect(out.hasPrefix("@sync (syscall group)\n  Flushing data to storage\n"))
        #expect(out.contains("fdatasync fsync"))
        #expect(out.contains("worker: all; db: all"))
    }

    @Test("rule ids still win, and an unknown word still says no rule")
    func rulesFirst() {
        #expect(Self.explain("privileged").out.hasPrefix("privileged\n  severity: error, a hard rejection"))
        let unknown = Self.explain("fsyncc")
        #expect(unknown.status != 0)
        #expect(unknown.err.contains("no rule named \"fsyncc\""))
    }
}
