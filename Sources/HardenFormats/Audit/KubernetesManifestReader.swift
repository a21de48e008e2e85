import HardenModel
/// Reads Kubernetes manifests (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController, Job, CronJob, PodTemplate, and `List`s of them; one or more documents)
/// into one plan per container, init container and ephemeral container, so the same rules judge
/// a container of a pod as a docker run line. Settings are read as the API server decodes them and
/// the kubelet and its container runtime apply them: the pod's security context under the
/// container's, the runtime's defaults where nothing is said (docker's capabilities, no seccomp
/// filter, the runtime's AppArmor profile).
public enum KubernetesManifestReader {
    /// A document that names an API version and a kind, as every manifest does.
    public static func isManifest(_ root: JSONNode) -> Bool {
        root["apiVersion"]?.stringValue != nil && root["kind"]?.stringValue != nil
    }

    public static func read(documents: [JSONNode], file: String) throws(HardenError) -> [AuditedLaunch] {
        var launches: [AuditedLaunch] = []
        for document in documents {
            if case .null = document.kind { continue }  // an empty document between two `---`
            try object(StrictReader(file: file, node: document), into: &launches)
        }
        return launches
    }

    static func object(_ reader: StrictReader, into launches: inout [AuditedLaunch]) throws(HardenError) {
        guard reader.node.objectMembers != nil else {
            throw reader.error("a Kubernetes manifest is an object with apiVersion and kind, found \(reader.node.typeName)")
        }
        guard let kind = try reader.child("kind")?.string(), !kind.isEmpty else {
            throw reader.error("the object has no kind; every Kubernetes object names its kind (Pod, Deployment, …)")
        }
        guard let apiVersion = try reader.child("apiVersion")?.string(), !apiVersion.isEmpty else {
            throw reader.error("the \(kind) has no apiVersion; write the one its kind has (v1, apps/v1, batch/v1)")
        }
        var name = try reader.child("metadata")?.child("name")?.string()
        if name == nil { name = try reader.child("metadata")?.child("generateName")?.string() }
        let owner = "\(kind)/\(name ?? "?")"
        if kind.hasSuffix("List"), reader.child("items") != nil {
            for item in try reader.child("items")!.elements() { try object(item, into: &launches) }
            return
        }
        var unread: [KubernetesPodReading.Unread] = []
        func only(_ known: Set<String>, in reader: StrictReader?, what: String) {
            guard let reader else { return }
            unread += KubernetesPodReading.unknownKeys(reader, known: known, what: what)
        }
        guard let workload = KubernetesKeys.workloads[kind] else {
            if KubernetesKeys.inert.contains(kind) { return }
            // Something else may run containers harden never sees (a custom resource's controller,
            // a PersistentVolume that names a host path): refused, with the object as the launch.
            let location = reader.child("kind")!.node.location
            var sources = PlanSources(whole: SourcePosition(file: reader.file, location, context: owner))
            var plan = LaunchPlan()
            sources[.notUnderstood(0)] = sources.whole
            plan.notUnderstood = ["kind: harden does not read \(kind) objects (\(apiVersion)); whatever containers or host access it leads to are not judged, so audit the Pods it creates, or remove it from the file"]
            launches.append(AuditedLaunch(name: "\(reader.file) \(owner)", kind: .kubernetes, plan: plan, sources: sources))
            return
        }
        if !workload.apiVersions.contains(apiVersion), let version = reader.child("apiVersion") {
            unread.append(.init(message: "apiVersion: \(kind) of \"\(apiVersion)\" is not the built-in \(kind) (\(workload.apiVersions.sorted().joined(separator: ", "))): another API group's controller decides what it runs, which harden does not judge", location: version.node.location))
        }
        only(kind == "PodTemplate" ? KubernetesKeys.podTemplateObject : KubernetesKeys.objectKeys, in: reader, what: "\(kind) object")
        only(KubernetesKeys.metadata, in: reader.child("metadata"), what: "metadata")
        let template: StrictReader
        var claimTemplates: [String] = []
        var backoffLimit: Int?
        switch kind {
        case "Pod":
            template = reader
        case "PodTemplate":
            guard let inner = reader.child("template") else { throw reader.error("a PodTemplate needs a template") }
            template = inner
        default:
            guard var spec = reader.child("spec") else { throw reader.error("a \(kind) needs a spec with a pod template") }
            if kind == "CronJob" {
                only(workload.spec, in: spec, what: "CronJob spec")
                guard let job = spec.child("jobTemplate") else { throw spec.error("a CronJob needs a jobTemplate") }
                only(KubernetesKeys.jobTemplate, in: job, what: "job template")
                only(KubernetesKeys.metadata, in: job.child("metadata"), what: "metadata")
                guard let jobSpec = job.child("spec") else { throw job.error("a CronJob's jobTemplate needs a spec") }
                spec = jobSpec
                only(KubernetesKeys.workloads["Job"]!.spec, in: spec, what: "Job spec")
            } else {
                only(workload.spec, in: spec, what: "\(kind) spec")
            }
            if workload.boundedRestarts { backoffLimit = try spec.child("backoffLimit")?.int(max: Int(Int32.max)) ?? 6 }
            for claim in try spec.child("volumeClaimTemplates")?.elements() ?? [] {
                if let claimName = try claim.child("metadata")?.child("name")?.string() { claimTemplates.append(claimName) }
            }
            guard let inner = spec.child("template") else { throw spec.error("a \(kind) needs a template (the pod it runs)") }
            template = inner
        }
        if kind != "Pod" { only(KubernetesKeys.template, in: template, what: "pod template") }
        guard let spec = template.child("spec") else { throw template.error("the pod has no spec; a pod needs containers") }
        var pod = try KubernetesPodReading(file: reader.file, owner: owner, metadata: template.child("metadata"), spec: spec,
                                           claimTemplates: claimTemplates, backoffLimit: backoffLimit)
        pod.unread = unread + pod.unread
        launches += try pod.launches()
    }
}
