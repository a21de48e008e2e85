import HardenModel
/// One container of a pod read into a plan: its own fields, the pod's it inherits, and where each
/// setting was written.
package struct KubernetesContainerReading {
    let pod: KubernetesPodReading
    let container: StrictReader
    let role: String
    let name: String
    /// `Deployment/web container app`, as reports name the launch.
    let context: String
    var plan = LaunchPlan()
    var sources: PlanSources

    init(pod: KubernetesPodReading, container: StrictReader, role: String) throws(HardenError) {
        self.pod = pod
        self.container = container
        self.role = role
        guard container.node.objectMembers != nil else { throw container.error("a \(role) is an object with a name and an image, found \(container.node.typeName)") }
        guard let name = try container.child("name")?.string(), !name.isEmpty else {
            throw container.error("the \(role) has no name (the API server refuses it); give it a name")
        }
        self.name = name
        context = "\(pod.owner) \(role) \(name)"
        sources = PlanSources(whole: SourcePosition(file: pod.file, container.child("name")!.node.location, context: context))
    }

    mutating func place(_ key: PlanKey, _ reader: StrictReader) { sources[key] = reader.position(context: context) }

    mutating func notUnderstood(_ message: String, at location: SourceLocation) {
        sources[.notUnderstood(plan.notUnderstood.count)] = SourcePosition(file: pod.file, location, context: context)
        plan.notUnderstood.append(message)
    }

    mutating func read() throws(HardenError) {
        for entry in pod.unread { notUnderstood(entry.message, at: entry.location) }
        for entry in KubernetesPodReading.unknownKeys(container, known: KubernetesKeys.containerJudged.union(KubernetesKeys.containerHarmless), what: role) {
            notUnderstood(entry.message, at: entry.location)
        }
        for key in KubernetesKeys.containerBooleans { _ = try container.child(key)?.kubernetesBool() }
        guard let image = container.child("image") else {
            throw container.error("the \(role) \(name) has no image (the API server refuses it); name the image it runs")
        }
        plan.image = try image.string()
        if let refusal = ImageReference.refusal(plan.image) { throw image.error(refusal) }
        place(.image, image)
        plan.command = try (container.child("command")?.strings() ?? []) + (container.child("args")?.strings() ?? [])
        try environment()
        try ports()
        try resources()
        try volumeMounts()
        if let devices = container.child("volumeDevices"), !(devices.node.arrayValue?.isEmpty ?? false) {
            notUnderstood("\(devices.keyPath): a claim's raw block device inside the container, which harden does not judge; mount the claim as a filesystem with volumeMounts", at: devices.node.location)
        }
        try securityContext()
        try podNamespaces()
        try restart()
    }

    mutating func environment() throws(HardenError) {
        for item in try container.child("env")?.elements() ?? [] {
            for entry in KubernetesPodReading.unknownKeys(item, known: KubernetesKeys.env, what: "env") { notUnderstood(entry.message, at: entry.location) }
            guard let variable = try item.child("name")?.string() else { throw item.error("an env entry needs a name") }
            // A valueFrom comes from the API at start, not a literal in the file.
            if let value = item.child("value"), item.child("valueFrom") == nil {
                plan.environment.append("\(variable)=\(try value.scalarText())")
            } else {
                plan.environment.append(variable)
            }
            place(.environment(variable), item)
        }
    }

    /// Only a hostPort binds the node's interfaces; a containerPort alone is reachable on the pod's own address.
    mutating func ports() throws(HardenError) {
        for item in try container.child("ports")?.elements() ?? [] {
            for entry in KubernetesPodReading.unknownKeys(item, known: KubernetesKeys.port, what: "port") { notUnderstood(entry.message, at: entry.location) }
            guard let target = try item.child("containerPort")?.int(min: 1, max: 65535) else { throw item.error("a port needs a containerPort") }
            let proto = try item.child("protocol")?.oneOf(["TCP", "UDP", "SCTP"])
            guard let host = try item.child("hostPort")?.int(min: 0, max: 65535), host > 0 else { continue }
            place(.port(plan.ports.count), item.child("hostPort")!)
            plan.ports.append(LaunchPlan.PortMapping(hostIP: try item.child("hostIP")?.string() ?? "", hostPort: "\(host)",
                                                     containerPort: "\(target)", proto: proto.map { $0.lowercased() }))
        }
    }

    /// Limits as the runtime's cgroup gets them; a pod-level limit bounds containers that set none.
    mutating func resources() throws(HardenError) {
        let own = container.child("resources")
        let shared = pod.spec.child("resources")
        if let own {
            for entry in KubernetesPodReading.unknownKeys(own, known: KubernetesKeys.resources, what: "resources") { notUnderstood(entry.message, at: entry.location) }
            if let claims = own.child("claims"), !(claims.node.arrayValue?.isEmpty ?? false) {
                notUnderstood("\(claims.keyPath): resource claims hand the container devices a DRA driver allocates on the node, which harden does not judge; remove them", at: claims.node.location)
            }
        }
        if let shared {
            for entry in KubernetesPodReading.unknownKeys(shared, known: KubernetesKeys.podResources, what: "pod resources") { notUnderstood(entry.message, at: entry.location) }
        }
        for side in ["limits", "requests"] {
            for (resource, keyLocation, value) in try own?.child(side)?.entries() ?? [] {
                _ = try value.quantity()
                if !KubernetesKeys.isPlainResource(resource) {
                    notUnderstood("\(value.keyPath): \(resource) is a device plugin's resource, which hands the container host devices harden does not judge; remove it", at: keyLocation)
                }
            }
        }
        for scope in [own, shared] {
            guard let limits = scope?.child("limits") else { continue }
            if plan.memory == nil, let memory = limits.child("memory") {
                let bytes = try memory.quantity()
                if bytes >= 1, bytes < 0x1p62 { plan.memory = Int64(bytes.rounded(.up)); place(.memory, memory) }
            }
            if plan.cpus == nil, let cpu = limits.child("cpu") {
                let cores = try cpu.quantity()
                // The kubelet gives the runtime at least 1m: a smaller limit is 1m, not none.
                if cores > 0, cores.isFinite { plan.cpus = max(cores, 0.001); place(.cpus, cpu) }
            }
        }
    }

    mutating func restart() throws(HardenError) {
        if role == "init container", let policy = container.child("restartPolicy") {
            // A sidecar: an init container the kubelet keeps restarting for the pod's life.
            if try policy.oneOf(["Always"]) == "Always" { plan.restart = .always; place(.restart, policy) }
            return
        }
        guard role == "container" else { return }
        let written = pod.spec.child("restartPolicy")
        let policy = try written?.oneOf(["Always", "OnFailure", "Never"]) ?? "Always"
        switch policy {
        case "Never": plan.restart = .no
        case "OnFailure": plan.restart = .onFailure(maxRetries: pod.backoffLimit.map { $0 + 1 })
        default: plan.restart = pod.backoffLimit.map { .onFailure(maxRetries: $0 + 1) } ?? .always
        }
        if let written { place(.restart, written) }
    }
}
