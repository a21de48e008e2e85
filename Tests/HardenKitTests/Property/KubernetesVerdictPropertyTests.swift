import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random plans → `harden k8s`'s conversion (JSON, and YAML read as the same plan) → the Kubernetes
/// manifest reader → the validator.
/// The Pod keeps the plan's verdict: every error rule that refuses the Pod refuses the plan, and
/// every error rule that refuses the plan refuses the Pod too, unless what it is about has no Pod
/// field and a note of the conversion names it (devices, `--use-api-socket`, docker-only namespaces).
@Suite("Property: a Pod read back keeps the plan's verdict")
struct KubernetesVerdictPropertyTests {
    static let seed: UInt64 = 0x6B85_0018
    static let iterations = 300
    static let validator = Validator(host: Audit.host)

    static func errors(_ plan: LaunchPlan) -> Set<String> {
        Set(validator.findings(for: plan).filter(\.rejects).map(\.ruleID))
    }

    /// The error rules whose subject the conversion drops with a note, each with the words the
    /// note must hold for it.
    /// Secrets become a Secret the user creates from the files (the note prints the kubectl
    /// command naming each file), so a secret file's path is no host path of the Pod.
    static func namedInNotes(_ plan: LaunchPlan, read: LaunchPlan, notes: String) -> [String: Bool] {
        let devices = plan.devices.allSatisfy { notes.contains($0.hostPath) } && plan.deviceCgroupRules.allSatisfy { notes.contains($0.cgroupSpelling) }
        let namespaces = plan.namespaces.all.filter { !["pid", "ipc"].contains($0.name) && $0.mode.joinedContainer == nil }
            .allSatisfy { $0.mode != .host || notes.contains("--\($0.name) \($0.mode)") || $0.name == "userns" }
        let secrets = plan.secrets.allSatisfy { notes.contains($0.source) }
        // The options that turn confinement off must be in the Pod, or named where the Pod cannot hold them.
        var bare = LaunchPlan()
        bare.securityOptions = plan.securityOptions
        let off = validator.findings(for: bare).filter { $0.ruleID == "confinement-disabled" }.map(\.message)
        let options = plan.securityOptions.filter { option in off.contains { $0.hasPrefix(option.description + " ") } }
            .allSatisfy { read.securityOptions.contains($0) || notes.contains($0.description) }
            && (plan.seccomp != .unconfined || read.seccomp == .unconfined)
        // The host's network is hostNetwork: true in the Pod, however the line spelt it (typed once by the reader).
        let network = true
        // Every capability with every device, or with SELinux off, is privileged; the devices or the
        // option are named, the capabilities stay (and dangerous-capability still refuses the Pod).
        let sum = !plan.privileged && (PrivilegeChecks.allDevicesRule(plan) != nil && devices || options)
        return [
            "host-device": devices,
            "runtime-socket": (!plan.useAPISocket || notes.contains("--use-api-socket")) && secrets,
            "host-namespace": namespaces && network,
            "host-sysctl": network,
            "privileged": sum,
            "sensitive-host-path": secrets,
            "confinement-disabled": options,
        ]
    }

    static func check(_ plan: LaunchPlan) -> String? {
        let result = KubernetesConversion.convert(plan, options: .init(name: "app"))
        let text = JSONWriter.pretty(result.workload.json)
        let launches: [AuditedLaunch]
        do { launches = try AuditInput.read(file: "pod.json", text: text) } catch {
            // An image docker refuses is refused by every door in the same words.
            return EmitterVerdictPropertyTests.refusesOnlyTheImage(plan, error) ? nil : "the Pod is refused as bad input: \(error.message)\n\(text)"
        }
        guard launches.count == 1, let launch = launches.first else { return "expected one launch, read \(launches.count)" }
        // The YAML form, which is what users apply, reads as the same plan.
        do {
            let yaml = try AuditInput.read(file: "pod.yaml", text: result.workload.yaml)
            guard yaml.map(\.plan) == [launch.plan] else { return "the YAML reads as another plan than the JSON:\n\(result.workload.yaml)" }
        } catch {
            return "the YAML is refused where the JSON is read: \(error.message)\n\(result.workload.yaml)"
        }
        let notes = result.notes.joined(separator: "\n")
        let (want, got) = (errors(plan), errors(launch.plan))
        let justified = namedInNotes(plan, read: launch.plan, notes: notes)
        var problems: [String] = []
        // A relative bind source is relative to docker's working directory; the note says the
        // hostPath needs an absolute path, and the reader refuses it: stricter, never looser.
        let relativeBind = plan.mounts.contains { $0.kind == .bind && $0.source?.hasPrefix("/") == false } && notes.contains("needs an absolute path")
        // Where the plan is privileged, the validator names the sum rather than its parts (Validator.absorbed).
        let partOfPrivileged: Set<String> = want.contains("privileged") ? ["dangerous-capability", "confinement-disabled", "host-device"] : []
        for rule in got.subtracting(want).subtracting(partOfPrivileged) where !(rule == "not-understood" && relativeBind) {
            problems.append("the Pod is refused by \(rule), the plan is not")
        }
        for rule in want.subtracting(got) where justified[rule] != true {
            problems.append("the plan is refused by \(rule), the Pod is not, and no note names why")
        }
        guard !problems.isEmpty else { return nil }
        let findings = validator.findings(for: launch.plan, sources: launch.sources).filter(\.rejects).map { "\($0.ruleID): \($0.message)" }
        return "\(problems.joined(separator: "; "))\nplan: \(plan)\nPod findings: \(findings)\nnotes:\n\(notes)\n\(text)"
    }

    @Test("plan → Pod JSON → reader: the same error rules, or a note naming what a Pod cannot hold")
    func verdict() {
        PropertyRun.check("kubernetes verdict", seed: Self.seed, iterations: Self.iterations) { g, _ in Self.check(PlanGenerator.plan(&g)) }
    }
}
