import HardenModel
/// One volume of a pod spec, by what it gives a container that mounts it: a host path, a tmpfs or
/// a disk scratch directory, a claim, files from the API server, or something harden refuses.
package struct KubernetesVolume {
    enum Source {
        case hostPath(String)
        /// medium Memory is a tmpfs (sized by sizeLimit); otherwise a directory on the node's disk.
        case emptyDir(memory: Bool, sizeLimit: Int64?)
        case claim(String, readOnly: Bool)
        /// A claim made for the pod and deleted with it: scratch storage.
        case ephemeral
        /// configMap, secret, downwardAPI, projected, image: read-only files the kubelet writes.
        case apiContent
        /// Not modelled; refused for the whole pod, since the kubelet sets every volume up.
        case refused
    }

    let name: String
    let reader: StrictReader
    var source: Source

    static let hostPathTypes = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"]

    init(_ item: StrictReader, unread: inout [KubernetesPodReading.Unread]) throws(HardenError) {
        reader = item
        guard let members = item.node.objectMembers else { throw item.error("a volume is an object with a name and a source, found \(item.node.typeName)") }
        guard let name = try item.child("name")?.string(), !name.isEmpty else { throw item.error("a volume needs a name") }
        self.name = name
        let sources = members.filter { $0.key != "name" }
        guard sources.count <= 1 else {
            throw item.error("volume \"\(name)\" has \(sources.count) sources (\(sources.map(\.key).joined(separator: ", "))), and the API server takes one; split it into volumes")
        }
        // The API server makes a volume with no source an emptyDir.
        guard let member = sources.first else { source = .emptyDir(memory: false, sizeLimit: nil); return }
        let value = StrictReader(file: item.file, path: item.path + [member.key], node: member.value)
        func only(_ known: Set<String>, what: String) {
            unread += KubernetesPodReading.unknownKeys(value, known: known, what: what)
        }
        if case .null = member.value.kind { source = .emptyDir(memory: false, sizeLimit: nil); return }
        guard member.value.objectMembers != nil else { throw value.error("expected an object, found \(member.value.typeName)") }
        switch member.key {
        case "hostPath":
            only(KubernetesKeys.hostPath, what: "hostPath")
            guard let path = try value.child("path")?.string(), !path.isEmpty else { throw value.error("a hostPath volume needs a path") }
            if let type = value.child("type") { _ = try type.oneOf(Self.hostPathTypes) }
            if !path.hasPrefix("/") {
                unread.append(.init(message: "\(value.keyPath).path: \"\(path)\" is not absolute, so the kubelet reads it from its own working directory, which harden cannot see; write the absolute host path", location: value.child("path")!.node.location))
            }
            source = .hostPath(path)
        case "emptyDir":
            only(KubernetesKeys.emptyDir, what: "emptyDir")
            let medium = try value.child("medium")?.string() ?? ""
            guard medium == "" || medium == "Memory" || medium.hasPrefix("HugePages") else {
                throw value.child("medium")!.error("\"\(medium)\" is not an emptyDir medium; use \"\", \"Memory\" or \"HugePages\"")
            }
            var size: Int64?
            if let limit = value.child("sizeLimit") {
                let bytes = try limit.quantity()
                guard bytes >= 0, bytes < 0x1p62 else { throw limit.error("\(limit.describe()) is not a size the API server accepts; write e.g. 64Mi") }
                size = bytes > 0 ? Int64(bytes.rounded(.up)) : nil
            }
            source = .emptyDir(memory: medium == "Memory", sizeLimit: size)
        case "persistentVolumeClaim":
            only(KubernetesKeys.claim, what: "persistentVolumeClaim")
            guard let claim = try value.child("claimName")?.string(), KubernetesQuantity.isSubdomain(claim) else {
                throw value.error("a persistentVolumeClaim needs a claimName, the name of a claim (lower-case letters, digits, '-' and '.')")
            }
            source = .claim(claim, readOnly: try value.child("readOnly")?.kubernetesBool() ?? false)
        case "ephemeral":
            only(KubernetesKeys.ephemeral, what: "ephemeral volume")
            source = .ephemeral
        case let key where KubernetesKeys.apiContent[key] != nil:
            only(KubernetesKeys.apiContent[key]!, what: key)
            for entry in try value.child("items")?.elements() ?? [] where key != "downwardAPI" {
                unread += KubernetesPodReading.unknownKeys(entry, known: KubernetesKeys.keyToPath, what: "\(key) item")
            }
            for projection in try value.child("sources")?.elements() ?? [] {
                unread += KubernetesPodReading.unknownKeys(projection, known: KubernetesKeys.projection, what: "projected source")
            }
            if let optional = value.child("optional") { _ = try optional.kubernetesBool() }
            source = .apiContent
        case let key where KubernetesKeys.refusedVolumes[key] != nil:
            unread.append(.init(message: "\(value.keyPath): a \(key) volume \(KubernetesKeys.refusedVolumes[key]!); harden does not judge it, so remove it", location: member.keyLocation))
            source = .refused
        case let key where KubernetesKeys.storageVolumes.contains(key):
            unread.append(.init(message: "\(value.keyPath): a \(key) volume is storage the node mounts on the pod's behalf, which harden does not judge; use a persistentVolumeClaim", location: member.keyLocation))
            source = .refused
        default:
            unread.append(.init(message: "\(value.keyPath): not a volume source harden knows; the API server drops it or, in a version harden has not read, mounts something harden has not checked, so remove it", location: member.keyLocation))
            source = .refused
        }
    }
}

extension KubernetesContainerReading {
    /// Each mount of a pod volume: a hostPath is a bind of the host path (below its subPath), a
    /// memory emptyDir a tmpfs, a claim a named volume; the API server's files reach nothing of the host.
    mutating func volumeMounts() throws(HardenError) {
        for item in try container.child("volumeMounts")?.elements() ?? [] {
            for entry in KubernetesPodReading.unknownKeys(item, known: KubernetesKeys.volumeMount, what: "volumeMount") { notUnderstood(entry.message, at: entry.location) }
            guard let name = try item.child("name")?.string() else { throw item.error("a volumeMount needs the name of a volume") }
            guard let target = try item.child("mountPath")?.string(), !target.isEmpty else { throw item.error("a volumeMount needs a mountPath") }
            let readOnly = try item.child("readOnly")?.kubernetesBool() ?? false
            if let recursive = item.child("recursiveReadOnly") { _ = try recursive.oneOf(["Disabled", "IfPossible", "Enabled"]) }
            let propagation: String? = switch try item.child("mountPropagation")?.oneOf(["None", "HostToContainer", "Bidirectional"]) {
            case "HostToContainer": "rslave"
            case "Bidirectional": "rshared"
            default: nil
            }
            var subPath = ""
            if let sub = item.child("subPath") {
                subPath = try sub.string()
                if subPath.hasPrefix("/") || subPath.split(separator: "/").contains("..") {
                    throw sub.error("\"\(subPath)\" must be a relative path without '..' (the API server refuses it); name a directory inside the volume")
                }
            }
            let source: KubernetesVolume.Source
            if let volume = pod.volumes[name] {
                source = volume.source
            } else if pod.claimTemplates.contains(name) {
                source = .claim(name, readOnly: false)
            } else {
                throw item.error("the \(role) mounts volume \"\(name)\", which the pod does not declare (the API server refuses it); add it to the pod's volumes")
            }
            if let expression = item.child("subPathExpr") {
                _ = try expression.string()
                if case .hostPath = source {
                    notUnderstood("\(expression.keyPath): the host path below a hostPath volume comes from the container's environment at start, which harden does not expand; write subPath", at: expression.node.location)
                }
            }
            switch source {
            case .hostPath(let path):
                let host = subPath.isEmpty ? path : (path.hasSuffix("/") ? path : path + "/") + subPath
                plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: host, target: target, readOnly: readOnly, propagation: propagation))
            case .emptyDir(memory: true, let size?) where RuntimeSockets.normalize(target) == "/dev/shm" && !readOnly && subPath.isEmpty:
                // What docker's --shm-size is: a tmpfs of that size over the runtime's /dev/shm.
                plan.shmSize = size
            case .emptyDir(memory: true, let size):
                plan.tmpfs.append(LaunchPlan.TmpfsMount(target: target, options: (readOnly ? [.flag(.ro)] : []) + (size.map { [.size($0)] } ?? [])))
            case .emptyDir(memory: false, _), .ephemeral:
                plan.mounts.append(LaunchPlan.Mount(kind: .volume, source: nil, target: target, readOnly: readOnly, propagation: propagation))
            case .claim(let claim, let claimReadOnly):
                plan.mounts.append(LaunchPlan.Mount(kind: .volume, source: claim, target: target, readOnly: readOnly || claimReadOnly, propagation: propagation))
            case .apiContent, .refused:
                continue
            }
            place(.mount(target), item)
        }
    }
}
