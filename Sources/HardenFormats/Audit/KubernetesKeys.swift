import HardenModel
/// The fields of the Kubernetes objects harden reads (k8s.io/api core/v1, apps/v1, batch/v1), by
/// what harden does with them. A field in none of these lists is one harden has not judged: the
/// API server of some version may give it a meaning, so the launch is refused as not understood.
/// The API server decodes field names case-sensitively (sigs.k8s.io/json), so only these exact
/// spellings are fields; any other spelling is unknown here too.
package enum KubernetesKeys {
    /// Where each workload keeps its pod template, by kind and the API versions that define it.
    struct Workload {
        var apiVersions: Set<String>
        /// Keys of the object's `spec`, besides the path to the template.
        var spec: Set<String>
        /// Jobs count their restarts (backoffLimit); the others restart for ever.
        var boundedRestarts = false
    }

    static let objectKeys: Set<String> = ["apiVersion", "kind", "metadata", "spec", "status"]
    static let podTemplateObject: Set<String> = ["apiVersion", "kind", "metadata", "template"]
    static let metadata: Set<String> = [
        "name", "generateName", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "finalizers", "managedFields", "selfLink",
    ]
    static let template: Set<String> = ["metadata", "spec"]

    static let apps: Set<String> = ["apps/v1", "apps/v1beta1", "apps/v1beta2", "extensions/v1beta1"]
    static let workloads: [String: Workload] = [
        "Deployment": Workload(apiVersions: apps, spec: [
            "replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds", "rollbackTo",
        ]),
        "StatefulSet": Workload(apiVersions: apps, spec: [
            "replicas", "selector", "template", "volumeClaimTemplates", "serviceName", "podManagementPolicy", "updateStrategy",
            "revisionHistoryLimit", "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals",
        ]),
        "DaemonSet": Workload(apiVersions: apps, spec: ["selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit", "templateGeneration"]),
        "ReplicaSet": Workload(apiVersions: apps, spec: ["replicas", "minReadySeconds", "selector", "template"]),
        "ReplicationController": Workload(apiVersions: ["v1"], spec: ["replicas", "minReadySeconds", "selector", "template"]),
        "Job": Workload(apiVersions: ["batch/v1"], spec: [
            "parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy", "backoffLimit", "backoffLimitPerIndex",
            "maxFailedIndexes", "selector", "manualSelector", "template", "ttlSecondsAfterFinished", "completionMode", "suspend",
            "podReplacementPolicy", "managedBy",
        ], boundedRestarts: true),
        "CronJob": Workload(apiVersions: ["batch/v1", "batch/v1beta1", "batch/v2alpha1"], spec: [
            "schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy", "suspend", "jobTemplate", "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
        ], boundedRestarts: true),
        "Pod": Workload(apiVersions: ["v1"], spec: []),
        "PodTemplate": Workload(apiVersions: ["v1"], spec: []),
    ]
    static let jobTemplate: Set<String> = ["metadata", "spec"]

    /// Kinds that start no container, skipped when they share a file with workloads. Any other
    /// kind (a custom resource, a PersistentVolume that could name a host path) is not understood.
    static let inert: Set<String> = [
        "Service", "ConfigMap", "Secret", "ServiceAccount", "Namespace", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
        "NetworkPolicy", "Ingress", "IngressClass", "PersistentVolumeClaim", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "LimitRange", "ResourceQuota", "PriorityClass", "Endpoints", "EndpointSlice",
    ]

    /// Pod spec fields the reader judges.
    static let podJudged: Set<String> = [
        "containers", "initContainers", "ephemeralContainers", "volumes", "hostNetwork", "hostPID", "hostIPC", "hostUsers",
        "shareProcessNamespace", "securityContext", "restartPolicy", "runtimeClassName", "resourceClaims", "resources", "os",
    ]
    /// Pod spec fields that reach nothing of the node a rule is about: scheduling, naming, DNS,
    /// API credentials, grace periods. The service account token is the cluster's business, not the node's.
    static let podHarmless: Set<String> = [
        "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount",
        "automountServiceAccountToken", "nodeName", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
        "priorityClassName", "priority", "dnsConfig", "readinessGates", "enableServiceLinks", "preemptionPolicy", "overhead",
        "topologySpreadConstraints", "setHostnameAsFQDN", "schedulingGates", "imagePullSecrets", "hostnameOverride",
    ]
    static let podBooleans: Set<String> = ["automountServiceAccountToken", "enableServiceLinks", "setHostnameAsFQDN"]

    static let containerJudged: Set<String> = [
        "name", "image", "command", "args", "env", "ports", "resources", "volumeMounts", "volumeDevices", "securityContext", "restartPolicy",
    ]
    /// What the process is told and how the kubelet watches it; probes and hooks run inside the container.
    static let containerHarmless: Set<String> = [
        "workingDir", "envFrom", "resizePolicy", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
        "terminationMessagePolicy", "imagePullPolicy", "stdin", "stdinOnce", "tty", "targetContainerName", "restartPolicyRules",
    ]
    static let containerBooleans: Set<String> = ["stdin", "stdinOnce", "tty"]

    static let podSecurityContext: Set<String> = [
        "seLinuxOptions", "windowsOptions", "runAsUser", "runAsGroup", "runAsNonRoot", "supplementalGroups", "supplementalGroupsPolicy",
        "fsGroup", "fsGroupChangePolicy", "sysctls", "seccompProfile", "appArmorProfile", "seLinuxChangePolicy",
    ]
    static let containerSecurityContext: Set<String> = [
        "capabilities", "privileged", "seLinuxOptions", "windowsOptions", "runAsUser", "runAsGroup", "runAsNonRoot",
        "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount", "seccompProfile", "appArmorProfile",
    ]
    static let capabilities: Set<String> = ["add", "drop"]
    static let seLinuxOptions: Set<String> = ["user", "role", "type", "level"]
    static let windowsOptions: Set<String> = ["gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName", "hostProcess"]
    static let profile: Set<String> = ["type", "localhostProfile"]
    static let sysctl: Set<String> = ["name", "value"]
    static let env: Set<String> = ["name", "value", "valueFrom"]
    static let port: Set<String> = ["name", "hostPort", "containerPort", "protocol", "hostIP"]
    static let resources: Set<String> = ["limits", "requests", "claims"]
    static let podResources: Set<String> = ["limits", "requests"]
    static let volumeMount: Set<String> = ["name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation", "subPathExpr"]
    static let os: Set<String> = ["name"]

    /// Resources that are amounts of the node's own memory, CPU and disk; any other name (a
    /// device plugin's `vendor.com/gpu`) hands the container host devices.
    static func isPlainResource(_ name: String) -> Bool {
        ["cpu", "memory", "ephemeral-storage", "storage"].contains(name) || name.hasPrefix("hugepages-")
    }

    /// Volume sources whose content comes from the API server or the claim, never the node's own
    /// files, with the keys each takes.
    static let volume: Set<String> = ["name"]
    static let hostPath: Set<String> = ["path", "type"]
    static let emptyDir: Set<String> = ["medium", "sizeLimit"]
    static let claim: Set<String> = ["claimName", "readOnly"]
    static let ephemeral: Set<String> = ["volumeClaimTemplate"]
    static let apiContent: [String: Set<String>] = [
        "configMap": ["name", "items", "defaultMode", "optional"],
        "secret": ["secretName", "items", "defaultMode", "optional"],
        "downwardAPI": ["items", "defaultMode"],
        "projected": ["sources", "defaultMode"],
        "image": ["reference", "pullPolicy"],
    ]
    static let keyToPath: Set<String> = ["key", "path", "mode"]
    static let projection: Set<String> = ["secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle", "podCertificate"]
    /// Every other volume source the API defines: network and cloud storage, CSI drivers, FlexVolume
    /// (a host program the kubelet runs), gitRepo (git run on the node), each with why it is refused.
    static let refusedVolumes: [String: String] = [
        "csi": "is mounted by a CSI driver whose behaviour is the driver's, which harden cannot see",
        "flexVolume": "runs a driver program on the node as root",
        "gitRepo": "runs git on the node as root (deprecated; CVE-2024-10220)",
    ]
    static let storageVolumes: Set<String> = [
        "nfs", "iscsi", "glusterfs", "rbd", "cephfs", "cinder", "fc", "flocker", "awsElasticBlockStore", "gcePersistentDisk",
        "azureDisk", "azureFile", "vsphereVolume", "quobyte", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
    ]

    /// Annotations the container runtime reads (CRI-O's allowed annotations such as
    /// io.kubernetes.cri-o.Devices, containerd's untrusted-workload switch, crun's and runc's own,
    /// Kata's hypervisor overrides), by prefix; every other annotation is a label to the node.
    static let runtimeAnnotationPrefixes = [
        "io.kubernetes.cri-o.", "io.kubernetes.cri.", "io.containerd.", "io.katacontainers.", "run.oci.", "org.systemd.property.", "org.criu.config",
    ]
    static let seccompPodAnnotation = "seccomp.security.alpha.kubernetes.io/pod"
    static let seccompContainerAnnotation = "container.seccomp.security.alpha.kubernetes.io/"
    static let appArmorContainerAnnotation = "container.apparmor.security.beta.kubernetes.io/"
}
