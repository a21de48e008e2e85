import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random plans → `docker run` argv → read back as `harden check` reads a docker run line → the
/// same plan. What the argv cannot carry must be named by `fidelityWarnings`, never dropped quietly.
@Suite("Property: docker argv round trip")
struct DockerRoundTripPropertyTests {
    static let seed: UInt64 = 0x11D0_C4E7
    static let iterations = 400

    /// What the audit door should read back from the argv of `plan`, and the warnings that must say
    /// what it cannot.
    static func expected(_ plan: LaunchPlan) -> (plan: LaunchPlan, warnings: [String]) {
        var expected = plan
        var warnings: [String] = []
        // docker has no secret: the argv binds the file read-only at /run/secrets/NAME, which is
        // what docker does with it and what the audit door reads.
        expected.mounts += plan.secrets.map { LaunchPlan.Mount(kind: .bind, source: $0.source, target: $0.target, readOnly: true) }
        expected.secrets = []
        // No docker flag for these: each is a fidelity warning instead.
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty { warnings.append("userNamespace mappings"); expected.uidMappings = []; expected.gidMappings = [] }
        if plan.namespaces.mount != nil { warnings.append("mount namespace"); expected.namespaces.mount = nil }
        // The seccomp policy travels as the generated filter's file (`.file`), which `harden run` puts in the plan itself.
        expected.seccompPolicy = nil
        // docker keeps CPUs in nanoCPUs, and the argv spells them to that precision.
        expected.cpus = plan.cpus.map { ($0 * 1e9).rounded() / 1e9 }
        return (expected, warnings)
    }

    /// Nil when the plan survives the trip; otherwise the argv and the difference.
    static func roundTrip(_ plan: LaunchPlan) -> String? {
        let argv = ["docker"] + DockerArguments.emit(plan)
        let shown = ShellQuote.join(argv)
        let (want, warnings) = expected(plan)
        let said = DockerArguments.fidelityWarnings(plan).joined(separator: "\n")
        for warning in warnings where !said.contains(warning) { return "argv: \(shown)\nno fidelity warning about \(warning)" }
        let launch: AuditedLaunch
        do { launch = try DockerLineReader.read(words: argv, name: "property") } catch {
            // An image docker would refuse (`-weird`) is refused at the door in its one line, as docker does.
            if EmitterVerdictPropertyTests.refusesOnlyTheImage(plan, error) { return nil }
            return "argv: \(shown)\nthe audit door refuses what the emitter wrote: \(error.message)"
        }
        guard launch.plan != want else { return nil }
        return "argv: \(shown)\n" + PlanDifference.fields(want, launch.plan)
    }

    @Test("plan → docker argv → audit door → the same plan")
    func argvRoundTrip() {
        PropertyRun.check("docker round trip", seed: Self.seed, iterations: Self.iterations) { g, _ in
            Self.roundTrip(PlanGenerator.plan(&g))
        }
    }
}
