import Testing
@testable import HardenModel

@Suite("harden learn without a seccomp log: the errno probe")
struct ErrnoProbeTests {
    @Test("the probe's filter is BASE's with one change: what BASE does not allow gets errno 133; denies stay EPERM, fallbacks as they were")
    func filter() throws {
        let worker = try ProfileLearnerTests.base("worker")
        let probe = try #require(ErrnoProbe.filter(base: worker, noNewPrivileges: true))
        let real = SeccompGenerator.filter(for: try #require(worker.seccomp), noNewPrivileges: true)
        #expect(probe.defaultAction == .errno(133))
        #expect(real.defaultAction == .errno(SeccompFilter.Action.eperm))
        let allowed: (SeccompFilter) -> Set<String> = { Set($0.rules.filter { $0.action == .allow }.flatMap(\.names)) }
        #expect(allowed(probe) == allowed(real))
        let fallbacks: (SeccompFilter) -> [SeccompFilter.Rule] = { $0.rules.filter { $0.action == .errno(SeccompFilter.Action.enosys) } }
        #expect(fallbacks(probe) == fallbacks(real))
        let denied = Set(probe.rules.filter { $0.action == .errno(SeccompFilter.Action.eperm) }.flatMap(\.names))
        let baseDenies = SyscallCatalogue.expand(worker.seccomp?.deny ?? [])
        #expect(!baseDenies.isEmpty)
        #expect(baseDenies.isSubset(of: denied), "\(baseDenies.subtracting(denied).sorted())")
        // Named one by one as well, for dockerd 20.10, which drops defaultErrnoRet.
        let probed = Set(probe.rules.filter { $0.action == .errno(133) }.flatMap(\.names))
        #expect(probed.contains("ioprio_set"))
        #expect(probed.isDisjoint(with: allowed(real)))
        #expect(probed.isDisjoint(with: denied))
        #expect(Set(probe.rules.flatMap(\.names)).isSuperset(of: Syscalls.all))
        #expect(Set(probe.rules.filter { $0.action != .errno(133) }.flatMap(\.names)) == Set(real.rules.flatMap(\.names)).union(denied))
    }

    @Test("a profile with no filter of its own has nothing to probe")
    func noFilter() {
        #expect(ErrnoProbe.filter(base: Profile(name: "plain"), noNewPrivileges: true) == nil)
    }

    @Test("the lines that report errno 133, as glibc, Go, Rust and Python print it, each once; EPERM lines are not")
    func refusals() {
        let output = """
        start
        ionice: ioprio_set: Memory page has hardware error
        unshare: unshare(0x10000000): Operation not permitted
        panic: open /x: memory page has hardware error
          OSError: [Errno 133] Memory page has hardware error
        Error { kind: Uncategorized, message: "os error 133" }
        ionice: ioprio_set: Memory page has hardware error
        """
        #expect(ErrnoProbe.refusals(in: [output, "curl: EHWPOISON\n"]) == [
            "ionice: ioprio_set: Memory page has hardware error",
            "panic: open /x: memory page has hardware error",
            "OSError: [Errno 133] Memory page has hardware error",
            "Error { kind: Uncategorized, message: \"os error 133\" }",
            "curl: EHWPOISON",
        ])
    }

    @Test("the verdict: the same run says BASE's filter is enough; a different one names the difference and the refused lines")
    func verdict() {
        let same = ErrnoProbe.verdict(base: "worker", differences: [], refusals: [])
        #expect(same.lines == ["probe: under worker's filter the workload ran the same way as with nothing refused: worker's filter is enough for what this run did"])
        #expect(same.rationale == "a probe run under worker's filter ran the same way")
        let differed = ErrnoProbe.verdict(base: "worker", differences: ["the container exited with status 1, not 0"],
                                          refusals: ["ionice: ioprio_set: Memory page has hardware error"])
        #expect(differed.lines == [
            "probe: under worker's filter the workload did not run the same way: the container exited with status 1, not 0",
            "probe: 1 output line reports a call worker does not allow (errno 133, \"Memory page has hardware error\"):",
            "  refused| ionice: ioprio_set: Memory page has hardware error",
            "probe: the profile keeps worker's filter; widen it by the group the refused call belongs to (docs/learn.md), or learn where the kernel log is readable",
        ])
        let silent = ErrnoProbe.verdict(base: "worker", differences: ["the container exited with status 1, not 0"], refusals: [])
        #expect(silent.lines[1].hasPrefix("probe: no output line names errno 133"))
    }

    @Test("the learned profile's rationale carries the probe's sentence")
    func rationale() throws {
        var seen = try ProfileLearnerTests.observations([])
        seen.sawSyscalls = false
        seen.probe = "a probe run under worker's filter ran the same way"
        let text = ProfileLearner.learn(seen).text
        #expect(text.contains("no readable seccomp log, so worker's filter applies unchanged; a probe run under worker's filter ran the same way\""), "\(text)")
    }
}
