import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Kubernetes has no reader back (harden audits docker lines, OCI configs and compose files, not
/// pods), so the verdict cannot be compared. What can be: every fact the validator refuses a launch
/// for is either in the Pod, where the cluster's admission sees it, or named in a note. A plan is
/// never quietly made to look safer than it is.
@Suite("Property: Kubernetes keeps every refused fact, or names it")
struct KubernetesFidelityPropertyTests {
    static let seed: UInt64 = 0x6B85_0005
    static let iterations = 300

    static func check(_ plan: LaunchPlan) -> String? {
        let result = KubernetesConversion.convert(plan, options: .init(name: "app"))
        let pod = result.workload.pod
        let container = pod.containers[0]
        let context = container.securityContext ?? Kubernetes.SecurityContext()
        let notes = result.notes.joined(separator: "\n")
        var missing: [String] = []
        func expect(_ condition: Bool, _ what: String) { if !condition { missing.append(what) } }

        expect(!plan.privileged || context.privileged == true, "privileged")
        expect(Set(context.capabilitiesAdd) == Set(plan.capabilities.map(\.name)) && context.capabilitiesDrop == ["ALL"], "the capability set")
        expect(context.allowPrivilegeEscalation == !plan.noNewPrivileges, "no-new-privileges")
        expect(plan.seccomp != .unconfined || pod.securityContext?.seccompProfile?.type == "Unconfined", "seccomp unconfined")
        expect(plan.network != .host || pod.hostNetwork == true || notes.contains("--network \(plan.network!)"), "the host network")
        expect((plan.namespaces.pid == "host") == (pod.hostPID == true), "the host pid namespace")
        expect((plan.namespaces.ipc == "host") == (pod.hostIPC == true), "the host ipc namespace")
        // A Pod's own namespaces are private already, and by design it shares the host's user
        // namespace unless told otherwise, as docker does; pid and ipc host are hostPID and hostIPC.
        for (name, mode) in plan.namespaces.all
        where ![.private, .shareable].contains(mode) && !(["pid", "ipc", "userns"].contains(name) && mode == "host") {
            expect(notes.contains("--\(name) \(mode)"), "--\(name) \(mode)")
        }
        let hostPaths = pod.volumes.compactMap { volume -> String? in if case .hostPath(let path) = volume.source { return path } else { return nil } }
        for mount in plan.mounts where mount.kind == .bind {
            expect(hostPaths.contains(mount.source ?? ""), "the bind of \(mount.source ?? "?")")
            if mount.propagation == "shared" || mount.propagation == "rshared" {
                expect(container.volumeMounts.contains { $0.mountPath == mount.target && $0.mountPropagation == "Bidirectional" }, "shared propagation on \(mount.target)")
            }
        }
        for device in plan.devices { expect(notes.contains(device.hostPath), "the device \(device.hostPath)") }
        for rule in plan.deviceCgroupRules { expect(notes.contains(rule.cgroupSpelling), "the device rule \(rule.cgroupSpelling)") }
        expect(!plan.useAPISocket || notes.contains("--use-api-socket"), "--use-api-socket")
        expect(pod.securityContext?.sysctls.map { "\($0.name)=\($0.value)" } ?? [] == plan.sysctls.map { "\($0.name)=\($0.value)" }, "the sysctls")
        for option in plan.securityOptions {
            let (key, value) = (option.key, option.value)
            let carried = (key == "apparmor" && pod.securityContext?.appArmorProfile != nil) || (key == "label" && pod.securityContext?.seLinuxOptions != nil)
                || (option == .systemPathsUnconfined && context.procMount == "Unmasked")
            expect(carried || notes.contains(option.description) || notes.contains("\(key) \(value)"), "--security-opt \(option)")
        }
        for option in plan.dockerOptions where !["name", "rm", "detach", "tty", "workdir", "hostname", "init"].contains(option.name) {
            expect(notes.contains("--\(option.name)"), "--\(option.name) \(option.value)")
        }
        guard !missing.isEmpty else { return nil }
        return "the Pod neither holds nor names: \(missing.joined(separator: "; "))\nplan: \(plan)\nnotes:\n\(notes)\n\(result.workload.yaml)"
    }

    @Test("plan → Pod: every refused fact is in the Pod or in a note")
    func pod() {
        PropertyRun.check("kubernetes fidelity", seed: Self.seed, iterations: Self.iterations) { g, _ in Self.check(PlanGenerator.plan(&g)) }
    }
}
