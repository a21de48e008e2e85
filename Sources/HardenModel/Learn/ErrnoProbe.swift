/// The signal `harden learn` has when no seccomp record can be read: one more run under BASE's own
/// filter with a single change, the calls BASE does not allow answered with an errno no system
/// call gives a container in normal operation (EHWPOISON, 133: "Memory page has hardware error").
/// BASE's denies stay EPERM and its ENOSYS/EOPNOTSUPP fallbacks stay as they are, so the run
/// behaves as under BASE except for that number. What it tells: whether the workload ran the same
/// way as when nothing was refused, and which of its output lines report a refused call. It cannot
/// name the calls: only the kernel log (or a tracer) can.
public enum ErrnoProbe {
    public static let errno = 133
    /// How programs print it: glibc and Python's strerror, Go's syscall table, Rust's io::Error,
    /// the symbolic name (Node, strace-like output). Compared lowercased.
    static let phrases = ["memory page has hardware error", "ehwpoison", "errno 133", "os error 133"]

    /// BASE's filter with the probe's errno for every call it does not allow; nil when BASE has no
    /// filter of its own (the engine's default applies, and there is nothing to probe).
    public static func filter(base: Profile, noNewPrivileges: Bool) -> SeccompFilter? {
        guard var policy = base.seccomp else { return nil }
        // Generated with a non-EPERM default so the denies get EPERM rules of their own, then the
        // default swapped for the probe's errno.
        policy.defaultAction = "log"
        var filter = SeccompGenerator.filter(for: policy, noNewPrivileges: noNewPrivileges)
        filter.defaultAction = .errno(errno)
        // dockerd 20.10 drops defaultErrnoRet (every other call then gets EPERM), so each call
        // the filter does not name gets a rule of its own; runc and crun read the default too.
        let named = Set(filter.rules.flatMap(\.names))
        let rest = Syscalls.all.filter { !named.contains($0) }.sorted()
        filter.rules += SeccompGenerator.split(rest, action: .errno(errno), comment: "not allowed by the profile: errno \(errno) for harden learn's probe")
        return filter
    }

    /// The lines of the workload's output (and its exercise's) that report a refused call, in order,
    /// each once.
    public static func refusals(in outputs: [String]) -> [String] {
        var seen: Set<String> = []
        var lines: [String] = []
        for output in outputs {
            for line in output.split(separator: "\n") {
                let lower = line.lowercased()
                guard phrases.contains(where: { lower.contains($0) }) else { continue }
                let text = String(line.trimmingPrefixSpaces())
                if seen.insert(text).inserted { lines.append(text) }
            }
        }
        return lines
    }

    /// What the probe found, for stderr (one line each) and for the profile's rationale (one
    /// sentence). `differences`: how the probe run differed from the learning run, none when it ran
    /// the same way.
    public static func verdict(base: String, differences: [String], refusals: [String]) -> (lines: [String], rationale: String) {
        if differences.isEmpty, refusals.isEmpty {
            return (["probe: under \(base)'s filter the workload ran the same way as with nothing refused: \(base)'s filter is enough for what this run did"],
                    "a probe run under \(base)'s filter ran the same way")
        }
        var lines: [String] = []
        if !differences.isEmpty {
            lines.append("probe: under \(base)'s filter the workload did not run the same way: \(differences.joined(separator: "; "))")
        }
        if refusals.isEmpty {
            lines.append("probe: no output line names errno \(errno), so the difference may come from a call answered EPERM (\(base)'s denies) or handled silently; learn where the kernel log is readable to name the calls")
        } else {
            lines.append("probe: \(refusals.count) output line\(refusals.count == 1 ? "" : "s") report\(refusals.count == 1 ? "s" : "") a call \(base) does not allow (errno \(errno), \"Memory page has hardware error\"):")
            lines += refusals.prefix(10).map { "  refused| \($0)" }
            if refusals.count > 10 { lines.append("  refused| … \(refusals.count - 10) more") }
        }
        lines.append("probe: the profile keeps \(base)'s filter; widen it by the group the refused call belongs to (docs/learn.md), or learn where the kernel log is readable")
        let rationale = differences.isEmpty
            ? "a probe run under \(base)'s filter ran the same way, but \(refusals.count) output line(s) reported calls it does not allow"
            : "a probe run under \(base)'s filter did not run the same way (\(differences.joined(separator: "; "))); \(refusals.count) output line(s) reported calls it does not allow"
        return (lines, rationale)
    }
}

extension Substring {
    fileprivate func trimmingPrefixSpaces() -> Substring { drop(while: { $0 == " " || $0 == "\t" }) }
}
