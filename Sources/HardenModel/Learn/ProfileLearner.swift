/// Turns what a learning run saw into a profile that extends its base: the base's filter narrowed
/// to the calls made (plus any the base lacked, each named), tmpfs carve-outs for the directories
/// written, a volume for a data directory the image already had, and the user the run needed.
/// Deterministic: sorted lists, fixed key order, the date taken from the observations.
public enum ProfileLearner {
    public struct Result: Sendable, Equatable {
        /// The profile file, pretty JSON with a final newline.
        public var text: String
        /// One line per thing the learned profile allows beyond BASE, with why: for stderr.
        public var additions: [String]
        /// Other things worth saying (calls ignored, data on tmpfs, a write to / itself).
        public var notes: [String]
        /// The syscalls the learned `allow` stands for, native on the learning architecture.
        public var allowed: [String]
    }

    /// The process names of the runtime itself: runc's init re-execs as `runc:[2:INIT]` and makes a
    /// few calls between loading the filter and execve, which belong to no workload.
    static func isRuntime(_ comm: String) -> Bool { comm.hasPrefix("runc:[") || comm == "crun" }

    /// Kept in every learned filter with the process-start minimum: any signal handler returns
    /// through rt_sigreturn, and runc's Go runtime takes signals (preemption) between loading the
    /// filter and starting the workload, so a filter without it crashes a start now and then
    /// (status 139, seen once in four verifications of a learned python job).
    public static let alwaysKept = ["rt_sigreturn"]

    /// The filter a learning run gets: only the process-start minimum allowed outright, BASE's
    /// denies kept (EPERM, as under BASE), everything else allowed and logged, so every call the
    /// workload makes shows up once per call. The start calls are also the most frequent ones
    /// (read, write, futex, mmap), which keeps the log quiet enough to read.
    /// `known`: calls an earlier pass saw, allowed quietly too so that only new ones are logged.
    public static func learningPolicy(base: Profile, known: Set<String> = []) -> Profile.SeccompPolicy {
        var policy = Profile.SeccompPolicy()
        let start = ProcessStartTable.rows.map(\.syscall) + alwaysKept
        policy.allow = start + known.subtracting(start).sorted()
        policy.deny = base.seccomp?.deny ?? []
        policy.defaultAction = "log"
        policy.socketFamilies = base.seccomp?.socketFamilies
        return policy
    }

    public static func learn(_ seen: LearnObservations) -> Result {
        var additions: [String] = []
        var notes: [String] = []
        let arch = seen.architecture
        let native: (String) -> Bool = { Syscalls.isNative($0, on: arch) }

        // Calls, by name, with who made them.
        var callers: [String: Set<String>] = [:]
        var counts: [String: Int] = [:]
        var runtimeOnly: Set<String> = []  // names some runtime record made
        var unknown: Set<String> = []
        for record in seen.records {
            guard let name = record.name, SyscallNumbers.architecture(audit: record.arch) == arch else {
                unknown.insert("\(record.arch):\(record.number)")
                continue
            }
            if isRuntime(record.comm) { runtimeOnly.insert(name) }
            callers[name, default: []].insert(record.comm)
            counts[name, default: 0] += 1
        }
        let startNames = ProcessStartTable.rows.map(\.syscall) + alwaysKept
        let used = Set(callers.keys)
        // Kept, though ProcessStartTable found a start without them: runc's Go runtime takes
        // signals (preemption) in that window, and without rt_sigreturn its return from the
        // handler crashes the start now and then (seen: status 139 under a learned filter).
        let byRuntime = runtimeOnly.filter { name in callers[name]!.allSatisfy(isRuntime) }.subtracting(startNames).sorted()
        if !byRuntime.isEmpty {
            notes.append("kept: \(byRuntime.joined(separator: ", ")), called only by the runtime (runc) between loading the filter and starting the workload")
        }
        if !unknown.isEmpty {
            notes.append("ignored \(unknown.count) call(s) not of a \(arch.rawValue) process or not in harden's table: \(unknown.sorted().joined(separator: ", "))")
        }

        let basePolicy = seen.baseProfile.seccomp
        let baseAllowed: Set<String> = basePolicy.map {
            SyscallCatalogue.expand($0.allow).subtracting(SyscallCatalogue.expand($0.deny))
        } ?? Set(DockerDefaultSyscalls.unconditional)
        var learned = used.union(startNames)
        // Without records the profile keeps BASE's filter whole (no seccomp section), and says its count.
        if !seen.sawSyscalls { learned = baseAllowed }

        if seen.sawSyscalls {
            for name in used.subtracting(baseAllowed).sorted() {
                let who = callers[name]!.sorted().joined(separator: ", ")
                additions.append("seccomp: allows \(name), which \(seen.base) does not: called by \(who) (\(counts[name]!) time\(counts[name]! == 1 ? "" : "s"))")
            }
            for name in startNames where !used.contains(name) && !baseAllowed.contains(name) {
                additions.append("seccomp: allows \(name), which \(seen.base) does not: every process start needs it (ProcessStartTable)")
            }
        }
        let allow = regroup(learned, architecture: arch, within: baseAllowed)
        let allowed = SyscallCatalogue.expand(allow).filter(native).sorted()

        // Writes.
        var tmpfs: [(String, JSONNode)] = []
        var volumes: [(String, JSONNode)] = []
        for directory in seen.writes.directories(mounted: seen.mounted) {
            let bytes = seen.sizes[directory] ?? 0
            let shown = byteText(bytes)
            // docker splits mount specifications on ',' and ':': such a directory cannot be a target.
            if directory.contains(",") || directory.contains(":") || directory.split(separator: "/").contains("..") {
                notes.append("\(directory) was written, but a path with ',' or ':' cannot be a mount target; rename it in the image")
                continue
            }
            if directory == "/" {
                notes.append("the workload wrote to / itself (\(seen.writes.changes.filter { PathOrder.parent(of: $0.path) == "/" }.map(\.path).sorted().joined(separator: ", "))): no carve-out can serve that under a read-only root; move those files into a directory")
                continue
            }
            if !ScratchPaths.isScratch(directory), seen.writes.existedInImage(directory) {
                let volume = volumeName(seen.name, directory)
                volumes.append((directory, .obj([("source", .str(volume))])))
                additions.append("volumes: \(directory) on volume \(volume): data written there during learning (\(shown)); the image has the directory, so a new volume starts with its contents and owner")
                continue
            }
            let size = tmpfsSize(bytes)
            tmpfs.append((directory, .obj([("size", .str(Units.sizeSpelling(size))), ("options", .arr(["noexec", "nosuid", "nodev"].map { .str($0) }))])))
            additions.append("tmpfs: \(directory) (\(Units.sizeSpelling(size))): written during learning (\(shown)); a read-only root refuses it otherwise")
            if !ScratchPaths.isScratch(directory) {
                notes.append("\(directory) looks like data, and a tmpfs loses it when the container stops: for data that must last, create the directory in the image owned by the workload's user and mount a volume there (-v \(volumeName(seen.name, directory)):\(directory)), about \(byteText(max(size, 1 << 20))) to start with")
            }
        }
        if let user = seen.user {
            additions.append("user: \(user) instead of \(seen.baseProfile.user ?? "the image's"): the learning run was given \(seen.userSource) \(user)")
        }

        // The document.
        let what = ShellQuote.join([seen.image] + seen.command)
        let exercised = seen.exercise.map { "exercised by `\($0)`" } ?? "not exercised"
        var members: [(String, JSONNode)] = [
            ("name", .str(seen.name)),
            ("extends", .str(seen.base)),
            ("description", .str("Learned by harden learn from \(what) under \(seen.base), \(seen.started), \(seen.seconds)s, \(exercised). What that run did not do is not in it.")),
        ]
        var rationale: [(String, JSONNode)] = []
        if seen.sawSyscalls {
            rationale.append(("seccomp", .str("learned \(seen.started): the \(used.count) calls the workload made (kernel seccomp log) and the process-start minimum; \(allowed.count) on \(arch.rawValue)")))
        } else {
            rationale.append(("seccomp", .str("not learned \(seen.started): no readable seccomp log, so \(seen.base)'s filter applies unchanged" + (seen.probe.map { "; \($0)" } ?? ""))))
        }
        if !tmpfs.isEmpty { rationale.append(("tmpfs", .str("learned \(seen.started): directories written during the run (\(seen.writesSource))"))) }
        if !volumes.isEmpty { rationale.append(("volumes", .str("learned \(seen.started): data directories written during the run (\(seen.writesSource))"))) }
        if seen.user != nil { rationale.append(("user", .str("learned \(seen.started): the run needed this user"))) }
        members.append(("rationale", .obj(rationale.sorted { $0.0 < $1.0 })))
        if let user = seen.user { members.append(("user", .str(user))) }
        if !tmpfs.isEmpty { members.append(("tmpfs", .obj(tmpfs.sorted { $0.0 < $1.0 }))) }
        if !volumes.isEmpty { members.append(("volumes", .obj(volumes.sorted { $0.0 < $1.0 }))) }
        // Without records the section is left out: BASE's filter, inherited as it is.
        if seen.sawSyscalls { members.append(("seccomp", .obj([("allow", .arr(allow.map { .str($0) }))]))) }
        var text = JSONWriter.pretty(.obj(members))
        if !text.hasSuffix("\n") { text += "\n" }
        return Result(text: text, additions: additions, notes: notes, allowed: allowed)
    }

    /// Names as `@groups` where a whole functional group was used (every member native to the
    /// architecture), largest groups first so a small group inside a chosen one is not listed
    /// again, then the remaining names; groups first, each part sorted. A group also stands for
    /// other ABIs' spellings (`fstat64`, `olduname`): it is used only when those are all in
    /// `within` (what the base allowed) or used, so writing a group never allows more than the base.
    public static func regroup(_ names: Set<String>, architecture: SeccompArchitecture, within: Set<String> = []) -> [String] {
        var candidates: [(name: String, members: Set<String>)] = []
        let allowed = within.union(names)
        for group in SyscallCatalogue.functionalGroups {
            let all = SyscallCatalogue.expand([group.name])
            let members = all.filter { Syscalls.isNative($0, on: architecture) }
            if members.count >= 2, members.isSubset(of: names), all.isSubset(of: allowed) { candidates.append((group.name, members)) }
        }
        candidates.sort { $0.members.count != $1.members.count ? $0.members.count > $1.members.count : $0.name < $1.name }
        var covered: Set<String> = []
        var groups: [String] = []
        for candidate in candidates where !candidate.members.isSubset(of: covered) {
            groups.append(candidate.name)
            covered.formUnion(candidate.members)
        }
        return groups.sorted() + names.subtracting(covered).sorted()
    }

    /// Twice what was written, at least 8m, rounded up to a power of two megabytes: room to grow,
    /// still a bound.
    static func tmpfsSize(_ written: Int64) -> Int64 {
        var size: Int64 = 8 << 20
        let wanted = min(max(written, 0), 1 << 40) * 2
        while size < wanted { size *= 2 }
        return size
    }

    static func volumeName(_ profile: String, _ directory: String) -> String {
        let slug = directory.split(separator: "/").joined(separator: "-")
        let kept = slug.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return "\(profile)-\(kept)"
    }

    static func byteText(_ bytes: Int64) -> String {
        if bytes >= 1 << 20 { return "\((bytes + (1 << 20) - 1) >> 20) MB" }
        if bytes >= 1 << 10 { return "\((bytes + 1023) >> 10) KB" }
        return "\(bytes) bytes"
    }
}
