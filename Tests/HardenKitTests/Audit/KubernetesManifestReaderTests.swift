import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Kubernetes manifest reader")
struct KubernetesManifestReaderTests {
    static let file = "deploy.yaml"

    static func launches(_ text: String) throws -> [AuditedLaunch] {
        try AuditInput.read(file: file, text: text)
    }

    static func errors(_ launch: AuditedLaunch) -> [Finding] {
        Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter(\.rejects)
    }

    /// The one rejecting finding of `rule` in the only launch, with where it points.
    static func finding(_ rule: String, in text: String) throws -> Finding {
        let all = try launches(text)
        try #require(all.count == 1)
        return try #require(errors(all[0]).first { $0.ruleID == rule }, "\(errors(all[0]).map { "\($0.ruleID): \($0.message)" })")
    }

    @Test("the Deployment with the docker socket is refused by runtime-socket, at its volumeMount")
    func dockerSocket() throws {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ci
        spec:
          selector: {matchLabels: {app: ci}}
          template:
            metadata: {labels: {app: ci}}
            spec:
              securityContext: {seccompProfile: {type: RuntimeDefault}}
              containers:
                - name: runner
                  image: runner:1.0
                  volumeMounts:
                    - name: sock
                      mountPath: /var/run/docker.sock
              volumes:
                - name: sock
                  hostPath: {path: /var/run/docker.sock, type: Socket}
        """
        let finding = try Self.finding("runtime-socket", in: text)
        #expect(finding.message == "the mount /var/run/docker.sock:/var/run/docker.sock exposes a container runtime socket (/var/run/docker.sock is the docker.sock runtime socket)")
        #expect(finding.position.description == "deploy.yaml:15:15 (Deployment/ci container runner)")
    }

    @Test("the privileged Pod is refused by privileged, at the key's value")
    func privilegedPod() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: c
              image: x:1
              securityContext:
                privileged: true
        """
        let finding = try Self.finding("privileged", in: text)
        #expect(finding.message.hasPrefix("--privileged gives the container every capability"))
        #expect(finding.position.description == "deploy.yaml:10:21 (Pod/p container c)")
    }

    @Test("the DaemonSet with hostPID is refused by host-namespace")
    func hostPIDDaemonSet() throws {
        let text = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              hostPID: true
              securityContext: {seccompProfile: {type: RuntimeDefault}}
              containers: [{name: a, image: "agent:2"}]
        """
        let finding = try Self.finding("host-namespace", in: text)
        #expect(finding.message.hasPrefix("the pid namespace is the host's (pid host)"))
        #expect(finding.position.description == "deploy.yaml:9:16 (DaemonSet/agent container a)")
    }

    @Test("the CronJob adding SYS_ADMIN is refused by dangerous-capability")
    func sysAdminCronJob() throws {
        let text = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  securityContext: {seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: job
                      image: job:1
                      securityContext: {capabilities: {add: [SYS_ADMIN]}}
        """
        let finding = try Self.finding("dangerous-capability", in: text)
        #expect(finding.message == "SYS_ADMIN is added: it allows mounts, namespaces and most of root's other powers")
        #expect(finding.position.description == "deploy.yaml:15:54 (CronJob/nightly container job)")
    }

    @Test("every container, init container and ephemeral container is a launch, named after its object")
    func launchNames() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seccompProfile: {type: RuntimeDefault}}
          initContainers: [{name: setup, image: "x:1"}]
          containers: [{name: app, image: "x:1"}, {name: proxy, image: "y:1"}]
          ephemeralContainers: [{name: debug, image: "busybox:1.36"}]
        """
        let names = try Self.launches(text).map(\.name)
        #expect(names == ["deploy.yaml Pod/p container app", "deploy.yaml Pod/p container proxy",
                          "deploy.yaml Pod/p init container setup", "deploy.yaml Pod/p ephemeral container debug"])
    }

    @Test("the pod's security context is under the container's, field by field, as the kubelet merges them")
    func merge() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            runAsUser: 1000
            runAsGroup: 1000
            seccompProfile: {type: Unconfined}
          containers:
            - name: c
              image: x:1
              securityContext:
                runAsUser: 2000
                seccompProfile: {type: RuntimeDefault}
            - name: d
              image: x:1
        """
        let all = try Self.launches(text)
        #expect(all[0].plan.user == "2000:1000")
        #expect(all[0].plan.seccomp == .engineDefault)
        #expect(all[1].plan.user == "1000:1000")
        #expect(all[1].plan.seccomp == .unconfined)
        #expect(Self.errors(all[0]).isEmpty)
        #expect(Self.errors(all[1]).map(\.ruleID) == ["confinement-disabled"])
    }

    @Test("allowPrivilegeEscalation: unset is allowed; false is no_new_privs, except with privileged or SYS_ADMIN")
    func privilegeEscalation() throws {
        func nnp(_ context: String) throws -> Bool {
            let text = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x:1", "securityContext": \(context)}]}}
            """
            return try #require(try Self.launches(text).first).plan.noNewPrivileges
        }
        #expect(try nnp("{}") == false)
        #expect(try nnp(#"{"allowPrivilegeEscalation": true}"#) == false)
        #expect(try nnp(#"{"allowPrivilegeEscalation": false}"#) == true)
        #expect(try nnp(#"{"allowPrivilegeEscalation": false, "capabilities": {"add": ["SYS_ADMIN"]}}"#) == false)
        #expect(try nnp(#"{"allowPrivilegeEscalation": false, "privileged": true}"#) == false)
    }

    @Test("capabilities start from the runtime's default set, and add ALL, drop ALL, add, drop apply in that order")
    func capabilities() throws {
        func caps(_ add: String, _ drop: String) throws -> [String] {
            let text = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x:1", "securityContext": {"capabilities": {"add": \(add), "drop": \(drop)}}}]}}
            """
            return try #require(try Self.launches(text).first).plan.capabilities.map(\.name).sorted()
        }
        #expect(try caps("[]", "[]") == Capability.dockerDefault.map(\.name).sorted())
        #expect(try caps(#"["NET_BIND_SERVICE"]"#, #"["ALL"]"#) == ["NET_BIND_SERVICE"])
        #expect(try caps(#"["ALL"]"#, #"["all"]"#) == [])
        #expect(try caps(#"["ALL"]"#, #"["SYS_ADMIN"]"#).count == Capability.all.count - 1)
        #expect(try caps(#"["net_admin"]"#, #"["ALL", "NET_ADMIN"]"#) == [])
    }

    @Test("limits read as the runtime gets them: the container's own, else the pod's", arguments: [
        ("512Mi", "500m", Int64(536_870_912), 0.5), ("1G", "2", Int64(1_000_000_000), 2.0), ("1e9", "0.25", Int64(1_000_000_000), 0.25),
        ("0.5Gi", "1500m", Int64(536_870_912), 1.5), ("128974848", "100m", Int64(128_974_848), 0.1), ("129M", "1", Int64(129_000_000), 1.0),
    ])
    func limits(memory: String, cpu: String, bytes: Int64, cores: Double) throws {
        let text = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"resources": {"limits": {"memory": "1Ti", "cpu": "64"}}, "containers": [
          {"name": "c", "image": "x:1", "resources": {"limits": {"memory": "\(memory)", "cpu": "\(cpu)"}}}, {"name": "d", "image": "x:1"}]}}
        """
        let all = try Self.launches(text)
        #expect(all[0].plan.memory == bytes)
        #expect(abs((all[0].plan.cpus ?? 0) - cores) < 1e-9)
        #expect(all[1].plan.memory == 1 << 40)
        #expect(all[1].plan.cpus == 64)
    }

    @Test("quantities as resource.Quantity reads them", arguments: [
        ("1Ki", 1024.0), ("1k", 1000.0), ("1E", 1e18), ("1e3", 1000.0), ("2.5E-1", 0.25), ("+1", 1.0), (".5", 0.5), ("100u", 1e-4),
    ])
    func quantity(text: String, value: Double) {
        #expect(abs((KubernetesQuantityText.parse(text) ?? -1) - value) <= value * 1e-12)
    }

    @Test("what resource.Quantity refuses is refused", arguments: ["", "Mi", "1 Mi", "1mi", "1KB", "0x10", "1e", "--1", "1.2.3"])
    func badQuantity(text: String) {
        #expect(KubernetesQuantityText.parse(text) == nil)
    }

    @Test("only a hostPort is published on the node")
    func hostPorts() throws {
        let text = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x:1",
          "ports": [{"containerPort": 8080}, {"containerPort": 53, "hostPort": 53, "protocol": "UDP"}, {"containerPort": 9000, "hostPort": 9000, "hostIP": "127.0.0.1"}]}]}}
        """
        let plan = try #require(try Self.launches(text).first).plan
        #expect(plan.ports == [LaunchPlan.PortMapping(hostIP: "", hostPort: "53", containerPort: "53", proto: "udp"),
                               LaunchPlan.PortMapping(hostIP: "127.0.0.1", hostPort: "9000", containerPort: "9000", proto: nil)])
    }

    @Test("what the pod says is not understood is refused on each of its containers, at the key")
    func podLevelUnread() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seccompProfile: {type: RuntimeDefault}}
          hostNetwrok: true
          containers: [{name: a, image: "x:1"}, {name: b, image: "x:1"}]
        """
        for launch in try Self.launches(text) {
            let finding = try #require(Self.errors(launch).first { $0.ruleID == "not-understood" })
            #expect(finding.message.hasPrefix("spec.hostNetwrok: not a pod spec field harden knows"))
            #expect(finding.position.line == 6 && finding.position.column == 3)
        }
    }

    @Test("bad input is one line naming file, line, column and the fix", arguments: [
        ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c}]\n",
         "deploy.yaml:5:16: spec.containers.0: the container c has no image (the API server refuses it); name the image it runs"),
        ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, ports: [{containerPort: 70000}]}]\n",
         "deploy.yaml:5:60: spec.containers.0.ports.0.containerPort: 70000 is out of range; expected 1 to 65535"),
        ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, securityContext: {procMount: unmasked}}]\n",
         "deploy.yaml:5:65: spec.containers.0.securityContext.procMount: \"unmasked\" is not a value the API server accepts; use \"Default\", \"Unmasked\""),
        ("kind: Pod\napiVersion: v1\nspec: {containers: [{name: c, image: x, resources: {limits: {memory: lots}}}]}\n",
         "deploy.yaml:3:70: spec.containers.0.resources.limits.memory: \"lots\" is not a Kubernetes quantity; write e.g. 512Mi for memory or 500m for CPU"),
    ])
    func badInput(text: String, message: String) {
        #expect(throws: HardenError.input(message)) { try Self.launches(text) }
    }
}
