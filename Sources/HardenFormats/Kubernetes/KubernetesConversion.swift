import HardenModel
/// A launch plan as a Pod or Deployment: the only place that decides what a plan means in Kubernetes.
///
/// A hardened plan comes out at the Pod Security Standards `restricted` level. Nothing is made
/// stronger or weaker behind the user's back: what Kubernetes cannot say, or what falls short of
/// `restricted`, becomes a note naming the setting and the way out.
public enum KubernetesConversion {
    public enum SeccompChoice: String, Sendable, Equatable, CaseIterable {
        /// The container runtime's default profile.
        case runtimeDefault = "runtime-default"
        /// harden's generated profile, installed on the nodes.
        case localhost
    }

    public struct Options: Sendable, Equatable {
        public var name: String
        public var kind: Kubernetes.Workload.Kind = .pod
        public var namespace: String?
        public var seccomp: SeccompChoice = .runtimeDefault
        /// The generated profile, when `seccomp` is `localhost` and one exists; nil keeps RuntimeDefault.
        public var generatedSeccomp: GeneratedSeccomp?
        public init(name: String) { self.name = name }
    }

    public struct Result: Sendable, Equatable {
        public var workload: Kubernetes.Workload
        public var notes: [String]
    }

    /// Where the kubelet looks for Localhost seccomp profiles, and harden's folder below it.
    static let kubeletSeccompRoot = "/var/lib/kubelet/seccomp"
    static let localhostFolder = "harden"

    /// The Secret a workload's secrets live in: one per workload, a key per secret.
    public static func secretName(for workload: String) -> String { workload + "-secrets" }

    /// What the user runs to create that Secret from the host files: kubectl reads the files, so
    /// the values travel to the API server without passing through harden or the YAML.
    public static func createSecretCommand(_ secrets: [LaunchPlan.Secret], name: String, namespace: String?) -> String {
        let words = ["kubectl", "create", "secret", "generic", name] + (namespace.map { ["--namespace", $0] } ?? [])
            + secrets.map { "--from-file=\($0.name)=\($0.source)" }
        return ShellQuote.join(words)
    }

    public static func convert(_ plan: LaunchPlan, options: Options) -> Result {
        var conversion = Conversion(plan: plan, options: options)
        conversion.run()
        return Result(workload: conversion.workload, notes: conversion.notes)
    }
}

/// One conversion in progress: the workload being filled in and the notes gathered on the way.
private struct Conversion {
    let plan: LaunchPlan
    let options: KubernetesConversion.Options
    var pod = Kubernetes.PodSpec()
    var podContext = Kubernetes.PodSecurityContext()
    var container: Kubernetes.Container
    var context = Kubernetes.SecurityContext()
    var notes: [String] = []

    init(plan: LaunchPlan, options: KubernetesConversion.Options) {
        self.plan = plan
        self.options = options
        container = Kubernetes.Container(name: KubernetesQuantity.label(options.name), image: plan.image)
    }

    var workload: Kubernetes.Workload {
        var pod = pod
        var container = container
        container.securityContext = context
        pod.securityContext = podContext
        pod.containers = [container]
        var metadata = Kubernetes.ObjectMeta(name: options.name)
        metadata.namespace = options.namespace
        metadata.labels = [Kubernetes.KeyValue("app.kubernetes.io/name", options.name)]
        return Kubernetes.Workload(kind: options.kind, metadata: metadata, pod: pod)
    }

    mutating func run() {
        // A docker container gets neither API credentials nor the environment variables Kubernetes
        // injects for every Service in the namespace; keep it that way.
        pod.automountServiceAccountToken = false
        pod.enableServiceLinks = false
        identity()
        privileges()
        seccomp()
        securityOptions()
        filesystem()
        secrets()
        resources()
        network()
        hostAccess()
        lifecycle()
        process()
        settings()
    }

    mutating func identity() {
        guard let user = plan.user else {
            podContext.runAsNonRoot = true
            notes.append("no user is set, so the image's USER runs; runAsNonRoot makes the kubelet refuse it if that is root or a name; give --user UID:GID")
            return
        }
        guard let ids = NumericUser(user) else {
            podContext.runAsNonRoot = true
            notes.append("user \(user) is a name, and Kubernetes takes only numeric ids (the kubelet cannot check a name is not root, and refuses to start it under runAsNonRoot); give --user UID:GID, e.g. the output of `id` in the image")
            return
        }
        podContext.runAsUser = ids.uid
        podContext.runAsGroup = ids.gid
        if ids.uid == 0 {
            notes.append("user \(user) is root, which the restricted Pod Security Standard forbids (runAsNonRoot); give --user with a non-zero UID")
        } else {
            podContext.runAsNonRoot = true
        }
    }

    mutating func privileges() {
        context.allowPrivilegeEscalation = !plan.noNewPrivileges
        if !plan.noNewPrivileges {
            notes.append("no-new-privileges is off, so allowPrivilegeEscalation is true, which the restricted Pod Security Standard forbids; add --security-opt no-new-privileges:true")
        }
        if plan.privileged {
            context.privileged = true
            notes.append("privileged: true is forbidden by the baseline and restricted Pod Security Standards; drop --privileged and add only the capabilities needed")
        }
        context.capabilitiesDrop = ["ALL"]
        context.capabilitiesAdd = plan.capabilities.sorted().map(\.name)
        let beyond = context.capabilitiesAdd.filter { $0 != "NET_BIND_SERVICE" }
        if !beyond.isEmpty {
            notes.append("capabilities \(beyond.joined(separator: ", ")) are added, and the restricted Pod Security Standard allows only NET_BIND_SERVICE; drop them with --cap-drop or accept the baseline level")
        }
    }

    mutating func seccomp() {
        switch plan.seccomp {
        case .engineDefault:
            if options.seccomp == .localhost, let generated = options.generatedSeccomp {
                let name = lastComponent(generated.path)
                podContext.seccompProfile = Kubernetes.SeccompProfile(
                    type: "Localhost", localhostProfile: "\(KubernetesConversion.localhostFolder)/\(name)")
                notes.append("seccomp: copy \(generated.path) to \(KubernetesConversion.kubeletSeccompRoot)/\(KubernetesConversion.localhostFolder)/\(name) on every node that may run the Pod; the kubelet refuses to start it without the file")
            } else {
                // Without a generated profile (`GeneratedSeccomp.forPlan` says why) the runtime's own stays.
                podContext.seccompProfile = Kubernetes.SeccompProfile(type: "RuntimeDefault")
                if options.seccomp == .runtimeDefault, plan.seccompPolicy != nil {
                    notes.append("seccomp: the Pod uses the container runtime's default profile (RuntimeDefault), not the syscall groups of the profile; --seccomp localhost points it at harden's generated profile, which you install on the nodes")
                }
            }
        case .unconfined:
            podContext.seccompProfile = Kubernetes.SeccompProfile(type: "Unconfined")
            notes.append("seccomp unconfined is forbidden by the restricted Pod Security Standard; remove --security-opt seccomp=unconfined")
        case .file(let path):
            let name = lastComponent(path)
            podContext.seccompProfile = Kubernetes.SeccompProfile(
                type: "Localhost", localhostProfile: "\(KubernetesConversion.localhostFolder)/\(name)")
            notes.append("seccomp: copy \(path) to \(KubernetesConversion.kubeletSeccompRoot)/\(KubernetesConversion.localhostFolder)/\(name) on every node that may run the Pod; the kubelet refuses to start it without the file")
        }
    }

    /// docker's `--security-opt` values other than seccomp and no-new-privileges.
    mutating func securityOptions() {
        for option in plan.securityOptions {
            switch option {
            case .apparmor(let value):
                switch value {
                case "unconfined":
                    podContext.appArmorProfile = Kubernetes.AppArmorProfile(type: "Unconfined")
                    notes.append("apparmor unconfined is forbidden by the baseline and restricted Pod Security Standards; remove --security-opt apparmor=unconfined")
                case "docker-default", "runtime/default":
                    podContext.appArmorProfile = Kubernetes.AppArmorProfile(type: "RuntimeDefault")
                default:
                    podContext.appArmorProfile = Kubernetes.AppArmorProfile(type: "Localhost", localhostProfile: value)
                    notes.append("apparmor profile \(value) must be loaded on every node that may run the Pod (apparmor_parser); the kubelet refuses to start it otherwise")
                }
            case .label(let label):
                var options = podContext.seLinuxOptions ?? Kubernetes.SELinuxOptions()
                switch label {
                case .user(let value): options.user = value
                case .role(let value): options.role = value
                case .type(let value): options.type = value
                case .level(let value): options.level = value
                default:
                    notes.append("--security-opt \(option) has no Kubernetes field (seLinuxOptions takes user, role, type and level); not carried over")
                    continue
                }
                podContext.seLinuxOptions = options
            case .systemPathsUnconfined:
                context.procMount = "Unmasked"
                notes.append("systempaths=unconfined becomes procMount: Unmasked, which the baseline and restricted Pod Security Standards forbid and which needs hostUsers: false")
            case .mask, .unmask:
                notes.append("--security-opt \(option) has no Kubernetes field; not carried over")
            }
        }
    }

    mutating func filesystem() {
        context.readOnlyRootFilesystem = plan.readOnlyRootFilesystem
        var unapplied: [String] = []
        for mount in plan.tmpfs {
            let sizeLimit = mount.size.map(KubernetesQuantity.bytes)
            let readOnly = mount.readOnly
            for option in mount.options {
                switch option {
                case .size, .flag(.ro), .flag(.rw): continue
                default: if !unapplied.contains(option.kernelSpelling) { unapplied.append(option.kernelSpelling) }
                }
            }
            let name = volumeName("tmpfs", mount.target)
            pod.volumes.append(Kubernetes.Volume(name: name, source: .emptyDir(medium: "Memory", sizeLimit: sizeLimit)))
            container.volumeMounts.append(Kubernetes.VolumeMount(name: name, mountPath: mount.target, readOnly: readOnly ? true : nil))
        }
        if !unapplied.isEmpty {
            notes.append("tmpfs options \(unapplied.joined(separator: ", ")) have no emptyDir field: the kubelet mounts each medium: Memory emptyDir as a world-writable tmpfs with its own options; rely on readOnlyRootFilesystem and allowPrivilegeEscalation: false, or use a CSI ephemeral volume whose driver takes mountOptions")
        }
        if let shm = plan.shmSize {
            let name = volumeName("dshm", "")
            pod.volumes.append(Kubernetes.Volume(name: name, source: .emptyDir(medium: "Memory", sizeLimit: KubernetesQuantity.bytes(shm))))
            container.volumeMounts.append(Kubernetes.VolumeMount(name: name, mountPath: "/dev/shm"))
        }
        for mount in plan.mounts {
            let source: Kubernetes.Volume.Source
            let name: String
            switch (mount.kind, mount.source) {
            case (.volume, nil):
                name = volumeName("scratch", mount.target)
                source = .emptyDir(medium: nil, sizeLimit: nil)
                notes.append("anonymous volume \(mount.target) becomes an emptyDir on the node's disk: its data goes when the Pod goes; give it a name (-v NAME:\(mount.target)) to keep it in a PersistentVolumeClaim")
            case (.volume, let volume?):
                let claim = KubernetesQuantity.label(volume)
                name = volumeName("volume", volume)
                source = .persistentVolumeClaim(claimName: claim, readOnly: mount.readOnly)
                // A fresh claim is owned by root; the group lets the non-root user write it.
                podContext.fsGroup = podContext.runAsGroup ?? podContext.runAsUser
                notes.append("volume \(volume) becomes PersistentVolumeClaim \(claim), which must exist in the namespace before the Pod starts (a Deployment with more than one replica needs ReadWriteMany)")
            case (.bind, let path):
                let host = path ?? ""
                name = volumeName("host", mount.target)
                source = .hostPath(path: host)
                notes.append("bind \(host):\(mount.target) becomes a hostPath volume, which the baseline and restricted Pod Security Standards forbid\(host.hasPrefix("/") ? "" : " (and needs an absolute path)"); use a PersistentVolumeClaim")
            }
            pod.volumes.append(Kubernetes.Volume(name: name, source: source))
            var volumeMount = Kubernetes.VolumeMount(name: name, mountPath: mount.target, readOnly: mount.readOnly ? true : nil)
            switch mount.propagation {
            case "slave", "rslave": volumeMount.mountPropagation = "HostToContainer"
            case "shared", "rshared": volumeMount.mountPropagation = "Bidirectional"
            default: break
            }
            container.volumeMounts.append(volumeMount)
            if !mount.flags.isEmpty {
                notes.append("volume flags \(mount.flags.joined(separator: ",")) on \(mount.target) are docker's and have no volumeMount field; not carried over")
            }
        }
    }

    /// One Secret, named after the workload, holding every secret as a key; its volume is mounted
    /// read-only at /run/secrets, so each key is the file /run/secrets/NAME as under docker. The
    /// YAML names the Secret and never holds a value: the user creates it from the files.
    mutating func secrets() {
        guard !plan.secrets.isEmpty else { return }
        let secretName = KubernetesConversion.secretName(for: options.name)
        // Files of a Secret volume belong to root, with fsGroup as their group: 0440 and the
        // container's group reads them, other users in the container do not.
        var mode = 0o440
        if let group = podContext.runAsGroup ?? podContext.runAsUser {
            podContext.fsGroup = podContext.fsGroup ?? group
        } else {
            mode = 0o444
            notes.append("secrets: with no numeric user the Pod has no group to give the secret files to, so they are mode 0444, readable by every user in the container; give --user UID:GID for 0440 owned by that group")
        }
        let name = volumeName("secrets", "")
        pod.volumes.append(Kubernetes.Volume(name: name, source: .secret(
            secretName: secretName, defaultMode: mode, items: plan.secrets.map { .init(key: $0.name, path: $0.name) })))
        container.volumeMounts.append(Kubernetes.VolumeMount(name: name, mountPath: LaunchPlan.Secret.directory, readOnly: true))
        notes.append("secrets: the \(options.kind == .pod ? "Pod" : "Deployment") mounts Secret \(secretName), which must exist before it starts; create it from the files (no value is in the YAML): \(KubernetesConversion.createSecretCommand(plan.secrets, name: secretName, namespace: options.namespace))")
    }

    /// A DNS-1123 volume name, unique within the Pod.
    func volumeName(_ prefix: String, _ path: String) -> String {
        let base = KubernetesQuantity.label(prefix + "-" + path)
        var name = base
        var number = 2
        while pod.volumes.contains(where: { $0.name == name }) {
            name = String(base.prefix(60)) + "-\(number)"
            number += 1
        }
        return name
    }

    mutating func resources() {
        var resources = Kubernetes.ResourceRequirements()
        if let cpus = plan.cpus { resources.limits.append(Kubernetes.KeyValue("cpu", KubernetesQuantity.cpu(cpus))) }
        if let memory = plan.memory { resources.limits.append(Kubernetes.KeyValue("memory", KubernetesQuantity.bytes(memory))) }
        // Requests equal to limits make the Pod Guaranteed: scheduled only where the whole limit
        // fits, last to be evicted, and never given swap under the kubelet's LimitedSwap.
        resources.requests = resources.limits
        if !resources.limits.isEmpty { container.resources = resources }
        if let swap = plan.memorySwap, swap != plan.memory {
            notes.append("memory-swap \(swap == -1 ? "-1 (unlimited)" : Units.sizeSpelling(swap)) has no Pod field: the kubelet decides swap per node (off by default, and never for a Guaranteed Pod such as this one)")
        }
        if let pids = plan.pidsLimit {
            notes.append("pids limit \(pids) has no Pod field: a Pod has no per-pod pids limit; ask the cluster admin to set the kubelet's podPidsLimit (--pod-max-pids) to \(pids) or less")
        }
        if !plan.ulimits.isEmpty {
            let limits = plan.ulimits.map { "\($0.name)=\($0.soft):\($0.hard)" }.joined(separator: ", ")
            notes.append("ulimits \(limits) have no Pod field: the container runtime's defaults apply (containerd's LimitNOFILE, CRI-O's default_ulimits); set them in the runtime's configuration on the nodes")
        }
    }

    mutating func network() {
        switch plan.network {
        case nil, .named("bridge"), .named("default"): break
        case .host:
            pod.hostNetwork = true
            notes.append("the host's network (hostNetwork: true) is forbidden by the baseline and restricted Pod Security Standards; remove --network host")
        case .empty:
            notes.append("--network none has no Pod field: every Pod gets a network; deny its traffic with a NetworkPolicy that selects app.kubernetes.io/name: \(options.name)")
        case let other?:
            notes.append("--network \(other) has no Pod field: Pods share one cluster network; separate traffic with NetworkPolicies")
        }
        if pod.hostNetwork == nil { pod.hostNetwork = false }
        var published: [String] = []
        for port in plan.ports {
            let proto = port.proto?.uppercased()
            let numbers = portNumbers(port.containerPort)
            if numbers.isEmpty {
                notes.append("container port \(port.containerPort) is not a port or a range of at most 100; add it to ports by hand")
            }
            for number in numbers {
                container.ports.append(Kubernetes.ContainerPort(containerPort: number, protocol: proto == "TCP" ? nil : proto))
            }
            if !port.hostIP.isEmpty || !port.hostPort.isEmpty { published.append(DockerArguments.portSpelling(port)) }
        }
        if !published.isEmpty {
            notes.append("published ports \(published.joined(separator: ", ")) become containerPorts, reachable from the cluster network rather than bound on one host address; expose them with a Service (ClusterIP keeps them inside the cluster) and restrict callers with a NetworkPolicy")
        }
    }

    func portNumbers(_ text: String) -> [Int] {
        let bounds = text.split(separator: "-").compactMap { Int($0) }
        if bounds.count == 1, text.split(separator: "-").count == 1 { return bounds }
        guard bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 100 else { return [] }
        return Array(bounds[0]...bounds[1])
    }

    mutating func hostAccess() {
        let namespaces = plan.namespaces
        pod.hostPID = namespaces.pid == .host
        pod.hostIPC = namespaces.ipc == .host
        if pod.hostPID == true || pod.hostIPC == true {
            notes.append("the host's \([pod.hostPID == true ? "pid" : nil, pod.hostIPC == true ? "ipc" : nil].compactMap { $0 }.joined(separator: " and ")) namespace is forbidden by the baseline and restricted Pod Security Standards; remove --pid host / --ipc host")
        }
        // A Pod's own namespaces are private to it already, and it shares the host's user namespace
        // unless told otherwise (hostUsers: false), as docker does.
        let podDefault: Set<LaunchPlan.NamespaceMode> = [.private, .shareable]
        for (name, mode) in namespaces.all
        where !(["pid", "ipc"].contains(name) && mode == .host) && !(name == "userns" && mode == .host) && !podDefault.contains(mode) {
            notes.append("--\(name) \(mode) has no Pod field (a Pod shares namespaces only among its own containers, or the node's with hostNetwork/hostPID/hostIPC); not carried over")
        }
        if !plan.devices.isEmpty || !plan.deviceCgroupRules.isEmpty {
            let devices = plan.devices.map(\.hostPath) + plan.deviceCgroupRules.map(\.cgroupSpelling)
            notes.append("devices \(devices.joined(separator: ", ")) have no Pod field: Kubernetes hands out devices through device plugins (resources.limits); not carried over")
        }
        podContext.sysctls = plan.sysctls.map { Kubernetes.KeyValue($0.name, $0.value) }
        if plan.useAPISocket {
            notes.append("--use-api-socket has no Pod field, and a Pod should not reach the node's container engine; not carried over")
        }
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            notes.append("userNamespace mappings have no Pod field: hostUsers: false gives a Pod its own user namespace with mappings the kubelet chooses; not carried over")
        }
    }

    mutating func lifecycle() {
        let restart = plan.restart ?? .no
        let policy = switch restart { case .onFailure: "OnFailure"; case .no: "Never"; default: "Always" }
        switch options.kind {
        case .pod:
            pod.restartPolicy = policy
            if case .onFailure(let retries?) = restart {
                notes.append("restart \(restart): a Pod has no retry count, the kubelet restarts it with back-off for ever; for at most \(retries) attempts run it as a Job with backoffLimit")
            }
        case .deployment:
            if policy != "Always" {
                notes.append("restart \(restart): a Deployment always restarts its containers (restartPolicy Always); for a container that should stop, use --kind pod")
            }
        }
        let check = plan.healthcheck
        if let command = check.command, !check.disabled {
            var probe = Kubernetes.Probe(command: ["/bin/sh", "-c", command])
            // docker's defaults where the plan says nothing, so the probe runs as the health check did.
            probe.periodSeconds = KubernetesQuantity.seconds(check.interval) ?? 30
            probe.timeoutSeconds = KubernetesQuantity.seconds(check.timeout) ?? 30
            probe.failureThreshold = max(1, check.retries ?? 3)
            probe.initialDelaySeconds = KubernetesQuantity.seconds(check.startPeriod)
            container.readinessProbe = probe
            notes.append("the health check becomes a readinessProbe: like docker, Kubernetes then only marks the Pod unready (out of its Services) and does not restart it; add a livenessProbe if it should")
        }
    }

    mutating func process() {
        if !plan.command.isEmpty { container.args = plan.command.map(Self.literal) }
        var passed: [String] = []
        for variable in plan.environment {
            let parts = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                container.env.append(Kubernetes.KeyValue(String(parts[0]), Self.literal(String(parts[1]))))
            } else {
                passed.append(variable)
            }
        }
        if !passed.isEmpty {
            notes.append("environment \(passed.joined(separator: ", ")) would take the caller's values, which a Pod has none of; give -e NAME=VALUE, or add valueFrom a Secret or ConfigMap by hand")
        }
    }

    /// Kubernetes expands `$(NAME)` in env values, command and args, and reads `$$` as `$`; a `$`
    /// before `(` or `$` is doubled so the text stays as docker would pass it.
    static func literal(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            out.append(character)
            if character == "$", index + 1 < characters.count, characters[index + 1] == "(" || characters[index + 1] == "$" {
                out.append("$")
            }
        }
        return out
    }

    /// docker's `--pull` values and the imagePullPolicy that means the same.
    static let pullPolicies = ["always": "Always", "missing": "IfNotPresent", "never": "Never"]

    /// The plan's process, tuning and engine settings, as Pod fields where there is one and as
    /// `DoorTable`'s kubernetes column says otherwise.
    mutating func settings() {
        var lifecycle: [String] = []
        let workload = options.kind == .pod ? "Pod" : "Deployment"
        for (option, value, row) in DoorTable.settings(of: plan) {
            var carried = true
            switch option {
            case "name": continue  // the workload's name, taken by the command
            case "workdir": container.workingDir = value
            case "entrypoint": if value.isEmpty { carried = false } else { container.command = [Self.literal(value)] }
            case "tty": container.tty = true
            case "interactive": container.stdin = true
            case "add-host":
                guard let entry = plan.engine.extraHosts.first(where: { "\($0.host):\($0.address)" == value }), entry.address != "host-gateway" else { carried = false; break }
                if let index = pod.hostAliases.firstIndex(where: { $0.ip == entry.address }) {
                    pod.hostAliases[index].hostnames.append(entry.host)
                } else {
                    pod.hostAliases.append(Kubernetes.HostAlias(ip: entry.address, hostnames: [entry.host]))
                }
            case "pull": container.imagePullPolicy = Self.pullPolicies[value]
            case "hostname": if KubernetesQuantity.label(value) == value { pod.hostname = value } else { carried = false }
            case "stop-timeout": if let seconds = Int(value), seconds >= 0 { pod.terminationGracePeriodSeconds = seconds } else { carried = false }
            case "rm", "detach": lifecycle.append("--" + option)
            case "init" where value != "true": carried = false
            default:
                switch row.kubernetes {
                case .dropped(let note?): notes.append(note(value))
                default: carried = false
                }
            }
            if !carried {
                notes.append("--\(option) \(value.isEmpty ? "\"\"" : value) is not in the \(workload); add Kubernetes' equivalent by hand")
            }
        }
        if !lifecycle.isEmpty {
            notes.append("\(lifecycle.joined(separator: " and ")): Kubernetes decides that itself; not in the \(workload)")
        }
    }
}

/// The file name of a path as the user wrote it.
private func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
