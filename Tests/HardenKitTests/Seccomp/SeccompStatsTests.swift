import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Comparing filters with Docker's default")
struct SeccompStatsTests {
    /// The target: at most 60% of the 292 syscalls Docker's default allows on x86_64.
    @Test("each built-in allows at most 175 syscalls on x86_64", arguments: ["web", "worker", "db"])
    func budget(name: String) {
        let stats = SeccompStats(BuiltinFilters.filter(name), architecture: .x86_64)
        #expect(stats.dockerAllowed.count == 292)
        #expect(stats.allowed.count <= 175, "\(name) allows \(stats.allowed.count)")
    }

    @Test("what is removed and what is kept add up to Docker's list", arguments: ["web", "worker", "db"])
    func partition(name: String) {
        let stats = SeccompStats(BuiltinFilters.filter(name), architecture: .x86_64)
        let removed = stats.removed.flatMap(\.names)
        let kept = stats.allowed.filter { stats.dockerAllowed.contains($0) }
        #expect((removed + kept).sorted() == stats.dockerAllowed)
        #expect(stats.removed.map(\.group) == stats.removed.map(\.group).sorted())
    }

    @Test("the roles differ where their work does")
    func rolesDiffer() {
        let web = Set(SeccompStats(BuiltinFilters.filter("web"), architecture: .x86_64).allowed)
        let db = Set(SeccompStats(BuiltinFilters.filter("db"), architecture: .x86_64).allowed)
        #expect(db.isSuperset(of: ["fsync", "fdatasync", "sync_file_range", "shmget", "shmat"]))
        #expect(web.isSuperset(of: ["fsync", "fdatasync"]), "uploads and session files are flushed (the runtime matrix)")
        #expect(web.isDisjoint(with: ["shmget", "setuid", "mount", "ptrace", "io_uring_setup", "keyctl", "unshare"]))
    }

    @Test("the report gives the counts and the removed groups")
    func render() {
        let text = SeccompStats(BuiltinFilters.filter("web"), architecture: .x86_64).render(profile: "web")
        #expect(text.hasPrefix("web: allows "))
        #expect(text.contains("Docker's default allows 292 unconditionally"))
        #expect(text.contains("\n  @setuid (9) "))
        #expect(text.contains("argument-filtered (3): clone socket socketpair\n"))
    }
}
