import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Learning a profile from observations")
struct ProfileLearnerTests {
    static func base(_ name: String) throws -> Profile {
        try ProfileRepository(searchPath: SearchPath(entries: [])).resolve(name).profile
    }

    static func record(_ name: String, comm: String = "redis-server", pid: Int = 100) -> SeccompLogRecord {
        let number = SyscallNumbers.x86_64.first { $0.value == name }!.key
        return SeccompLogRecord(pid: pid, comm: comm, arch: "c000003e", number: number, name: name)
    }

    static func observations(_ calls: [String], writes: String = "", base: String = "worker") throws -> LearnObservations {
        var seen = LearnObservations(base: base, baseProfile: try Self.base(base), name: "job", image: "harden-e2e/python:1",
                                     started: "2026-12-07T10:00:00Z", seconds: 20)
        seen.command = ["python3", "/job.py"]
        seen.records = calls.map { Self.record($0) }
        seen.writes = try RootWrites.parse(writes)
        seen.mounted = try Self.base(base).tmpfs.map(\.target)
        return seen
    }

    @Test("the filter is the calls made plus the process-start minimum, and reads back through the strict decoder")
    func narrowed() throws {
        let seen = try Self.observations(["epoll_wait", "accept4", "getpid", "openat", "epoll_wait"])
        let result = ProfileLearner.learn(seen)
        let profile = try ProfileDecoder.decode(result.text, file: "job.json")
        #expect(profile.extends == "worker")
        let allowed = SyscallCatalogue.expand(profile.seccomp!.allow)
        #expect(allowed.isSuperset(of: ProcessStartTable.rows.map(\.syscall)))
        #expect(allowed.isSuperset(of: ["epoll_wait", "accept4", "getpid"]))
        #expect(!allowed.contains("socket"), "a call never made is not allowed")
        #expect(allowed.contains("rt_sigreturn"), "always kept")
        #expect(result.allowed.count == 19, "\(result.allowed)")
        #expect(result.additions.isEmpty, "worker allows all of these: \(result.additions)")
    }

    @Test("same observations, same bytes, whatever order the records came in")
    func deterministic() throws {
        var one = try Self.observations(["getpid", "accept4", "fsync"], writes: "C /srv\nA /srv/a\nA /srv/a/b\n")
        let first = ProfileLearner.learn(one).text
        one.records.reverse()
        #expect(ProfileLearner.learn(one).text == first)
        #expect(first.hasSuffix("}\n"))
        #expect(first.contains(#""description": "Learned by harden learn from harden-e2e/python:1 python3 /job.py under worker, 2026-12-07T10:00:00Z, 20s, not exercised."#))
    }

    @Test("a call beyond BASE is added and said, with who called it; runc's own calls are kept and said")
    func additions() throws {
        var seen = try Self.observations(["getpid", "setuid"], base: "web")
        seen.records.append(Self.record("epoll_ctl", comm: "runc:[2:INIT]"))
        seen.records.append(Self.record("getppid", comm: "runc:[2:INIT]"))
        let result = ProfileLearner.learn(seen)
        #expect(result.additions == ["seccomp: allows setuid, which web does not: called by redis-server (1 time)"])
        #expect(result.notes.first == "kept: epoll_ctl, getppid, called only by the runtime (runc) between loading the filter and starting the workload")
        #expect(result.allowed.contains("epoll_ctl"), "runc's Go runtime may need it whenever a signal lands in that window")
    }

    @Test("a whole group used is written as the group, a partial one by name")
    func regroup() {
        let sync = SyscallCatalogue.names(in: "@sync").filter { Syscalls.isNative($0, on: .x86_64) }
        let entries = ProfileLearner.regroup(Set(sync + ["getpid", "fsync"]), architecture: .x86_64, within: SyscallCatalogue.expand(["@sync"]))
        #expect(entries == ["@sync", "getpid"])
        #expect(ProfileLearner.regroup(["fsync", "getpid"], architecture: .x86_64) == ["fsync", "getpid"])
        let web = SyscallCatalogue.expand(["@system-service"])
        #expect(ProfileLearner.regroup(["uname", "sysinfo"], architecture: .x86_64, within: web) == ["sysinfo", "uname"],
                "@system-info would also allow i386's olduname, which the base did not")
        #expect(ProfileLearner.regroup(["uname", "sysinfo"], architecture: .x86_64, within: web.union(["olduname", "oldolduname"])) == ["@system-info"])
    }

    @Test("a written directory outside the image's usual ones is exactly the carve-out; data the image had goes on a volume")
    func carveOuts() throws {
        var seen = try Self.observations(["getpid"], writes: "C /srv\nA /srv/odd\nA /srv/odd/state\nA /srv/odd/state/counter\nC /var\nC /var/lib\nC /var/lib/app\nA /var/lib/app/db\nC /tmp\nA /tmp/x\nC /var/cache\nA /var/cache/app\nA /var/cache/app/blob\n")
        seen.sizes = ["/srv/odd/state": 3 << 20, "/var/lib/app": 40 << 20, "/var/cache/app": 10]
        let result = ProfileLearner.learn(seen)
        let profile = try ProfileDecoder.decode(result.text, file: "job.json")
        #expect(profile.tmpfs.map(\.target) == ["/srv/odd/state", "/var/cache/app"])
        #expect(profile.tmpfs.map(\.size) == [8 << 20, 8 << 20])
        #expect(profile.volumes.map(\.target) == ["/var/lib/app"])
        #expect(profile.volumes.first?.source == "job-var-lib-app")
        #expect(result.additions.contains("tmpfs: /srv/odd/state (8m): written during learning (3 MB); a read-only root refuses it otherwise"))
        #expect(result.notes.contains { $0.hasPrefix("/srv/odd/state looks like data, and a tmpfs loses it") })
        #expect(ProfileLearner.tmpfsSize(40 << 20) == 128 << 20)
        #expect(ProfileLearner.tmpfsSize(.max) == 2 << 40, "bounded, no overflow")
    }

    @Test("a written directory docker could not mount (',' or ':' in its path) is said, not written into the profile")
    func unmountable() throws {
        let seen = try Self.observations(["getpid"], writes: "C /srv\nA /srv/a,b\nA /srv/a,b/f\nA /srv/c:d\nA /srv/c:d/f\n")
        let result = ProfileLearner.learn(seen)
        #expect(try ProfileDecoder.decode(result.text, file: "job.json").tmpfs.isEmpty)
        #expect(result.notes.contains("/srv/a,b was written, but a path with ',' or ':' cannot be a mount target; rename it in the image"))
    }

    @Test("without a readable log the base's filter is kept and nothing is claimed")
    func blind() throws {
        var seen = try Self.observations([])
        seen.sawSyscalls = false
        let result = ProfileLearner.learn(seen)
        let base = try Self.base("worker").seccomp!
        let expected = SyscallCatalogue.expand(base.allow).subtracting(SyscallCatalogue.expand(base.deny)).filter { Syscalls.isNative($0, on: .x86_64) }
        #expect(Set(result.allowed) == expected)
        #expect(result.text.contains("no readable seccomp log, so worker's filter applies unchanged"))
        #expect(try ProfileDecoder.decode(result.text, file: "job.json").seccomp == nil, "inherited, not restated")
    }

    @Test("the learning filter allows only the start minimum, keeps BASE's denies and logs the rest")
    func learningFilter() throws {
        let policy = ProfileLearner.learningPolicy(base: try Self.base("web"))
        let filter = SeccompGenerator.filter(for: policy)
        #expect(filter.defaultAction == .log)
        let allowed = Set(filter.rules.filter { $0.action == .allow }.flatMap(\.names))
        #expect(allowed == Set(ProcessStartTable.rows.map(\.syscall) + ["rt_sigreturn"]))
        #expect(filter.rules.contains { $0.action == .errno(SeccompFilter.Action.eperm) && $0.names.contains("ptrace") }, "web denies @debug")
    }

    @Test("the learned profile passes harden validate next to its base")
    func validates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seen = try Self.observations(["getpid", "accept4", "epoll_wait", "fsync"], writes: "C /srv\nA /srv/odd\nA /srv/odd/state\nA /srv/odd/state/counter\n")
        try ProfileLearner.learn(seen).text.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
        let result = ValidateCommandTests.run(["validate", directory])
        #expect(result.status == 0, "\(result.out)\(result.err)")
        let stats = ValidateCommandTests.run(["seccomp", "--profiles", directory, "job", "--stats"])
        #expect(stats.out.hasPrefix("job: allows 20 syscalls on x86_64"), "\(stats.out)\(stats.err)")
    }

    @Test("harden diff BASE NAME: one tightening for the narrowed filter, a loosening for each addition learn listed")
    func diff() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seen = try Self.observations(["getpid", "accept4", "setuid"], writes: "C /srv\nA /srv/odd\nA /srv/odd/state\nA /srv/odd/state/counter\n")
        let learned = ProfileLearner.learn(seen)
        #expect(learned.additions.count == 2, "\(learned.additions)")
        try learned.text.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
        let result = ValidateCommandTests.run(["diff", "--profiles", directory, "worker", "job"])
        #expect(result.out == """
        harden diff: worker (builtin:worker.json) → job (\(directory)/job.json)
          neutral   extends: base → worker
          loosens   tmpfs["/srv/odd/state"]: added: a writable carve-out (8m, noexec, nosuid, nodev)
          loosens   seccomp.allow: setuid added
          tightens  seccomp.allow: narrowed to the calls it names: 18 of the 167 syscalls allowed before on x86_64 kept
        4 changes: 2 loosens, 1 tightens, 1 neutral

        """, "\(result.err)")
    }
}
