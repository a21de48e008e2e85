import HardenModel
/// Reads an OCI runtime `config.json` into a plan, so the same rules judge it as a docker run line.
/// Keys are matched as runc matches them (Go's encoding/json, see `GoJSONKeys`), every key the
/// runtime spec does not define is refused as not understood, and where the config leaves something
/// out, the runtime gives the container nothing: no namespace of that kind (so the host's), no
/// seccomp filter, no masked paths.
public enum OCIConfigReader {
    static let format = "the OCI runtime spec as runc reads it"

    /// The device nodes every runtime creates, each with the only type and numbers that make it that
    /// device: the same path with other numbers is another device under a harmless name.
    static let defaultDevices: [String: String] = [
        "/dev/null": "c 1:3", "/dev/zero": "c 1:5", "/dev/full": "c 1:7", "/dev/random": "c 1:8", "/dev/urandom": "c 1:9",
        "/dev/tty": "c 5:0", "/dev/console": "c 5:1", "/dev/ptmx": "c 5:2",
    ]

    /// The /proc and /sys paths a config must mask, and those it must at least make read-only,
    /// for its masking to count: the kernel's memory and keyrings, and the host-wide sysctl and
    /// sysrq switches (Docker's and runc's defaults hold them all).
    static let requiredMasked = ["/proc/kcore", "/proc/keys"]
    static let requiredReadOnly = ["/proc/sys", "/proc/sysrq-trigger"]

    /// Annotations the runtime itself acts on, by prefix: runc's and crun's systemd unit properties
    /// (DeviceAllow=…), runc's CRIU configuration file, and crun's `run.oci.*` (seccomp_bpf_data
    /// replaces the filter harden judged, seccomp.plugins loads host libraries, hooks.stdout writes
    /// a host file, handler runs the container another way). Every other annotation is a label.
    static let runtimeAnnotationPrefixes = ["org.systemd.property.", "org.criu.config", "run.oci."]

    public static func read(_ root: JSONNode, file: String) throws(HardenError) -> AuditedLaunch {
        let decoded = try GoJSONKeys.canonical(root, shape: OCISpecShape.config, file: file, format: format)
        var reading = Reading(file: file, top: StrictReader(file: file, node: decoded.node))
        for problem in decoded.problems { reading.refuse(problem.message, at: problem.location) }
        try reading.read()
        return AuditedLaunch(name: file, kind: .oci, plan: reading.plan, sources: reading.sources)
    }

    /// Every key path of a document, as `GoJSONKeys` reports what it consumed: for tests and the
    /// fuzzer, which check that nothing in an accepted config went unread.
    static func consumedKeys(_ root: JSONNode, file: String) throws(HardenError) -> [String] {
        try GoJSONKeys.canonical(root, shape: OCISpecShape.config, file: file, format: format, collectPaths: true).consumed
    }

    struct Reading {
        let file: String
        let top: StrictReader
        var plan = LaunchPlan()
        var sources: PlanSources

        init(file: String, top: StrictReader) {
            self.file = file
            self.top = top
            sources = PlanSources(whole: top.position(context: "OCI config"))
            plan.capabilities = []
        }

        mutating func refuse(_ message: String, at location: SourceLocation) {
            sources[.notUnderstood(plan.notUnderstood.count)] = SourcePosition(file: file, location)
            plan.notUnderstood.append(message)
        }

        mutating func place(_ key: PlanKey, _ reader: StrictReader?) { if let reader { sources[key] = reader.position() } }

        mutating func read() throws(HardenError) {
            if let process = top.child("process") { try self.process(process) }
            let linux = top.child("linux")
            // Namespaces first: whether a proc or sysfs mount is the host's depends on them.
            try namespaces(linux)
            try root(linux)
            for (index, item) in try (top.child("mounts")?.elements() ?? []).enumerated() { try mount(item, index: index) }
            try hooks()
            try annotations()
            try seccompAndPaths(linux)
            if let linux {
                for (key, keyLocation, reader) in try linux.child("sysctl")?.entries() ?? [] {
                    plan.sysctls.append(LaunchPlan.Sysctl(name: key, value: try reader.scalarText()))
                    sources[.sysctl(key)] = SourcePosition(file: file, keyLocation)
                }
                for item in try linux.child("devices")?.elements() ?? [] { try device(item) }
                if let resources = linux.child("resources") { try self.resources(resources) }
                plan.uidMappings = try OCIConfigReader.mappings(linux.child("uidMappings"))
                plan.gidMappings = try OCIConfigReader.mappings(linux.child("gidMappings"))
            }
        }

        mutating func annotations() throws(HardenError) {
            for (key, keyLocation, _) in try top.child("annotations")?.entries() ?? []
            where OCIConfigReader.runtimeAnnotationPrefixes.contains(where: { key.hasPrefix($0) }) {
                refuse("annotations.\(key): an annotation the runtime acts on (runc's systemd properties and CRIU config, crun's run.oci.*), whose effect harden does not judge; remove it", at: keyLocation)
            }
        }

        mutating func process(_ process: StrictReader) throws(HardenError) {
            if let user = process.child("user") {
                let uid = try user.child("uid")?.int(max: 4_294_967_295) ?? 0
                let gid = try user.child("gid")?.int(max: 4_294_967_295)
                plan.user = gid.map { "\(uid):\($0)" } ?? "\(uid)"
                place(.user, user)
            }
            if let capabilities = process.child("capabilities") {
                place(.capabilities, capabilities)
                for set in ["bounding", "effective", "permitted", "inheritable", "ambient"] {
                    for item in try capabilities.child(set)?.elements() ?? [] {
                        let name = try item.string()
                        // runc looks names up exactly and skips any other spelling with a warning.
                        guard let capability = Capability.named(name), name == capability.ociName else {
                            refuse("\(item.keyPath): \"\(name)\" is not a capability runc knows (it matches names exactly); write it as CAP_NAME (CAP_NET_BIND_SERVICE)", at: item.node.location)
                            continue
                        }
                        plan.capabilities.insert(capability)
                        if sources[.capability(capability.name)] == nil { place(.capability(capability.name), item) }
                    }
                }
            }
            if let flag = process.child("noNewPrivileges") { plan.noNewPrivileges = try flag.bool(); place(.noNewPrivileges, flag) }
            // The kernel drops blanks around a profile name, so `unconfined ` is unconfined.
            if let apparmor = process.child("apparmorProfile"), try apparmor.string().trimmingWhitespace(newlines: true) == "unconfined" {
                plan.securityOptions.append(.apparmor("unconfined"))
                place(.securityOption(LaunchPlan.SecurityOption.apparmor("unconfined").description), apparmor)
            }
            if let label = process.child("selinuxLabel") {
                let text = try label.string()
                if let type = text.split(separator: ":").map(String.init).first(where: PrivilegeChecks.unconfinedSELinuxTypes.contains) {
                    plan.securityOptions.append(.label(.type(type)))
                    place(.securityOption(LaunchPlan.SecurityOption.label(.type(type)).description), label)
                }
            }
            // runc applies no AppArmor profile and no SELinux label unless told (docker gives its
            // default profile; runc does not), which only `privileged`'s sum of walls needs to know.
            let profile = try process.child("apparmorProfile")?.string().trimmingWhitespace(newlines: true) ?? ""
            let label = try process.child("selinuxLabel")?.string().trimmingWhitespace(newlines: true) ?? ""
            plan.mandatoryAccessControlUnset = profile.isEmpty && label.isEmpty
            for item in try process.child("env")?.elements() ?? [] {
                let variable = try item.string()
                plan.environment.append(variable)
                place(.environment(String(variable.prefix { $0 != "=" })), item)
            }
            plan.command = try process.child("args")?.strings() ?? []
        }

        mutating func hooks() throws(HardenError) {
            guard let hooks = top.child("hooks") else { return }
            for stage in OCISpecShape.hookStages {
                for item in try hooks.child(stage)?.elements() ?? [] {
                    sources[.hook(plan.hooks.count)] = item.position()
                    plan.hooks.append(LaunchPlan.Hook(stage: stage, path: try item.child("path")?.string() ?? ""))
                }
            }
        }

        mutating func device(_ item: StrictReader) throws(HardenError) {
            guard let path = try item.child("path")?.string() else { throw item.error("a device needs a \"path\"") }
            let type = try item.child("type")?.string() ?? ""
            let major = try item.child("major")?.int(min: -1) ?? 0
            let minor = try item.child("minor")?.int(min: -1) ?? 0
            if OCIConfigReader.defaultDevices[path] == "\(type) \(major):\(minor)" { return }
            plan.devices.append(LaunchPlan.Device(hostPath: path))
            place(.device(path), item)
        }

        mutating func resources(_ resources: StrictReader) throws(HardenError) {
            if let limit = resources.child("memory")?.child("limit"), let bytes = limit.node.intValue, bytes > 0 {
                plan.memory = Int64(bytes)
                sources[.memory] = limit.position()
            }
            if let disable = resources.child("memory")?.child("disableOOMKiller"), try disable.bool() {
                plan.memoryTuning.oomKillDisable = true
                sources[.engineOption("oom-kill-disable")] = disable.position()
            }
            if let limit = resources.child("pids")?.child("limit"), let count = limit.node.intValue, count > 0 {
                plan.pidsLimit = count
                sources[.pids] = limit.position()
            }
            if let cpu = resources.child("cpu"), let quota = cpu.child("quota")?.node.intValue, quota > 0 {
                let period = cpu.child("period")?.node.intValue ?? 100_000
                plan.cpus = Double(quota) / Double(max(period, 1))
                sources[.cpus] = cpu.position()
            }
            for item in try resources.child("devices")?.elements() ?? [] where try item.child("allow")?.bool() == true {
                let typeReader = item.child("type")
                let type = try typeReader?.string() ?? "a"
                guard let kind = LaunchPlan.DeviceRule.Kind(rawValue: type.isEmpty ? "a" : type) else {
                    throw (typeReader ?? item).error("\"\(type)\" is not a device type; use a, b or c")
                }
                let major = try item.child("major")?.int(min: -1)
                let minor = try item.child("minor")?.int(min: -1)
                let access = try item.child("access")?.string() ?? "rwm"
                let rule = LaunchPlan.DeviceRule(kind: kind, major: major == -1 ? nil : major, minor: minor == -1 ? nil : minor, access: access.isEmpty ? "rwm" : access)
                guard !LaunchPlan.DeviceRule.engineDefaults.contains(rule) else { continue }
                plan.deviceCgroupRules.append(rule)
                sources[.deviceCgroupRule(rule.cgroupSpelling)] = item.position()
            }
        }

        mutating func seccompAndPaths(_ linux: StrictReader?) throws(HardenError) {
            let whole = linux ?? top
            if let seccomp = linux?.child("seccomp") {
                let judgement = SeccompEffect.judge(seccomp.node, capabilities: plan.capabilities)
                for problem in judgement.problems { refuse("linux.\(problem.message)", at: problem.location) }
                // Any other filter is the config's own, which stands where the engine's default would.
                plan.seccomp = judgement.off == nil ? .engineDefault : .unconfined
                plan.seccompOffReason = judgement.off
                sources[.seccomp] = judgement.location.map { SourcePosition(file: file, $0) } ?? seccomp.position()
            } else {
                plan.seccomp = .unconfined
                sources[.seccomp] = whole.position()
            }
            let masked = try linux?.child("maskedPaths")?.strings() ?? []
            let readOnly = try linux?.child("readonlyPaths")?.strings() ?? []
            let unmasked = OCIConfigReader.requiredMasked.filter { !OCIConfigReader.covered($0, by: masked) }
                + OCIConfigReader.requiredReadOnly.filter { !OCIConfigReader.covered($0, by: masked + readOnly) }
            if !unmasked.isEmpty {
                plan.securityOptions.append(.systemPathsUnconfined)
                sources[.securityOption(LaunchPlan.SecurityOption.systemPathsUnconfined.description)] = (linux?.child(masked.isEmpty ? "maskedPaths" : "readonlyPaths") ?? linux?.child("maskedPaths") ?? whole).position()
            }
        }
    }

    /// A path is covered when it, or a directory above it, is in the list.
    static func covered(_ path: String, by list: [String]) -> Bool {
        list.contains { entry in
            let entry = PathLexical.normalize(entry)
            return path == entry || path.hasPrefix(entry == "/" ? "/" : entry + "/")
        }
    }

    static func mappings(_ list: StrictReader?) throws(HardenError) -> [Profile.IDMapping] {
        try (list?.elements() ?? []).map { item throws(HardenError) in
            Profile.IDMapping(containerID: try item.child("containerID")?.int() ?? 0, hostID: try item.child("hostID")?.int() ?? 0,
                              size: try item.child("size")?.int() ?? 0)
        }
    }
}
