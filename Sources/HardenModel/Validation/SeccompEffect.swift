/// Judges a seccomp filter by what it lets through, not by how it is spelt: a filter is as good as
/// off when it allows what Docker's default profile denies a container with the same capabilities.
///
/// Both doors decode the filter with Go's encoding/json (runc reads `linux.seccomp` into the
/// runtime spec's `LinuxSeccomp`; dockerd and podman read a `seccomp=FILE` profile into moby's
/// `profiles/seccomp.Seccomp`), so keys are matched as Go matches them (`GoJSONKeys`). Action and
/// operator names are not folded: runc looks them up exactly (libcontainer/specconv's action map),
/// and a name it does not know makes it refuse the container.
package enum SeccompEffect {
    /// What a filter amounts to.
    package struct Judgement: Sendable, Equatable {
        /// Why the filter is as good as off, nil when it confines.
        package var off: String?
        /// Where the reason was written.
        package var location: SourceLocation?
        /// What was met and could not be judged.
        package var problems: [GoJSONKeys.Problem] = []
    }

    /// Actions under which the syscall runs: LOG runs it and logs, NOTIFY leaves the decision to a
    /// host agent harden cannot see, TRACE to whatever tracer the container attaches.
    static let allowing: Set<String> = ["SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE"]
    static let denying: Set<String> = ["SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO"]

    /// The syscalls an escape needs that Docker's default profile denies, each with the capabilities
    /// under which that profile allows it after all (its `includes.caps` rules); an empty list means
    /// never. Read from moby's profiles/seccomp/default.json.
    static let critical: [String: [String]] = {
        var table: [String: [String]] = [:]
        for name in ["mount", "umount", "umount2", "unshare", "setns", "fsopen", "fsmount", "fsconfig", "fspick", "move_mount",
                     "open_tree", "mount_setattr", "lookup_dcookie", "quotactl"] { table[name] = ["SYS_ADMIN"] }
        table["bpf"] = ["SYS_ADMIN", "BPF"]
        table["perf_event_open"] = ["SYS_ADMIN", "PERFMON"]
        table["syslog"] = ["SYS_ADMIN", "SYSLOG"]
        table["open_by_handle_at"] = ["DAC_READ_SEARCH"]
        for name in ["init_module", "finit_module", "delete_module"] { table[name] = ["SYS_MODULE"] }
        table["reboot"] = ["SYS_BOOT"]
        for name in ["iopl", "ioperm"] { table[name] = ["SYS_RAWIO"] }
        for name in ["settimeofday", "clock_settime", "clock_settime64", "stime"] { table[name] = ["SYS_TIME"] }
        table["acct"] = ["SYS_PACCT"]
        for name in ["kexec_load", "kexec_file_load", "keyctl", "add_key", "request_key", "pivot_root", "userfaultfd", "swapon",
                     "swapoff", "vm86", "vm86old", "uselib", "nfsservctl", "create_module", "get_kernel_syms", "query_module"] {
            table[name] = []
        }
        return table
    }()

    /// A docker/podman profile file (`--security-opt seccomp=FILE`), in moby's format.
    static let dockerShape: GoShape = .fields([
        "defaultAction": .string, "defaultErrnoRet": .number, "architectures": .array(.string), "flags": .array(.string),
        "listenerPath": .string, "listenerMetadata": .string,
        "archMap": .array(.fields(["architecture": .string, "subArchitectures": .array(.string)])),
        "syscalls": .array(.fields([
            "names": .array(.string), "name": .string, "action": .string, "errnoRet": .number, "comment": .string,
            "args": .array(OCISpecShape.seccompArgument), "includes": filter, "excludes": filter,
        ])),
    ])
    private static let filter: GoShape = .fields(["caps": .array(.string), "arches": .array(.string), "minKernel": .string])

    /// A profile file's text judged for a container holding `capabilities`; nil when it is not JSON,
    /// which docker refuses too (and `harden oci` reports as bad input). A repeated key is JSON to Go,
    /// which reads the last, but not to harden's parser: that file is not understood.
    static func judge(fileText text: String, file: String, capabilities: Set<Capability>) -> Judgement? {
        let root: JSONNode
        do { root = try JSONParser.parse(text) } catch {
            guard error.message.hasPrefix("duplicate key") else { return nil }
            return Judgement(problems: [GoJSONKeys.Problem(message: "\(error.message); dockerd keeps the last, harden reads neither: keep one", location: error.location)])
        }
        let canonical: GoJSONKeys.Result
        do {
            canonical = try GoJSONKeys.canonical(root, shape: dockerShape, file: file, format: "a Docker seccomp profile as dockerd reads it")
        } catch {
            return Judgement(problems: [GoJSONKeys.Problem(message: error.message, location: root.location)])
        }
        var judgement = judge(canonical.node, capabilities: capabilities)
        judgement.problems = canonical.problems + judgement.problems
        return judgement
    }

    /// A filter whose keys are already the Go field names (see `GoJSONKeys.canonical`).
    package static func judge(_ filter: JSONNode, capabilities: Set<Capability>) -> Judgement {
        var judgement = Judgement()
        let held = Set(capabilities.map(\.name))
        func action(_ node: JSONNode?, at fallback: SourceLocation, _ what: String) -> String? {
            guard let name = node?.stringValue else {
                judgement.problems.append(.init(message: "seccomp: \(what) is missing; the runtime needs one of \(denying.union(allowing).sorted().joined(separator: ", "))", location: node?.location ?? fallback))
                return nil
            }
            guard allowing.contains(name) || denying.contains(name) else {
                judgement.problems.append(.init(message: "seccomp: \(what) \"\(name)\" is not an action runc knows (it matches names exactly); write one of \(denying.union(allowing).sorted().joined(separator: ", "))", location: node?.location ?? fallback))
                return nil
            }
            return name
        }
        func off(_ reason: String, _ location: SourceLocation) {
            if judgement.off == nil { (judgement.off, judgement.location) = (reason, location) }
        }

        if let name = action(filter["defaultAction"], at: filter.location, "defaultAction"), allowing.contains(name) {
            off("its defaultAction \(name) lets every system call it does not list run", filter["defaultAction"]!.location)
        }
        for rule in filter["syscalls"]?.arrayValue ?? [] {
            guard let name = action(rule["action"], at: rule.location, "a rule's action"), allowing.contains(name) else { continue }
            // moby adds a rule only when the container holds every capability its includes.caps name.
            let needs = (rule["includes"]?["caps"]?.arrayValue ?? []).compactMap(\.stringValue)
            var active = true
            for spelling in needs {
                guard let capability = Capability.named(Capability.canonicalName(spelling)) else {
                    judgement.problems.append(.init(message: "seccomp: includes.caps \"\(spelling)\" is not a Linux capability", location: rule.location))
                    continue
                }
                if !held.contains(capability.name) { active = false }
            }
            guard active else { continue }
            let names = (rule["names"]?.arrayValue ?? []).compactMap(\.stringValue) + [rule["name"]?.stringValue].compactMap { $0 }
            for syscall in names {
                guard let unlocks = critical[syscall], !unlocks.contains(where: held.contains) else { continue }
                let without = unlocks.isEmpty ? "in every case" : "without CAP_" + unlocks.joined(separator: " or CAP_")
                off("it allows \(syscall) (\(name)), which Docker's default profile denies \(without)", rule.location)
            }
        }
        return judgement
    }
}

extension PrivilegeChecks {
    static func seccompIsOff(_ plan: LaunchPlan, _ context: RuleContext) -> Bool { seccompOff(plan, context) != nil }

    /// Why the container's seccomp filter is as good as off, nil when it confines. A profile file
    /// harden cannot read is not judged here: the docker CLI reads it where the launch runs.
    static func seccompOff(_ plan: LaunchPlan, _ context: RuleContext) -> String? {
        switch plan.seccomp {
        case .unconfined:
            return plan.seccompOffReason.map { "the seccomp filter is as good as unconfined: \($0)" } ?? "seccomp=unconfined turns the system call filter off"
        case .engineDefault: return nil
        case .file(let path):
            guard let judgement = seccompFile(path, plan, context), let reason = judgement.off else { return nil }
            return "the seccomp profile \(path) is as good as unconfined: \(reason)"
        }
    }

    static func seccompHits(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        seccompOff(plan, context).map { [Hit($0, .seccomp)] } ?? []
    }

    static func seccompFile(_ path: String, _ plan: LaunchPlan, _ context: RuleContext) -> SeccompEffect.Judgement? {
        guard let absolute = context.host.absolute(path), let text = context.host.readFile(absolute) else { return nil }
        return SeccompEffect.judge(fileText: text, file: path, capabilities: plan.capabilities)
    }
}
