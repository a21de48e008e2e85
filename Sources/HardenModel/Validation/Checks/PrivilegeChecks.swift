import FoundationEssentials

/// Rules about what the container's processes may do: privilege, capabilities, confinement, user.
package enum PrivilegeChecks {
    /// The hard rule, on the launch's effect rather than its spelling (principle 3: a policy that
    /// turns the parts' rules off must not let their sum through). `--privileged` in docker and runc
    /// means every capability, every device (`a *:* rwm` and the host's /dev nodes), no seccomp
    /// filter, no AppArmor profile or SELinux label, and /proc and /sys neither masked nor read-only.
    /// A launch is privileged when it reproduces that power:
    /// - every capability with any one of the other walls gone: every device (raw disks), no
    ///   seccomp (every syscall), no AppArmor/SELinux (mount, ptrace and /proc writes unchecked) or
    ///   unmasked system paths (/proc/sys/kernel/core_pattern, /proc/sysrq-trigger). With every
    ///   capability these walls are each the last one: each alone is an escape. The host's PID
    ///   namespace too: with SYS_ADMIN and SYS_PTRACE, setns into PID 1's namespaces is the host,
    ///   stopped only by an AppArmor ptrace rule that hosts without AppArmor do not have;
    /// - SYS_ADMIN with no seccomp and no AppArmor/SELinux: mount(2) with nothing to stop it, the
    ///   preconditions of the cgroup release_agent escape (CVE-2022-0492) and of remounting /sys.
    /// SYS_ADMIN with docker's default seccomp profile and AppArmor is not here: the default profile
    /// then allows mount, but docker-default AppArmor denies it, and FUSE launches need exactly that.
    static func privileged(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        if plan.privileged {
            return [Hit("--privileged gives the container every capability, every host device and no confinement", .privileged)]
        }
        let seccompOff = seccompIsOff(plan, context)
        let lsmOff = macConfinementOff(plan)
        if holdsEveryCapability(plan) {
            if let rule = allDevicesRule(plan) {
                return [Hit("every capability together with access to every host device (\(rule)) is --privileged spelt out", .capabilities)]
            }
            if seccompOff {
                return [Hit("every capability together with no seccomp filter is --privileged spelt out", .capabilities)]
            }
            if let option = lsmOff {
                return [Hit("every capability together with \(option) (no AppArmor or SELinux confinement) is --privileged spelt out", .capabilities)]
            }
            if let option = plan.securityOptions.first(where: { securityOption($0) == ("systempaths", "unconfined") }) {
                return [Hit("every capability together with \(option) (/proc and /sys unmasked) is --privileged spelt out", .capabilities)]
            }
            if plan.namespaces.pid == .host {
                return [Hit("every capability together with the host's PID namespace lets the container enter PID 1's namespaces (nsenter -t 1 -a), which is --privileged in effect", .capabilities)]
            }
            return []
        }
        let hasSysAdmin = plan.capabilities.contains(where: { $0.name == "SYS_ADMIN" })
        if hasSysAdmin, plan.capabilities.contains(where: { $0.name == "SYS_PTRACE" }), plan.namespaces.pid == .host {
            return [Hit("SYS_ADMIN and SYS_PTRACE in the host's PID namespace let the container enter PID 1's namespaces (nsenter -t 1 -m), which is --privileged in effect", .capability("SYS_ADMIN"))]
        }
        if hasSysAdmin, seccompOff, let option = lsmOff {
            return [Hit("SYS_ADMIN with no seccomp filter and \(option) lets the container mount anything with nothing to stop it, which is --privileged in effect", .capability("SYS_ADMIN"))]
        }
        return []
    }

    /// A security option as the engine reads it, for every check here: key and value lower-cased,
    /// and blanks trimmed as the kernel trims an AppArmor profile name (apparmor_setprocattr, so
    /// `apparmor=unconfined ` is unconfined); trimming the other keys and values judges them no looser.
    static func securityOption(_ option: LaunchPlan.SecurityOption) -> (key: String, value: String) {
        (option.key, kernelTrimmed(option.value).lowercased())
    }

    /// SELinux process types the targeted policy leaves unconfined: spc_t (docker's --privileged),
    /// unconfined_t, and the domains of the engines, the kernel and init, which container-selinux
    /// does not confine (a container labelled container_runtime_t has the engine's own powers).
    package static let unconfinedSELinuxTypes: Set<String> = [
        "spc_t", "unconfined_t", "container_runtime_t", "kernel_t", "init_t", "initrc_t", "unconfined_service_t", "sysadm_t",
    ]

    /// The option that leaves the container without AppArmor or SELinux confinement, if one does.
    static func macConfinementOff(_ plan: LaunchPlan) -> String? {
        if plan.mandatoryAccessControlUnset { return "no apparmorProfile or selinuxLabel (runc then applies neither)" }
        return plan.securityOptions.first { (option: LaunchPlan.SecurityOption) in
            switch securityOption(option) {
            case ("apparmor", "unconfined"), ("label", "disable"): true
            case ("label", let value): value.hasPrefix("type:") && unconfinedSELinuxTypes.contains(String(value.dropFirst(5)))
            default: false
            }
        }?.description
    }

    /// Every capability an older kernel knows (0-37, through AUDIT_READ): configs written for one
    /// list no more, and are as privileged as a list of all 41.
    static func holdsEveryCapability(_ plan: LaunchPlan) -> Bool {
        plan.capabilities.count >= olderKernelCapabilities.count && olderKernelCapabilities.allSatisfy(plan.capabilities.contains)
    }

    private static let olderKernelCapabilities = Capability.all.filter { $0.number <= 37 }

    /// A device access rule that opens every device, if there is one.
    static func allDevicesRule(_ plan: LaunchPlan) -> String? {
        if let rule = plan.deviceCgroupRules.first(where: { rule in
            rule.kind == .all && (rule.access.contains("r") || rule.access.contains("w"))
        }) { return "device rule '\(rule.cgroupSpelling)'" }
        if let device = plan.devices.first(where: { RuntimeSockets.normalize($0.hostPath) == "/dev" }) { return "--device \(device.hostPath)" }
        return nil
    }

    static let dangerous: [String: String] = [
        "SYS_ADMIN": "mounts, namespaces and most of root's other powers",
        "SYS_MODULE": "loading kernel modules",
        "SYS_PTRACE": "tracing and injecting code into other processes",
        "SYS_RAWIO": "raw access to I/O ports and memory",
        "SYS_BOOT": "rebooting the host",
        "SYS_TIME": "setting the host's clock",
        "NET_ADMIN": "reconfiguring interfaces, routes and the firewall",
        "DAC_READ_SEARCH": "reading any file and opening files by handle (the 'shocker' escape)",
        "MAC_ADMIN": "changing the mandatory access control policy",
        "MAC_OVERRIDE": "bypassing mandatory access control",
        "BPF": "loading BPF programs into the kernel",
        "PERFMON": "performance monitoring, which reveals kernel addresses",
        "SYSLOG": "reading the kernel log, which reveals kernel addresses",
    ]

    static func dangerousCapabilities(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        if plan.capabilities == Capability.every {
            return [Hit("the container holds every capability (ALL), including SYS_ADMIN and SYS_MODULE", .capability("ALL"))]
        }
        return plan.capabilities.sorted().compactMap { capability in
            guard let power = dangerous[capability.name], !context.policy.allowedCapabilities.contains(capability.name) else { return nil }
            return Hit("\(capability.name) is added: it allows \(power)", .capability(capability.name))
        }
    }

    static func capabilitiesNotMinimal(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard plan.capabilities != Capability.every else { return [] }
        let kept = plan.capabilities.sorted().map(\.name).filter { name in
            dangerous[name] == nil && name != "NET_BIND_SERVICE" && !context.policy.allowedCapabilities.contains(name)
        }
        guard !kept.isEmpty else { return [] }
        let what = plan.capabilities == Capability.dockerDefault ? "Docker's default capabilities" : "capabilities"
        return [Hit("the container keeps \(what) \(kept.joined(separator: ", ")) that most workloads do not need", .capabilities)]
    }

    static func newPrivileges(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.noNewPrivileges ? [] : [Hit("no-new-privileges is not set, so setuid and file-capability programs can raise privileges", .noNewPrivileges)]
    }

    static func rootUser(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard let user = plan.user else {
            return [Hit("no user is set, so the container runs as the image's user: root unless the image says otherwise", .user)]
        }
        let name = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? user
        guard name == "root" || Int(name) == 0 else { return [] }
        return [Hit("the container runs as root (user \(user))", .user)]
    }

    /// Without the kernel's blanks (isspace: space, \t, \n, \v, \f, \r) at either end.
    package static func kernelTrimmed(_ text: String) -> String {
        let blank: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains($0) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    static func confinement(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        hits += seccompHits(plan, context)
        for option in plan.securityOptions {
            let (key, value) = securityOption(option)
            switch key {
            case "apparmor" where value == "unconfined":
                hits.append(Hit("\(option) turns AppArmor confinement off", .securityOption(option.description)))
            case "label" where value == "disable":
                hits.append(Hit("\(option) turns SELinux labelling off", .securityOption(option.description)))
            case "label" where value.hasPrefix("type:") && unconfinedSELinuxTypes.contains(String(value.dropFirst(5))):
                hits.append(Hit("\(option) runs the container in an SELinux type that is not confined", .securityOption(option.description)))
            case "unmask" where !value.isEmpty:
                hits.append(Hit("\(option) unmasks /proc and /sys paths (kcore, sysrq-trigger, …) that podman hides", .securityOption(option.description)))
            case "systempaths" where value == "unconfined":
                hits.append(Hit("\(option) unmasks /proc and /sys paths (kcore, sysrq-trigger, …) that Docker hides", .securityOption(option.description)))
            default: continue
            }
        }
        return hits
    }
}
