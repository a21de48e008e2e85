import HardenModel
/// Kubernetes API objects as the API spells them (core/v1 Pod, apps/v1 Deployment), holding only
/// the fields harden writes; nil and empty lists are left out. The opinions (what a plan becomes)
/// live in `KubernetesConversion`.
public enum Kubernetes {}

extension Kubernetes {
    public struct Workload: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable { case pod, deployment }

        public var kind: Kind
        public var metadata: ObjectMeta
        public var pod: PodSpec
        /// Deployments only.
        public var replicas = 1

        public init(kind: Kind, metadata: ObjectMeta, pod: PodSpec) {
            self.kind = kind; self.metadata = metadata; self.pod = pod
        }

        public var json: JSONNode {
            switch kind {
            case .pod:
                return .obj([("apiVersion", .str("v1")), ("kind", .str("Pod")), ("metadata", metadata.json), ("spec", pod.json)])
            case .deployment:
                let labels = JSONNode.obj(metadata.labels.map { ($0.name, JSONNode.str($0.value)) })
                let template = JSONNode.obj([("metadata", .obj([("labels", labels)])), ("spec", pod.json)])
                return .obj([
                    ("apiVersion", .str("apps/v1")), ("kind", .str("Deployment")), ("metadata", metadata.json),
                    ("spec", .obj([("replicas", .int(replicas)), ("selector", .obj([("matchLabels", labels)])), ("template", template)])),
                ])
            }
        }

        public var yaml: String { YAMLWriter.document(json) }
    }

    public struct KeyValue: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    public struct ObjectMeta: Sendable, Equatable {
        public var name: String
        public var namespace: String?
        public var labels: [KeyValue] = []
        public var annotations: [KeyValue] = []
        public init(name: String) { self.name = name }

        var json: JSONNode {
            .obj(compact([
                ("name", .str(name)), ("namespace", namespace.map(JSONNode.str)),
                ("labels", labels.isEmpty ? nil : .obj(labels.map { ($0.name, JSONNode.str($0.value)) })),
                ("annotations", annotations.isEmpty ? nil : .obj(annotations.map { ($0.name, JSONNode.str($0.value)) })),
            ]))
        }
    }

    public struct PodSpec: Sendable, Equatable {
        public var automountServiceAccountToken: Bool?
        public var enableServiceLinks: Bool?
        public var hostNetwork: Bool?
        public var hostPID: Bool?
        public var hostIPC: Bool?
        public var hostname: String?
        public var hostAliases: [HostAlias] = []
        public var restartPolicy: String?
        public var terminationGracePeriodSeconds: Int?
        public var securityContext: PodSecurityContext?
        public var containers: [Container] = []
        public var volumes: [Volume] = []
        public init() {}

        var json: JSONNode {
            .obj(compact([
                ("automountServiceAccountToken", automountServiceAccountToken.map(JSONNode.bool)),
                ("enableServiceLinks", enableServiceLinks.map(JSONNode.bool)),
                ("hostNetwork", hostNetwork.map(JSONNode.bool)), ("hostPID", hostPID.map(JSONNode.bool)), ("hostIPC", hostIPC.map(JSONNode.bool)),
                ("hostname", hostname.map(JSONNode.str)),
                ("hostAliases", hostAliases.isEmpty ? nil : .arr(hostAliases.map { alias in
                    .obj([("ip", .str(alias.ip)), ("hostnames", .arr(alias.hostnames.map(JSONNode.str)))])
                })),
                ("restartPolicy", restartPolicy.map(JSONNode.str)),
                ("terminationGracePeriodSeconds", terminationGracePeriodSeconds.map(JSONNode.int)),
                ("securityContext", securityContext?.json),
                ("containers", .arr(containers.map(\.json))),
                ("volumes", volumes.isEmpty ? nil : .arr(volumes.map(\.json))),
            ]))
        }
    }

    /// An /etc/hosts entry, as docker's `--add-host`.
    public struct HostAlias: Sendable, Equatable {
        public var ip: String
        public var hostnames: [String]
        public init(ip: String, hostnames: [String]) { self.ip = ip; self.hostnames = hostnames }
    }

    public struct SeccompProfile: Sendable, Equatable {
        /// RuntimeDefault, Localhost or Unconfined.
        public var type: String
        /// For Localhost: a path below the kubelet's seccomp directory (/var/lib/kubelet/seccomp).
        public var localhostProfile: String?
        public init(type: String, localhostProfile: String? = nil) { self.type = type; self.localhostProfile = localhostProfile }

        var json: JSONNode { .obj(compact([("type", .str(type)), ("localhostProfile", localhostProfile.map(JSONNode.str))])) }
    }

    /// `appArmorProfile` (Kubernetes 1.30+) has the same shape as `seccompProfile`.
    public typealias AppArmorProfile = SeccompProfile

    public struct SELinuxOptions: Sendable, Equatable {
        public var user: String?
        public var role: String?
        public var type: String?
        public var level: String?
        public init() {}

        var json: JSONNode {
            .obj(compact([("user", user.map(JSONNode.str)), ("role", role.map(JSONNode.str)), ("type", type.map(JSONNode.str)),
                          ("level", level.map(JSONNode.str))]))
        }
    }

    public struct PodSecurityContext: Sendable, Equatable {
        public var runAsNonRoot: Bool?
        public var runAsUser: Int?
        public var runAsGroup: Int?
        public var fsGroup: Int?
        public var seccompProfile: SeccompProfile?
        public var appArmorProfile: AppArmorProfile?
        public var seLinuxOptions: SELinuxOptions?
        public var sysctls: [KeyValue] = []
        public init() {}

        var json: JSONNode {
            .obj(compact([
                ("runAsNonRoot", runAsNonRoot.map(JSONNode.bool)), ("runAsUser", runAsUser.map(JSONNode.int)),
                ("runAsGroup", runAsGroup.map(JSONNode.int)), ("fsGroup", fsGroup.map(JSONNode.int)),
                ("seccompProfile", seccompProfile?.json), ("appArmorProfile", appArmorProfile?.json), ("seLinuxOptions", seLinuxOptions?.json),
                ("sysctls", sysctls.isEmpty ? nil : .arr(sysctls.map { .obj([("name", .str($0.name)), ("value", .str($0.value))]) })),
            ]))
        }
    }

    public struct SecurityContext: Sendable, Equatable {
        public var allowPrivilegeEscalation: Bool?
        public var privileged: Bool?
        public var readOnlyRootFilesystem: Bool?
        public var runAsNonRoot: Bool?
        public var runAsUser: Int?
        public var runAsGroup: Int?
        public var capabilitiesDrop: [String] = []
        public var capabilitiesAdd: [String] = []
        /// `Unmasked` leaves /proc unmasked, as docker's `systempaths=unconfined`.
        public var procMount: String?
        public init() {}

        var json: JSONNode {
            var capabilities: [(String, JSONNode)] = []
            if !capabilitiesDrop.isEmpty { capabilities.append(("drop", .arr(capabilitiesDrop.map(JSONNode.str)))) }
            if !capabilitiesAdd.isEmpty { capabilities.append(("add", .arr(capabilitiesAdd.map(JSONNode.str)))) }
            return .obj(compact([
                ("allowPrivilegeEscalation", allowPrivilegeEscalation.map(JSONNode.bool)), ("privileged", privileged.map(JSONNode.bool)),
                ("readOnlyRootFilesystem", readOnlyRootFilesystem.map(JSONNode.bool)),
                ("runAsNonRoot", runAsNonRoot.map(JSONNode.bool)), ("runAsUser", runAsUser.map(JSONNode.int)),
                ("runAsGroup", runAsGroup.map(JSONNode.int)),
                ("capabilities", capabilities.isEmpty ? nil : .obj(capabilities)),
                ("procMount", procMount.map(JSONNode.str)),
            ]))
        }
    }

    public struct Container: Sendable, Equatable {
        public var name: String
        public var image: String
        /// Always, IfNotPresent or Never.
        public var imagePullPolicy: String?
        /// Replaces the image's ENTRYPOINT (docker's `--entrypoint`).
        public var command: [String]?
        /// Replaces the image's CMD (docker's arguments after the image).
        public var args: [String]?
        public var workingDir: String?
        public var ports: [ContainerPort] = []
        public var env: [KeyValue] = []
        public var resources: ResourceRequirements?
        public var volumeMounts: [VolumeMount] = []
        public var readinessProbe: Probe?
        public var securityContext: SecurityContext?
        public var stdin: Bool?
        public var tty: Bool?
        public init(name: String, image: String) { self.name = name; self.image = image }

        var json: JSONNode {
            func strings(_ values: [String]?) -> JSONNode? { values.map { .arr($0.map(JSONNode.str)) } }
            return .obj(compact([
                ("name", .str(name)), ("image", .str(image)), ("imagePullPolicy", imagePullPolicy.map(JSONNode.str)),
                ("command", strings(command)), ("args", strings(args)),
                ("workingDir", workingDir.map(JSONNode.str)),
                ("ports", ports.isEmpty ? nil : .arr(ports.map(\.json))),
                ("env", env.isEmpty ? nil : .arr(env.map { .obj([("name", .str($0.name)), ("value", .str($0.value))]) })),
                ("resources", resources?.json),
                ("volumeMounts", volumeMounts.isEmpty ? nil : .arr(volumeMounts.map(\.json))),
                ("readinessProbe", readinessProbe?.json),
                ("securityContext", securityContext?.json),
                ("stdin", stdin.map(JSONNode.bool)), ("tty", tty.map(JSONNode.bool)),
            ]))
        }
    }

    public struct ContainerPort: Sendable, Equatable {
        public var containerPort: Int
        /// TCP, UDP or SCTP.
        public var `protocol`: String?
        public init(containerPort: Int, protocol: String? = nil) { self.containerPort = containerPort; self.protocol = `protocol` }

        var json: JSONNode { .obj(compact([("containerPort", .int(containerPort)), ("protocol", `protocol`.map(JSONNode.str))])) }
    }

    public struct ResourceRequirements: Sendable, Equatable {
        /// `cpu`, `memory`, … as quantities (`512Mi`, `500m`).
        public var limits: [KeyValue] = []
        public var requests: [KeyValue] = []
        public init() {}

        var json: JSONNode {
            .obj(compact([
                ("limits", limits.isEmpty ? nil : .obj(limits.map { ($0.name, JSONNode.str($0.value)) })),
                ("requests", requests.isEmpty ? nil : .obj(requests.map { ($0.name, JSONNode.str($0.value)) })),
            ]))
        }
    }

    public struct VolumeMount: Sendable, Equatable {
        public var name: String
        public var mountPath: String
        public var readOnly: Bool?
        /// None, HostToContainer or Bidirectional.
        public var mountPropagation: String?
        public init(name: String, mountPath: String, readOnly: Bool? = nil, mountPropagation: String? = nil) {
            self.name = name; self.mountPath = mountPath; self.readOnly = readOnly; self.mountPropagation = mountPropagation
        }

        var json: JSONNode {
            .obj(compact([("name", .str(name)), ("mountPath", .str(mountPath)), ("readOnly", readOnly.map(JSONNode.bool)),
                          ("mountPropagation", mountPropagation.map(JSONNode.str))]))
        }
    }

    public struct Volume: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            /// `medium: Memory` is a tmpfs; nil is the node's disk.
            case emptyDir(medium: String?, sizeLimit: String?)
            case persistentVolumeClaim(claimName: String, readOnly: Bool)
            case hostPath(path: String)
            /// A Secret's keys as files; the Secret is referred to by name, never written out.
            case secret(secretName: String, defaultMode: Int?, items: [KeyToPath])
        }

        public struct KeyToPath: Sendable, Equatable {
            public var key: String
            public var path: String
            public init(key: String, path: String) { self.key = key; self.path = path }
        }

        public var name: String
        public var source: Source
        public init(name: String, source: Source) { self.name = name; self.source = source }

        var json: JSONNode {
            let body: (String, JSONNode)
            switch source {
            case .emptyDir(let medium, let sizeLimit):
                body = ("emptyDir", .obj(compact([("medium", medium.map(JSONNode.str)), ("sizeLimit", sizeLimit.map(JSONNode.str))])))
            case .persistentVolumeClaim(let claimName, let readOnly):
                body = ("persistentVolumeClaim", .obj(compact([("claimName", .str(claimName)), ("readOnly", readOnly ? .bool(true) : nil)])))
            case .hostPath(let path):
                body = ("hostPath", .obj([("path", .str(path))]))
            case .secret(let secretName, let defaultMode, let items):
                // defaultMode in decimal: YAML 1.1 reads 0440 as octal, YAML 1.2 as four hundred and forty.
                body = ("secret", .obj(compact([
                    ("secretName", .str(secretName)), ("defaultMode", defaultMode.map(JSONNode.int)),
                    ("items", .arr(items.map { .obj([("key", .str($0.key)), ("path", .str($0.path))]) })),
                ])))
            }
            return .obj([("name", .str(name)), body])
        }
    }

    /// A probe that runs a command in the container, as docker's health check does.
    public struct Probe: Sendable, Equatable {
        public var command: [String]
        public var initialDelaySeconds: Int?
        public var periodSeconds: Int?
        public var timeoutSeconds: Int?
        public var failureThreshold: Int?
        public init(command: [String]) { self.command = command }

        var json: JSONNode {
            .obj(compact([
                ("exec", .obj([("command", .arr(command.map(JSONNode.str)))])),
                ("initialDelaySeconds", initialDelaySeconds.map(JSONNode.int)), ("periodSeconds", periodSeconds.map(JSONNode.int)),
                ("timeoutSeconds", timeoutSeconds.map(JSONNode.int)), ("failureThreshold", failureThreshold.map(JSONNode.int)),
            ]))
        }
    }
}
