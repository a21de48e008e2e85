import HardenModel
/// One pod spec (a Pod's, or a workload's template): what every container of it shares (volumes,
/// host namespaces, the pod's security context, sysctls, annotations), then one launch per container.
package struct KubernetesPodReading {
    /// A field met and not judged, refused as not understood where it was written.
    struct Unread {
        var message: String
        var location: SourceLocation
    }

    let file: String
    /// `Deployment/web`: the object, as launches are named.
    let owner: String
    let metadata: StrictReader?
    let spec: StrictReader
    /// A StatefulSet's volumeClaimTemplates, which its containers mount by name as claims.
    let claimTemplates: [String]
    /// A Job's (or CronJob's) backoffLimit: its pods are retried that many times at most.
    let backoffLimit: Int?
    /// Pod-level fields not understood: each container of the pod carries them.
    var unread: [Unread] = []
    var volumes: [String: KubernetesVolume] = [:]
    /// Annotations by key, with where each was written.
    var annotations: [String: (value: String, reader: StrictReader)] = [:]

    init(file: String, owner: String, metadata: StrictReader?, spec: StrictReader, claimTemplates: [String], backoffLimit: Int?) throws(HardenError) {
        self.file = file; self.owner = owner; self.metadata = metadata; self.spec = spec
        self.claimTemplates = claimTemplates; self.backoffLimit = backoffLimit
        guard spec.node.objectMembers != nil else { throw spec.error("a pod spec is an object, found \(spec.node.typeName)") }
        if let metadata { unread += Self.unknownKeys(metadata, known: KubernetesKeys.metadata, what: "metadata") }
        unread += Self.unknownKeys(spec, known: KubernetesKeys.podJudged.union(KubernetesKeys.podHarmless), what: "pod spec")
        for key in KubernetesKeys.podBooleans { _ = try spec.child(key)?.kubernetesBool() }
        try readAnnotations()
        for item in try spec.child("volumes")?.elements() ?? [] {
            let volume = try KubernetesVolume(item, unread: &unread)
            guard volumes[volume.name] == nil else { throw item.error("a second volume named \"\(volume.name)\" (the API server refuses it); give each volume its own name") }
            volumes[volume.name] = volume
        }
        if let context = spec.child("securityContext") {
            guard context.node.objectMembers != nil else { throw context.error("expected an object, found \(context.node.typeName)") }
            unread += Self.unknownKeys(context, known: KubernetesKeys.podSecurityContext, what: "pod securityContext")
        }
        if let runtime = spec.child("runtimeClassName") {
            unread.append(Unread(message: "\(runtime.keyPath): \"\(try runtime.string())\" names a RuntimeClass, whose handler is whatever the nodes' container runtime configuration says, which harden cannot see; remove it to run under the default runtime", location: runtime.node.location))
        }
        if let claims = spec.child("resourceClaims"), !(claims.node.arrayValue?.isEmpty ?? false) {
            unread.append(Unread(message: "\(claims.keyPath): resource claims hand the pod devices a DRA driver allocates on the node, which harden does not judge; remove them", location: claims.node.location))
        }
        if let os = spec.child("os") {
            unread += Self.unknownKeys(os, known: KubernetesKeys.os, what: "os")
            if let name = os.child("name"), try name.string() != "linux" {
                unread.append(Unread(message: "\(name.keyPath): \"\(try name.string())\" pods run on another kernel, whose isolation harden's rules are not about; audit Linux pods only", location: name.node.location))
            }
        }
    }

    /// Every key of `reader` outside `known`.
    static func unknownKeys(_ reader: StrictReader, known: Set<String>, what: String) -> [Unread] {
        guard let members = reader.node.objectMembers else { return [] }
        return members.filter { !known.contains($0.key) }.map { member in
            Unread(message: "\(StrictReader.render(reader.path + [member.key])): not a \(what) field harden knows; the API server drops it or, in a version harden has not read, gives it a meaning harden has not checked, so remove it",
                   location: member.keyLocation)
        }
    }

    mutating func readAnnotations() throws(HardenError) {
        guard let list = metadata?.child("annotations") else { return }
        for (key, keyLocation, value) in try list.entries() {
            annotations[key] = (try value.string(), value)
            if KubernetesKeys.runtimeAnnotationPrefixes.contains(where: { key.hasPrefix($0) }) {
                unread.append(Unread(message: "\(value.keyPath): an annotation the container runtime acts on (CRI-O's allowed annotations, containerd's, crun's run.oci.*, Kata's), whose effect harden does not judge; remove it", location: keyLocation))
            }
        }
    }

    func launches() throws(HardenError) -> [AuditedLaunch] {
        var launches: [AuditedLaunch] = []
        let groups = [("containers", "container"), ("initContainers", "init container"), ("ephemeralContainers", "ephemeral container")]
        for (key, role) in groups {
            for item in try spec.child(key)?.elements() ?? [] {
                var reading = try KubernetesContainerReading(pod: self, container: item, role: role)
                try reading.read()
                launches.append(AuditedLaunch(name: "\(file) \(reading.context)", kind: .kubernetes, plan: reading.plan, sources: reading.sources))
            }
        }
        if spec.child("containers")?.node.arrayValue?.isEmpty ?? true {
            throw spec.error("the pod has no containers (the API server refuses it); give it at least one container")
        }
        return launches
    }
}
