import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Plans as Kubernetes workloads")
struct KubernetesConversionTests {
    static func convert(_ plan: LaunchPlan, kind: Kubernetes.Workload.Kind = .pod, seccomp: KubernetesConversion.SeccompChoice = .runtimeDefault,
                        generated: GeneratedSeccomp? = nil) -> KubernetesConversion.Result {
        var options = KubernetesConversion.Options(name: "app")
        options.kind = kind
        options.seccomp = seccomp
        options.generatedSeccomp = generated
        return KubernetesConversion.convert(plan, options: options)
    }

    static func plan(_ profile: String, _ docker: [String] = ["img:1"]) throws -> LaunchPlan {
        try ComposeConversionTests.plan(profile, docker)
    }

    /// The controls of the Pod Security Standards' restricted level, checked on the printed object.
    @Test("each built-in comes out at the restricted level", arguments: ["web", "worker", "db"])
    func restricted(profile: String) throws {
        let plan = try Self.plan(profile)
        let pod = Self.convert(plan).workload.pod
        let container = try #require(pod.containers.first)
        let context = try #require(container.securityContext)
        let podContext = try #require(pod.securityContext)
        #expect(podContext.runAsNonRoot == true)
        #expect(podContext.runAsUser == NumericUser(plan.user!)?.uid && podContext.runAsUser != 0)
        #expect(podContext.runAsGroup == NumericUser(plan.user!)?.gid)
        #expect(podContext.seccompProfile == Kubernetes.SeccompProfile(type: "RuntimeDefault"))
        #expect(context.allowPrivilegeEscalation == false)
        #expect(context.privileged == nil)
        #expect(context.capabilitiesDrop == ["ALL"])
        #expect(Set(context.capabilitiesAdd).isSubset(of: ["NET_BIND_SERVICE"]))
        #expect(context.readOnlyRootFilesystem == true)
        #expect(pod.automountServiceAccountToken == false)
        #expect(pod.hostNetwork == false && pod.hostPID == false && pod.hostIPC == false)
        #expect(!pod.volumes.contains { if case .hostPath = $0.source { true } else { false } })
        for mount in plan.tmpfs {
            let volumeMount = try #require(container.volumeMounts.first { $0.mountPath == mount.target })
            let volume = try #require(pod.volumes.first { $0.name == volumeMount.name })
            guard case .emptyDir(let medium, let sizeLimit) = volume.source else { Issue.record("\(mount.target) is not an emptyDir"); continue }
            #expect(medium == "Memory")
            #expect(sizeLimit != nil)
        }
        let resources = try #require(container.resources)
        #expect(resources.limits.map(\.name) == ["cpu", "memory"])
        #expect(resources.requests == resources.limits)
    }

    @Test("a Deployment selects the labels its template carries and holds the same pod")
    func deployment() throws {
        let plan = try Self.plan("worker")
        let deployment = Self.convert(plan, kind: .deployment).workload
        let spec = try #require(deployment.json["spec"])
        #expect(spec["selector"]?["matchLabels"]?.sameContent(as: spec["template"]?["metadata"]?["labels"] ?? .null) == true)
        #expect(spec["template"]?["spec"]?.sameContent(as: Self.convert(plan).workload.pod.json.removing("restartPolicy")) == true)
        #expect(deployment.json["apiVersion"]?.stringValue == "apps/v1")
    }

    @Test("users: numeric ids become runAsUser/runAsGroup; names, root and none are named in a note", arguments: [
        (["--user", "1000", "img"], 1000, nil, true, nil),
        (["--user", "1000:2000", "img"], 1000, 2000, true, nil),
        (["--user", "0:0", "img"], 0, 0, nil, "user 0:0 is root"),
        (["--user", "nginx", "img"], nil, nil, true, "user nginx is a name"),
        (["--user", "", "img"], nil, nil, true, "no user is set"),
    ] as [([String], Int?, Int?, Bool?, String?)])
    func users(docker: [String], uid: Int?, gid: Int?, nonRoot: Bool?, note: String?) throws {
        let result = Self.convert(try Self.plan("worker", docker))
        let context = try #require(result.workload.pod.securityContext)
        #expect(context.runAsUser == uid && context.runAsGroup == gid && context.runAsNonRoot == nonRoot)
        if let note { #expect(result.notes.contains { $0.hasPrefix(note) }, "\(result.notes)") }
    }

    @Test("volumes: a name is a PersistentVolumeClaim, anonymous is an emptyDir, a bind is a hostPath with a note")
    func volumes() throws {
        let result = Self.convert(try Self.plan("db", ["-v", "pg_data:/var/lib/postgresql/data", "-v", "/cache", "-v", "/srv/site:/site:ro,rslave", "img"]))
        let pod = result.workload.pod
        let sources = Dictionary(uniqueKeysWithValues: pod.volumes.map { ($0.name, $0.source) })
        #expect(sources["volume-pg-data"] == .persistentVolumeClaim(claimName: "pg-data", readOnly: false))
        #expect(sources["scratch-cache"] == .emptyDir(medium: nil, sizeLimit: nil))
        #expect(sources["host-site"] == .hostPath(path: "/srv/site"))
        #expect(sources["dshm"] == .emptyDir(medium: "Memory", sizeLimit: "128Mi"), "--shm-size is an emptyDir at /dev/shm")
        let mounts = pod.containers[0].volumeMounts
        #expect(mounts.contains(Kubernetes.VolumeMount(name: "host-site", mountPath: "/site", readOnly: true, mountPropagation: "HostToContainer")))
        #expect(mounts.contains(Kubernetes.VolumeMount(name: "dshm", mountPath: "/dev/shm")))
        #expect(pod.securityContext?.fsGroup == 999, "a claim is made writable for the user's group")
        for opening in ["volume pg_data becomes PersistentVolumeClaim pg-data", "anonymous volume /cache", "bind /srv/site:/site becomes a hostPath"] {
            #expect(result.notes.contains { $0.hasPrefix(opening) }, "no note opening \(opening)")
        }
    }

    @Test("what a Pod cannot say becomes a note naming the setting", arguments: [
        (["img"], "pids limit 128 has no Pod field"),
        (["img"], "ulimits nofile=1024:1024 have no Pod field"),
        (["img"], "tmpfs options noexec, nosuid, nodev, mode=1777, uid=65532, gid=65532 have no emptyDir field"),
        (["img"], "restart on-failure:5: a Pod has no retry count"),
        (["-p", "8080:80", "img"], "published ports 127.0.0.1:8080:80 become containerPorts"),
        (["--memory-swap", "-1", "img"], "memory-swap -1 (unlimited) has no Pod field"),
        (["--network", "none", "img"], "--network none has no Pod field"),
        (["--security-opt", "no-new-privileges=false", "img"], "no-new-privileges is off"),
        (["--cap-add", "CHOWN", "img"], "capabilities CHOWN are added"),
        (["-e", "TOKEN", "img"], "environment TOKEN would take the caller's values"),
        (["--health-cmd", "true", "img"], "the health check becomes a readinessProbe"),
        (["--init", "img"], "--init has no container field"),
        (["--rm", "img"], "--rm: Kubernetes decides that itself"),
        (["--label", "team=a", "img"], "--label team=a is not in the Pod"),
        (["--security-opt", "apparmor=my-profile", "img"], "apparmor profile my-profile must be loaded"),
        (["--security-opt", "seccomp=/etc/p.json", "img"], "seccomp: copy /etc/p.json to /var/lib/kubelet/seccomp/harden/p.json"),
    ])
    func notes(docker: [String], opening: String) throws {
        let result = Self.convert(try Self.plan("worker", docker))
        #expect(result.notes.contains { $0.hasPrefix(opening) }, "no note opening \(opening) in \(result.notes)")
    }

    @Test("a Deployment names a restart policy it cannot keep")
    func deploymentRestart() throws {
        let result = Self.convert(try Self.plan("worker"), kind: .deployment)
        #expect(result.workload.pod.restartPolicy == nil)
        #expect(result.notes.contains { $0.hasPrefix("restart on-failure:5: a Deployment always restarts its containers") })
    }

    @Test("seccomp: RuntimeDefault without a generated profile, Localhost with one")
    func seccompSeam() throws {
        var plan = try Self.plan("web")
        plan.seccompPolicy = nil  // a policy left for RuntimeDefault gets a note of its own (below)
        #expect(Self.convert(plan).workload.pod.securityContext?.seccompProfile == Kubernetes.SeccompProfile(type: "RuntimeDefault"))
        #expect(Self.convert(plan).notes.allSatisfy { !$0.hasPrefix("seccomp:") })
        #expect(Self.convert(plan, seccomp: .localhost).workload.pod.securityContext?.seccompProfile == Kubernetes.SeccompProfile(type: "RuntimeDefault"))
        let local = Self.convert(plan, seccomp: .localhost, generated: GeneratedSeccomp(path: "./seccomp/web.json", json: "{}"))
        #expect(local.workload.pod.securityContext?.seccompProfile == Kubernetes.SeccompProfile(type: "Localhost", localhostProfile: "harden/web.json"))
        #expect(local.notes.contains("seccomp: copy ./seccomp/web.json to /var/lib/kubelet/seccomp/harden/web.json on every node that may run the Pod; the kubelet refuses to start it without the file"))
    }

    @Test("a profile's syscall groups left for RuntimeDefault are named in a note")
    func seccompPolicyUnused() throws {
        var plan = try Self.plan("web")
        plan.seccompPolicy = Profile.SeccompPolicy()
        #expect(Self.convert(plan).notes.contains { $0.hasPrefix("seccomp: the Pod uses the container runtime's default profile (RuntimeDefault)") })
    }

    @Test("`$(` and `$$` are doubled where Kubernetes would expand them; other `$` stay", arguments: [
        ("echo $(id)", "echo $$(id)"), ("$$", "$$$"), ("$$(x)", "$$$$(x)"), ("$HOME", "$HOME"), ("price $5", "price $5"), ("a$", "a$"),
    ])
    func dollars(text: String, written: String) throws {
        let container = Self.convert(try Self.plan("worker", ["-e", "V=\(text)", "img", text])).workload.pod.containers[0]
        #expect(container.args == [written])
        #expect(container.env == [Kubernetes.KeyValue("V", written)])
    }

    @Test("a health check is a readiness probe with docker's timings, its defaults where unsaid")
    func probe() throws {
        let probe = Self.convert(try Self.plan("worker", ["--health-cmd", "wget -q -O- localhost", "--health-interval", "1m30s", "--health-retries", "5", "img"]))
            .workload.pod.containers[0].readinessProbe
        var expected = Kubernetes.Probe(command: ["/bin/sh", "-c", "wget -q -O- localhost"])
        expected.periodSeconds = 90
        expected.timeoutSeconds = 30
        expected.failureThreshold = 5
        #expect(probe == expected)
    }

    @Test("--add-host entries become hostAliases, one per address")
    func hostAliases() throws {
        let pod = Self.convert(try Self.plan("worker", ["--add-host", "db:10.0.0.2", "--add-host", "cache=10.0.0.2", "--add-host", "v6:[::1]",
                                                          "--add-host", "gw:host-gateway", "img"])).workload.pod
        #expect(pod.hostAliases == [.init(ip: "10.0.0.2", hostnames: ["db", "cache"]), .init(ip: "::1", hostnames: ["v6"])])
    }

    @Test("namespaces a Pod already keeps to itself need no note; others do")
    func namespaces() throws {
        let quiet = Self.convert(try Self.plan("worker", ["--ipc", "shareable", "--cgroupns", "private", "--uts", "private", "img"]))
        #expect(quiet.notes.allSatisfy { !$0.hasPrefix("--") }, "\(quiet.notes)")
        let loud = Self.convert(try Self.plan("worker", ["--uts", "host", "--ipc", "container:other", "img"]))
        #expect(loud.notes.filter { $0.hasPrefix("--") }.count == 2)
    }

    @Test("ports become containerPorts; a short range is spelt out")
    func ports() throws {
        let ports = Self.convert(try Self.plan("web", ["-p", "8080:80", "-p", "127.0.0.1:53:53/udp", "-p", "9000-9002:9000-9002", "img"]))
            .workload.pod.containers[0].ports
        #expect(ports == [.init(containerPort: 80), .init(containerPort: 53, protocol: "UDP"), .init(containerPort: 9000), .init(containerPort: 9001), .init(containerPort: 9002)])
    }

    @Test("--secret becomes one Secret volume at /run/secrets, the Secret named and never written, and the kubectl command that makes it")
    func secrets() throws {
        var plan = try Self.plan("worker")
        plan.secrets = [.init(name: "db", source: "/srv/keys/db file"), .init(name: "tls.key", source: "/srv/keys/tls.key")]
        var options = KubernetesConversion.Options(name: "jobs")
        options.namespace = "apps"
        let result = KubernetesConversion.convert(plan, options: options)
        let pod = result.workload.pod
        let volume = try #require(pod.volumes.first { if case .secret = $0.source { true } else { false } })
        #expect(volume.source == .secret(secretName: "jobs-secrets", defaultMode: 0o440, items: [.init(key: "db", path: "db"), .init(key: "tls.key", path: "tls.key")]))
        #expect(pod.containers[0].volumeMounts.contains(Kubernetes.VolumeMount(name: volume.name, mountPath: "/run/secrets", readOnly: true)))
        #expect(pod.securityContext?.fsGroup == 65532, "the files' group, so 0440 lets the container's group read them")
        #expect(result.workload.yaml.contains("        defaultMode: 288\n"))
        #expect(!result.workload.yaml.contains("kind: Secret") && !result.workload.yaml.contains(" data:") && !result.workload.yaml.contains("stringData"))
        #expect(result.notes.contains("secrets: the Pod mounts Secret jobs-secrets, which must exist before it starts; create it from the files (no value is in the YAML): kubectl create secret generic jobs-secrets --namespace apps '--from-file=db=/srv/keys/db file' --from-file=tls.key=/srv/keys/tls.key"))
    }

    @Test("without a numeric user the secret files are 0444, and the note says how to do better")
    func secretsWithoutUser() throws {
        var plan = try Self.plan("worker", ["--user", "", "img:1"])
        plan.secrets = [.init(name: "db", source: "/k")]
        let result = Self.convert(plan)
        #expect(result.workload.pod.volumes.contains { $0.source == .secret(secretName: "app-secrets", defaultMode: 0o444, items: [.init(key: "db", path: "db")]) })
        #expect(result.notes.contains { $0.hasPrefix("secrets: with no numeric user the Pod has no group to give the secret files to, so they are mode 0444") })
    }
}

extension JSONNode {
    /// The object without one member, for comparing two objects that differ only there.
    func removing(_ key: String) -> JSONNode {
        .obj((objectMembers ?? []).filter { $0.key != key }.map { ($0.key, $0.value) })
    }
}
