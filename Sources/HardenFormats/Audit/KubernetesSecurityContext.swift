import HardenModel
/// A container's security context as the kubelet makes it effective
/// (pkg/securitycontext DetermineEffectiveSecurityContext): the container's field where it has one,
/// else the pod's, for the user, group, SELinux, Windows, seccomp and AppArmor settings; the rest
/// are the container's own. The runtime fills in what nobody set: docker's capability set
/// (containerd and CRI-O start from it), no seccomp filter (the kubelet asks for Unconfined unless
/// told otherwise), and its own AppArmor profile and SELinux label.
extension KubernetesContainerReading {
    mutating func securityContext() throws(HardenError) {
        let own = container.child("securityContext")
        let shared = pod.spec.child("securityContext")
        if let own {
            guard own.node.objectMembers != nil else { throw own.error("expected an object, found \(own.node.typeName)") }
            for entry in KubernetesPodReading.unknownKeys(own, known: KubernetesKeys.containerSecurityContext, what: "securityContext") {
                notUnderstood(entry.message, at: entry.location)
            }
        }
        func field(_ key: String) -> StrictReader? { own?.child(key) ?? shared?.child(key) }

        if let privileged = own?.child("privileged"), try privileged.kubernetesBool() {
            plan.privileged = true
            place(.privileged, privileged)
        }
        try capabilities(own?.child("capabilities"))
        try user(uid: field("runAsUser"), gid: field("runAsGroup"))
        _ = try field("runAsNonRoot")?.kubernetesBool()
        if let readOnly = own?.child("readOnlyRootFilesystem") {
            plan.readOnlyRootFilesystem = try readOnly.kubernetesBool()
            place(.readOnlyRoot, readOnly)
        }
        // The kubelet sets no_new_privs only for allowPrivilegeEscalation: false, which a privileged
        // container or one holding SYS_ADMIN cannot keep (the API server refuses the pair).
        if let escalation = own?.child("allowPrivilegeEscalation") {
            let allowed = try escalation.kubernetesBool()
            plan.noNewPrivileges = !allowed && !plan.privileged && !plan.capabilities.contains { $0.name == "SYS_ADMIN" }
            place(.noNewPrivileges, escalation)
        }
        if let procMount = own?.child("procMount"), try procMount.oneOf(["Default", "Unmasked"]) == "Unmasked" {
            securityOption(.systemPathsUnconfined, procMount)
        }
        try seccomp(field: own?.child("seccompProfile"), podField: shared?.child("seccompProfile"))
        try appArmor(field: own?.child("appArmorProfile"), podField: shared?.child("appArmorProfile"))
        if let selinux = field("seLinuxOptions") {
            for entry in KubernetesPodReading.unknownKeys(selinux, known: KubernetesKeys.seLinuxOptions, what: "seLinuxOptions") { notUnderstood(entry.message, at: entry.location) }
            if let type = try selinux.child("type")?.string(), PrivilegeChecks.unconfinedSELinuxTypes.contains(type) {
                securityOption(.label(.type(type)), selinux.child("type")!)
            }
        }
        if let windows = field("windowsOptions") {
            for entry in KubernetesPodReading.unknownKeys(windows, known: KubernetesKeys.windowsOptions, what: "windowsOptions") { notUnderstood(entry.message, at: entry.location) }
            if let hostProcess = windows.child("hostProcess"), try hostProcess.kubernetesBool() {
                notUnderstood("\(hostProcess.keyPath): a HostProcess container runs as a process on the Windows node itself, outside any container; harden does not judge it, so remove it", at: hostProcess.node.location)
            }
            for key in ["gmsaCredentialSpecName", "gmsaCredentialSpec"] {
                if let spec = windows.child(key) {
                    notUnderstood("\(spec.keyPath): a Windows credential spec (gMSA) harden does not judge; remove it", at: spec.node.location)
                }
            }
        }
        for item in try shared?.child("sysctls")?.elements() ?? [] {
            for entry in KubernetesPodReading.unknownKeys(item, known: KubernetesKeys.sysctl, what: "sysctl") { notUnderstood(entry.message, at: entry.location) }
            guard let name = try item.child("name")?.string() else { throw item.error("a sysctl needs a name") }
            plan.sysctls.append(LaunchPlan.Sysctl(name: name, value: try item.child("value")?.scalarText() ?? ""))
            place(.sysctl(name), item)
        }
    }

    mutating func securityOption(_ option: LaunchPlan.SecurityOption, _ reader: StrictReader) {
        plan.securityOptions.append(option)
        place(.securityOption(option.description), reader)
    }

    /// As containerd and CRI-O apply them (WithCapabilities): add ALL, then drop ALL, then each
    /// added name, then each dropped one, a name being `CAP_` + its upper case.
    mutating func capabilities(_ reader: StrictReader?) throws(HardenError) {
        plan.capabilities = Capability.dockerDefault
        guard let reader else { return }
        for entry in KubernetesPodReading.unknownKeys(reader, known: KubernetesKeys.capabilities, what: "capabilities") { notUnderstood(entry.message, at: entry.location) }
        let adds = try reader.child("add")?.elements() ?? []
        let drops = try reader.child("drop")?.elements() ?? []
        func isAll(_ item: StrictReader) throws(HardenError) -> Bool { try item.string().uppercased() == "ALL" }
        var set = plan.capabilities
        for item in adds where try isAll(item) { set = Capability.every; place(.capability("ALL"), item) }
        for item in drops where try isAll(item) { set = [] }
        for item in adds where !(try isAll(item)) {
            if let capability = try named(item) { set.insert(capability); place(.capability(capability.name), item) }
        }
        for item in drops where !(try isAll(item)) {
            if let capability = try named(item) { set.remove(capability) }
        }
        plan.capabilities = set
        place(.capabilities, reader)
    }

    /// The capability the runtime makes of a name, or nil (not understood) for a spelling runtimes
    /// read differently: `CAP_SYS_ADMIN` becomes CAP_CAP_SYS_ADMIN in containerd, which runc skips.
    mutating func named(_ item: StrictReader) throws(HardenError) -> Capability? {
        let text = try item.string()
        let upper = text.uppercased()
        if !upper.hasPrefix("CAP_"), let capability = Capability.named(upper), capability.name == upper { return capability }
        let hint = upper.hasPrefix("CAP_") ? "Kubernetes names capabilities without CAP_ (write \(upper.dropFirst(4)))" : "it is not a Linux capability"
        notUnderstood("\(item.keyPath): \"\(text)\": \(hint); runtimes differ on what they make of it, so harden does not judge it", at: item.node.location)
        return nil
    }

    mutating func user(uid: StrictReader?, gid: StrictReader?) throws(HardenError) {
        let group = try gid?.int(min: 0, max: Int(Int32.max))
        guard let uid else { return }
        let user = try uid.int(min: 0, max: Int(Int32.max))
        plan.user = group.map { "\(user):\($0)" } ?? "\(user)"
        place(.user, uid)
    }

    /// The container's field, else its annotation (the API server copies an annotation into a
    /// field left empty: applySeccompVersionSkew), else the pod's field, else the pod's annotation.
    /// Nothing at all is Unconfined: the kubelet's default unless the node runs --seccomp-default.
    mutating func seccomp(field: StrictReader?, podField: StrictReader?) throws(HardenError) {
        let annotation = pod.annotations[KubernetesKeys.seccompContainerAnnotation + name]
        let podAnnotation = pod.annotations[KubernetesKeys.seccompPodAnnotation]
        let chosen: (type: String, profile: String?, reader: StrictReader)
        if let field {
            chosen = try profile(field, kind: "seccomp")
        } else if let annotation {
            chosen = try seccompAnnotation(annotation.value, annotation.reader)
        } else if let podField {
            chosen = try profile(podField, kind: "seccomp")
        } else if let podAnnotation {
            chosen = try seccompAnnotation(podAnnotation.value, podAnnotation.reader)
        } else {
            plan.seccomp = .unconfined
            plan.seccompOffReason = "no seccompProfile is set, and the kubelet then runs the container Unconfined (unless the node's kubelet runs with --seccomp-default); set seccompProfile type RuntimeDefault"
            sources[.seccomp] = pod.spec.position(context: context)
            return
        }
        switch chosen.type {
        case "RuntimeDefault": plan.seccomp = .engineDefault
        case "Unconfined": plan.seccomp = .unconfined
        default: plan.seccomp = .file(KubernetesConversion.kubeletSeccompRoot + "/" + (chosen.profile ?? ""))
        }
        place(.seccomp, chosen.reader)
    }

    func seccompAnnotation(_ value: String, _ reader: StrictReader) throws(HardenError) -> (type: String, profile: String?, reader: StrictReader) {
        switch value {
        case "runtime/default", "docker/default": return ("RuntimeDefault", nil, reader)
        case "unconfined": return ("Unconfined", nil, reader)
        case let local where local.hasPrefix("localhost/"):
            return ("Localhost", try descendingPath(String(local.dropFirst("localhost/".count)), reader), reader)
        default:
            throw reader.error("\"\(value)\" is not a seccomp profile the API server accepts; use runtime/default, unconfined or localhost/PATH (or the seccompProfile field)")
        }
    }

    /// container's field, else its annotation, else the pod's field; nothing is the runtime's default profile.
    mutating func appArmor(field: StrictReader?, podField: StrictReader?) throws(HardenError) {
        let chosen: (type: String, profile: String?, reader: StrictReader)
        if let field {
            chosen = try profile(field, kind: "AppArmor")
        } else if let annotation = pod.annotations[KubernetesKeys.appArmorContainerAnnotation + name] {
            let (value, reader) = annotation
            switch value {
            case "runtime/default": chosen = ("RuntimeDefault", nil, reader)
            case "unconfined": chosen = ("Unconfined", nil, reader)
            case let local where local.hasPrefix("localhost/"): chosen = ("Localhost", String(local.dropFirst("localhost/".count)), reader)
            default: throw reader.error("\"\(value)\" is not an AppArmor profile the API server accepts; use runtime/default, unconfined or localhost/NAME (or the appArmorProfile field)")
            }
        } else if let podField {
            chosen = try profile(podField, kind: "AppArmor")
        } else {
            return
        }
        // The kernel trims the name it is given, and a profile called unconfined is no confinement.
        if chosen.type == "Unconfined" || (chosen.type == "Localhost" && PrivilegeChecks.kernelTrimmed(chosen.profile ?? "") == "unconfined") {
            securityOption(.apparmor("unconfined"), chosen.reader)
        }
    }

    /// A seccompProfile or appArmorProfile field, checked as the API server checks it.
    func profile(_ reader: StrictReader, kind: String) throws(HardenError) -> (type: String, profile: String?, reader: StrictReader) {
        guard reader.node.objectMembers != nil else { throw reader.error("expected an object with a type, found \(reader.node.typeName)") }
        if let unknown = reader.node.objectMembers?.first(where: { !KubernetesKeys.profile.contains($0.key) }) {
            throw StrictReader(file: reader.file, path: reader.path + [unknown.key], node: unknown.value)
                .error("not a field of a \(kind) profile; write type and localhostProfile only", at: unknown.keyLocation)
        }
        guard let type = reader.child("type") else { throw reader.error("the \(kind) profile needs a type (RuntimeDefault, Unconfined or Localhost)") }
        let name = try type.oneOf(["RuntimeDefault", "Unconfined", "Localhost"])
        let local = reader.child("localhostProfile")
        if name == "Localhost" {
            guard let local else { throw reader.error("a Localhost \(kind) profile needs localhostProfile (the API server refuses it without)") }
            let path = try local.string()
            return (name, kind == "seccomp" ? try descendingPath(path, local) : path, type)
        }
        if local != nil { throw local!.error("localhostProfile goes only with type Localhost (the API server refuses it); remove it") }
        return (name, nil, type)
    }

    /// A path below the kubelet's seccomp directory, as the API server requires it.
    func descendingPath(_ path: String, _ reader: StrictReader) throws(HardenError) -> String {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw reader.error("the seccomp profile \"\(path)\" must be a relative path without '..' below the kubelet's seccomp directory (the API server refuses it)")
        }
        return path
    }

    /// hostNetwork, hostPID, hostIPC, and a process namespace shared through the pod's sandbox.
    mutating func podNamespaces() throws(HardenError) {
        if let network = pod.spec.child("hostNetwork"), try network.kubernetesBool() { plan.network = .host; place(.network, network) }
        if let pid = pod.spec.child("hostPID"), try pid.kubernetesBool() { plan.namespaces.pid = .host; place(.namespace("pid"), pid) }
        if let ipc = pod.spec.child("hostIPC"), try ipc.kubernetesBool() { plan.namespaces.ipc = .host; place(.namespace("ipc"), ipc) }
        _ = try pod.spec.child("hostUsers")?.kubernetesBool()
        // Every container of the pod then joins the pause container's PID namespace: each sees the
        // others' processes, and through /proc/PID/root their files.
        if let shared = pod.spec.child("shareProcessNamespace"), try shared.kubernetesBool(), plan.namespaces.pid == nil {
            plan.namespaces.pid = .container("pause")
            place(.namespace("pid"), shared)
        }
    }
}
