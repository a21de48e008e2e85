import FoundationEssentials

/// Rules about what the container's processes may do: privilege, capabilities, confinement, user.
enum PrivilegeChecks {
    static func privileged(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        if plan.privileged {
            return [Hit("--privileged gives the container every capability, every host device and no confinement", .privileged)]
        }
        // What --privileged amounts to when spelt out, as an OCI config has to: every capability
        // together with every device or without a seccomp filter.
        guard holdsEveryCapability(plan) else { return [] }
        if let rule = allDevicesRule(plan) {
            return [Hit("every capability together with access to every host device (\(rule)) is --privileged spelt out", .capabilities)]
        }
        if seccompIsOff(plan, context) {
            return [Hit("every capability together with no seccomp filter is --privileged spelt out", .capabilities)]
        }
        return []
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
            let words = rule.split(separator: " ")
            return words.count == 3 && words[0] == "a" && (words[2].contains("r") || words[2].contains("w"))
        }) { return "device rule '\(rule)'" }
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
    static func kernelTrimmed(_ text: String) -> String {
        let blank: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains($0) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    static func confinement(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        hits += seccompHits(plan, context)
        for option in plan.securityOptions {
            let (key, argument) = DockerOptionApplier.securityOptionParts(option)
            // The kernel strips blanks around an AppArmor profile name (apparmor_setprocattr), so
            // `unconfined ` is unconfined; trimming every value judges the other keys no looser.
            let value = argument.map(Self.kernelTrimmed)?.lowercased() ?? ""
            switch key.lowercased() {
            case "apparmor" where value == "unconfined":
                hits.append(Hit("\(option) turns AppArmor confinement off", .securityOption(option)))
            case "label" where value == "disable":
                hits.append(Hit("\(option) turns SELinux labelling off", .securityOption(option)))
            case "label" where ["type:spc_t", "type:unconfined_t"].contains(value):
                hits.append(Hit("\(option) runs the container in an SELinux type that is not confined", .securityOption(option)))
            case "unmask" where !value.isEmpty:
                hits.append(Hit("\(option) unmasks /proc and /sys paths (kcore, sysrq-trigger, …) that podman hides", .securityOption(option)))
            case "systempaths" where value == "unconfined":
                hits.append(Hit("\(option) unmasks /proc and /sys paths (kcore, sysrq-trigger, …) that Docker hides", .securityOption(option)))
            default: continue
            }
        }
        return hits
    }
}
