import FoundationEssentials
import HardenFormats
import HardenModel

/// The steps of `harden learn` that do not depend on what starts the container, called by the
/// docker/podman path and the bundle path alike: finding the seccomp signal, the learning passes,
/// writing the profile.
enum LearnSteps {
    /// The seccomp signal, or the one line saying why there is none. The paths can be moved
    /// (HARDEN_LEARN_KERNEL_LOG, HARDEN_LEARN_AUDIT_LOG, HARDEN_LEARN_AUDITD_PID) to try the
    /// fallbacks on a host that has the real signal.
    struct Signal {
        var environment: [String: String]
        var haveLog = false
        var rateLimit = PrintkRateLimit()

        func open() -> Result<SeccompLogSource, LearnProblem> {
            SeccompLogSource.open(auditLog: environment["HARDEN_LEARN_AUDIT_LOG"] ?? "/var/log/audit/audit.log",
                                  auditPid: environment["HARDEN_LEARN_AUDITD_PID"] ?? "/var/run/auditd.pid",
                                  kernelLog: environment["HARDEN_LEARN_KERNEL_LOG"] ?? "/dev/kmsg")
        }

        /// A fresh reader for one pass, from where the log stands now.
        func source() -> SeccompLogSource? { haveLog ? try? open().get() : nil }
    }

    static func signal(environment: [String: String], base: String, say: (String) -> Void) -> Signal {
        var signal = Signal(environment: environment)
        let logged = OCIHostReader.read("/proc/sys/kernel/seccomp/actions_logged") ?? ""
        if !logged.split(whereSeparator: { $0 == " " || $0 == "\n" }).contains("log") {
            say("this kernel does not log seccomp's log action (kernel.seccomp.actions_logged has no \"log\"): learning only the writes; the profile keeps \(base)'s filter")
        } else {
            switch signal.open() {
            case .success(let opened):
                signal.haveLog = true
                if opened.kind == .kernelLog, let line = signal.rateLimit.lift() { say(line) }
            case .failure(let problem):
                say("\(problem.message): learning only the writes; the profile keeps \(base)'s filter")
            }
        }
        return signal
    }

    /// The learning passes: `pass(number, calls seen so far, log reader)` runs one, adding its
    /// records and setting its writes in `observations`. `runs` passes at least (`--runs`); each
    /// after the first logs only calls not seen yet, since a program makes some calls only
    /// sometimes (a pool's worker still alive to be killed, or not). A pass that lost records is
    /// followed by one more: the noisy calls are then allowed quietly, and what the kernel dropped
    /// is logged alone. The last pass's outcome is the reference the verification compares with.
    static func observe(
        _ observations: inout LearnObservations, runs: Int, signal: Signal, say: (String) -> Void,
        pass: (Int, Set<String>, SeccompLogSource?, inout LearnObservations) throws(HardenError) -> LearnWatch.Outcome
    ) throws(HardenError) -> LearnWatch.Outcome {
        var reference = LearnWatch.Outcome()
        var known: Set<String> = []
        var changes: [RootWrites.Change] = []
        var number = 0
        while true {
            number += 1
            let source = signal.source()
            reference = try pass(number, known, source, &observations)
            let seen = Set(observations.records.compactMap(\.name))
            if number > 1, signal.haveLog {
                let new = seen.subtracting(known).sorted()
                say("pass \(number): \(new.isEmpty ? "no call" : new.joined(separator: ", ")) not seen in an earlier pass")
            }
            known.formUnion(seen)
            changes += observations.writes.changes
            let dropped = source.map { $0.overwritten + $0.suppressed > 0 } ?? false
            if number >= runs && !dropped { break }
            if number > runs {
                say("warning: the kernel dropped records in every pass: calls may be missing; learn again on a quieter host")
                break
            }
            if dropped {
                say("the kernel dropped records (\(source!.overwritten) overwritten, \(source!.suppressed) rate-limited): another pass logs only the calls not seen yet")
            }
        }
        observations.writes = RootWrites(changes: changes)
        observations.seconds = reference.seconds
        return reference
    }

    /// Writes the learned profile and names on stderr everything it adds beyond BASE.
    static func write(_ observations: LearnObservations, output: String, noNewPrivileges: Bool, console: Console, say: (String) -> Void) throws(HardenError) {
        let learned = ProfileLearner.learn(observations)
        try OutputFile.write(learned.text, to: output, console: console)
        for line in learned.additions { say("+ \(line)") }
        for line in learned.notes { say("note: \(line)") }
        let base = observations.base
        let baseCount = observations.baseProfile.seccomp.map {
            SeccompStats(SeccompGenerator.filter(for: $0, noNewPrivileges: noNewPrivileges), architecture: .host).allowed.count
        }
        say("wrote \(output): \(learned.allowed.count) syscalls on \(SeccompArchitecture.host.rawValue)" + (baseCount.map { " (\(base) allows \($0))" } ?? "")
            + ", \(learned.additions.count) addition\(learned.additions.count == 1 ? "" : "s") beyond \(base); review it with: harden diff \(base) \(observations.name)")
    }

    /// Without seccomp records: the probe run (ErrnoProbe) under BASE's filter, compared with the
    /// learning run; its verdict on stderr and in the profile's rationale. `run` runs the workload
    /// once under the filter given and watches it as a learning pass is watched.
    static func probe(
        _ observations: inout LearnObservations, reference: LearnWatch.Outcome, noNewPrivileges: Bool, say: (String) -> Void,
        run: (SeccompFilter) throws(HardenError) -> LearnWatch.Outcome
    ) throws(HardenError) {
        guard !observations.sawSyscalls else { return }
        let base = observations.base
        guard let filter = ErrnoProbe.filter(base: observations.baseProfile, noNewPrivileges: noNewPrivileges) else {
            say("no probe run: \(base) names no seccomp filter of its own, so the engine's default applies")
            return
        }
        say("no seccomp records, so one probe run: the workload under \(base)'s filter, the calls it does not allow answered errno \(ErrnoProbe.errno) (EHWPOISON) so that their failures can be told in its output")
        let outcome = try run(filter)
        let verdict = ErrnoProbe.verdict(base: base, differences: LearnWatch.differences(reference, outcome),
                                         refusals: ErrnoProbe.refusals(in: [outcome.output, outcome.exerciseOutput]))
        for line in verdict.lines { say(line) }
        observations.probe = verdict.rationale
    }
}
