import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// What `harden k8s` writes, `harden check` accepts: every built-in profile, as a Pod and as a
/// Deployment, with the runtime's seccomp profile or harden's own, read back from YAML and JSON.
@Suite("harden check on harden k8s output")
struct KubernetesCheckRoundTripTests {
    static let profiles = BuiltinProfiles.sources.map(\.name)
    static let options: [[String]] = [[], ["-p", "8080:80"], ["-v", "appdata:/var/lib/app", "-e", "MODE=prod"]]

    @Test("the built-ins are the ones harden profiles lists")
    func builtins() {
        let listed = CapturedConsole.run(["profiles"]).out.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed == Self.profiles)
        #expect(Set(Self.profiles).isSuperset(of: ["web", "worker", "db"]))
    }

    @Test("every built-in's Pod and Deployment is accepted, and read back as what was written",
          arguments: profiles, Kubernetes.Workload.Kind.allCases)
    func accepted(profile: String, kind: Kubernetes.Workload.Kind) throws {
        let directory = TemporaryDirectory()
        for seccomp in KubernetesConversion.SeccompChoice.allCases {
            for (extra, format) in Self.options.flatMap({ extra in ["yaml", "json"].map { (extra, $0) } }) {
                let arguments = ["k8s", profile, "--name", "app", "--kind", kind.rawValue, "--seccomp", seccomp.rawValue,
                                 "--seccomp-dir", directory.path + "/seccomp", "--format", format] + extra + ["registry.example/app:1.0"]
                let emitted = CapturedConsole.run(arguments)
                try #require(emitted.status == 0, "\(arguments): \(emitted.err)")
                let file = directory.write("\(profile)-\(kind.rawValue)-\(seccomp.rawValue).\(format)", emitted.out)
                let checked = CapturedConsole.run(["check", "--format", "json", file])
                #expect(checked.status == 0, "\(arguments) → check: \(checked.out) \(checked.err)")
                #expect(checked.err.isEmpty)
                let workload = kind == .pod ? "Pod" : "Deployment"
                #expect(checked.out.contains("\"name\": \"\(file) \(workload)/app container app\""), "\(checked.out)")
                // What the Pod holds is what the plan said, fact by fact.
                let launch = try #require(try AuditInput.read(file: file, text: emitted.out).first)
                let plan = try Self.plan(profile: profile, docker: extra)
                #expect(launch.plan.capabilities == plan.capabilities)
                #expect(launch.plan.user == plan.user)
                #expect(launch.plan.noNewPrivileges == plan.noNewPrivileges)
                #expect(launch.plan.readOnlyRootFilesystem == plan.readOnlyRootFilesystem)
                #expect(launch.plan.memory == plan.memory)
                #expect(launch.plan.cpus == plan.cpus)
                #expect(launch.plan.tmpfs.map(\.target) == plan.tmpfs.map(\.target))
                #expect(launch.plan.mounts.map(\.target) == plan.mounts.map(\.target))
                #expect(launch.plan.environment == plan.environment)
                #expect(seccomp == .runtimeDefault ? launch.plan.seccomp == .engineDefault : launch.plan.seccomp != .unconfined)
            }
        }
    }

    static func plan(profile: String, docker: [String]) throws -> LaunchPlan {
        let captured = CapturedConsole()
        let session = Session(options: HardenOptions(), console: captured.console())
        return try session.plan(profile: profile, docker: docker + ["registry.example/app:1.0"], refusal: "test").1
    }
}
