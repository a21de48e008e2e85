import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random plans → every emitter that has a reader back (docker argv, OCI config.json, compose) →
/// that reader → the validator gives the same verdict (accept or refuse, and which error rules)
/// as on the plan itself. An emitter may refuse a plan (an error naming what it cannot write), or
/// leave out a setting with a note; it may never write something the validator would judge otherwise
/// without saying so. Kubernetes is not here: harden has no reader for pods, so there is no way back.
@Suite("Property: every emitter keeps the verdict")
struct EmitterVerdictPropertyTests {
    static let seed: UInt64 = 0x5EED_0002
    static let iterations = 300
    static let validator = Validator(host: Audit.host)

    static func errors(_ plan: LaunchPlan) -> Set<String> {
        Set(validator.findings(for: plan).filter(\.rejects).map(\.ruleID))
    }

    static func describe(_ errors: Set<String>) -> String { errors.isEmpty ? "accepted" : "refused by " + errors.sorted().joined(separator: ", ") }

    // MARK: - docker

    /// Characters that mean something to one of docker's value grammars (`-v`'s colons, --mount's
    /// CSV, `key=value`, quotes, line ends) or to a reader (`-` before an option, blanks).
    static let hostileCharacters = [":", ",", "=", "\"", "\n", "\r\n", "\r", " ", "\t", "'", "\\", "$", "#", ":ro", ",readonly", "\"\""]

    /// The plan with hostile characters put into its host and container paths, inside a path or at
    /// its end. (A leading `-` is PlanGenerator's `/srv/-dash` and `-weird` image.)
    static func withHostilePaths(_ plan: LaunchPlan, _ g: inout Gen) -> LaunchPlan {
        var plan = plan
        func spoil(_ path: String, _ g: inout Gen) -> String {
            guard g.chance(0.5), !path.isEmpty else { return path }
            let piece = g.pick(hostileCharacters)
            let at = path.index(path.startIndex, offsetBy: g.int(1...path.count))
            return String(path[..<at]) + piece + String(path[at...])
        }
        var targets = Set<String>()
        plan.mounts = plan.mounts.map { mount in
            var mount = mount
            // A `.`-led bind source written with --mount (docker CLI 28 makes it absolute, seen against a
            // recording engine) is refused by the docker door until its parser takes one; -v carries
            // it, so only absolute sources are spoilt.
            if mount.kind == .bind, mount.source?.hasPrefix("/") != true { return mount }
            if mount.kind == .bind { mount.source = mount.source.map { spoil($0, &g) } }
            mount.target = spoil(mount.target, &g)
            return mount
        }.filter { targets.insert(RuntimeSockets.normalize($0.target)).inserted }
        plan.secrets = plan.secrets.map { secret in
            var secret = secret
            secret.source = spoil(secret.source, &g)
            return secret
        }
        return plan
    }

    /// An image docker would refuse (`-weird`) is refused by every door in the same words, exit 2.
    static func refusesOnlyTheImage(_ plan: LaunchPlan, _ error: HardenError) -> Bool {
        guard error.kind == .input, let refusal = ImageReference.refusal(plan.image) else { return false }
        return error.message.hasSuffix(": " + HardenError.oneLine(refusal))
    }

    static func dockerVerdict(_ plan: LaunchPlan) -> String? {
        // Refusing to write what docker cannot be told is never weaker; it must still be one line.
        if let problem = DockerArguments.inexpressible(plan) {
            return problem.contains("\n") ? "the docker refusal is more than one line: \(problem)" : nil
        }
        let argv = ["docker"] + DockerArguments.emit(plan)
        let launch: AuditedLaunch
        do { launch = try DockerLineReader.read(words: argv, name: "property") } catch {
            return refusesOnlyTheImage(plan, error) ? nil : "docker argv \(ShellQuote.join(argv)) is refused by the audit door: \(error.message)"
        }
        // What docker cannot say is named by a fidelity warning, and judged without.
        var carried = plan
        let warnings = DockerArguments.fidelityWarnings(plan).joined(separator: "\n")
        if plan.namespaces.mount != nil {
            guard warnings.contains("mount namespace") else { return "the mount namespace is dropped without a warning: \(ShellQuote.join(argv))" }
            carried.namespaces.mount = nil
        }
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            guard warnings.contains("userNamespace mappings") else { return "the user namespace mappings are dropped without a warning" }
            (carried.uidMappings, carried.gidMappings) = ([], [])
        }
        let (want, got) = (errors(carried), errors(launch.plan))
        return want == got ? nil : "docker argv \(ShellQuote.join(argv)): the plan is \(describe(want)), the argv \(describe(got))"
    }

    // MARK: - OCI

    /// Whether a refusal of `harden oci` names something the plan holds that a bundle cannot say:
    /// the one-line error starts with the option (and value) it refuses, and the plan must have it.
    static func ociRefusalIsDeserved(_ message: String, _ plan: LaunchPlan) -> Bool {
        // Values hold colons (ports, paths, labels), so the subject is matched whole with its ": ".
        func names(_ subject: String) -> Bool { message.hasPrefix(subject + ": ") }
        func has(_ option: String, _ value: String) -> Bool { names("--\(option) \(value)") }
        if names("--privileged") { return plan.privileged }
        if names("--use-api-socket") { return plan.useAPISocket }
        if message.hasPrefix("no command to run;") { return plan.image.isEmpty && plan.command.isEmpty }
        if plan.dockerOptions.contains(where: { has($0.name, $0.value) }) { return true }
        if plan.ports.contains(where: { has("publish", DockerArguments.portSpelling($0)) }) { return true }
        if plan.devices.contains(where: { has("device", $0.hostPath) }) { return true }
        if plan.namespaces.all.contains(where: { has($0.name, $0.mode.description) && $0.mode.joinedContainer != nil }) { return true }
        if let network = plan.network, has("network", network.description) { return true }
        if names("--security-opt apparmor") {
            return Set(plan.securityOptions.compactMap(\.appArmorProfile)).count > 1
        }
        if plan.securityOptions.contains(where: { has("security-opt", $0.description) }) { return true }
        if let user = plan.user, has("user", user) { return NumericUser(user) == nil }
        return plan.mounts.contains { mount in
            guard names("-v \(DockerArguments.volumeSpelling(mount))") else { return false }
            let source = mount.source ?? ""
            let readable = source == "." || ["/", "./", "../"].contains { source.hasPrefix($0) }
            return mount.kind != .bind || !readable || !mount.flags.allSatisfy(OCIMounts.bindFlags.contains)
        }
    }

    /// nil when the OCI door keeps the plan's verdict, else the evidence; `accepted` says whether a
    /// config was written and both it and the plan were accepted.
    static func ociVerdict(_ plan: LaunchPlan, accepted: inout Bool) -> String? {
        accepted = false
        var bundle = OCIBundleOptions()
        bundle.currentDirectory = Audit.host.currentDirectory
        bundle.users = UserDatabase(passwd: "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n", group: "root:x:0:\nnogroup:x:65534:\n", source: nil)
        if case .file = plan.seccomp {
            bundle.seccompFile = .obj([("defaultAction", .str("SCMP_ACT_ERRNO")), ("syscalls", .arr([]))])
        }
        let output: OCIConfig.Output
        do { output = try OCIConfig.convert(plan, profile: "property", bundle: bundle, host: OCIFixtures.host) } catch {
            // A refusal writes nothing, which is never weaker; it must still be one line, and name
            // something in the plan that a bundle cannot hold.
            if error.message.contains("\n") { return "the OCI refusal is more than one line: \(error.message)" }
            guard error.kind == .input else { return "the OCI door refuses with \(error) rather than a one-line input error" }
            return ociRefusalIsDeserved(error.message, plan) ? nil : "the OCI door refuses for a reason the plan does not hold: \(error.message)\nplan: \(plan)"
        }
        let text = output.spec.text
        let launch: AuditedLaunch
        do { launch = try OCIConfigReader.read(try JSONParser.parse(text), file: "config.json") } catch {
            return "config.json is refused by the audit door: \(error)\n\(text)"
        }
        var want = errors(plan)
        // By design: a config without a user namespace is the runtime's ordinary case, which is what
        // `--userns host` asks docker for (no remapping); the OCI reader reads it as the default.
        if plan.namespaces.userns == .host, !plan.namespaces.all.contains(where: { $0.name != "userns" && $0.mode == .host }),
           plan.network != .host {
            want.remove("host-namespace")
        }
        // By design too: runc applies no AppArmor profile where docker applies docker-default, so a
        // config with every capability (or SYS_ADMIN and no seccomp) is privileged on runc though the
        // plan is not on docker; `harden oci` refuses such a config by reading it back
        // (OCICommandTests), and here the two are compared with docker's wall standing.
        var read = launch.plan
        read.mandatoryAccessControlUnset = false
        let got = errors(read)
        accepted = want.isEmpty && got.isEmpty
        return want == got ? nil : "config.json: the plan is \(describe(want)), the config \(describe(got))\nplan: \(plan)\n\(text)"
    }

    // MARK: - compose

    /// The compose file is read back as compose reads it: the YAML `harden compose` prints, parsed
    /// by a YAML 1.2 reading of exactly what YAMLWriter writes (`EmittedYAML`), then compose's own
    /// rules in the audit door (`$$` and variables, its boolean words, its short volume grammar),
    /// in the directory the plan's relative paths are read from.
    static func composeVerdict(_ plan: LaunchPlan) -> String? {
        let result = ComposeConversion.convert(plan, service: "app", seccomp: nil)
        let yaml = result.file.yaml
        let json: JSONNode
        do { json = try EmittedYAML.parse(yaml) } catch { return "the emitted YAML does not read back: \(error)\n\(yaml)" }
        guard json.sameContent(as: result.file.json) else { return "the YAML reads back as another tree\n\(yaml)" }
        let launches: [AuditedLaunch]
        do { launches = try ComposeReader.read(json, file: Audit.host.currentDirectory + "/compose.json") } catch {
            if refusesOnlyTheImage(plan, error) { return nil }
            return "compose file is refused by the audit door: \(error.message)\n\(JSONWriter.pretty(json))"
        }
        // Options compose has no key for are left out with a note naming each; the fragment is
        // judged without them, and each one left out must have been named.
        var carried = plan
        for option in plan.dockerOptions where !composeCarries(option.name) {
            let named = result.notes.contains { $0.contains("--\(option.name)") }
            if !named { return "compose leaves out --\(option.name) \(option.value) without a note; notes: \(result.notes)" }
        }
        carried = carried.keepingDockerOptions(composeCarries)
        let notes = result.notes.joined(separator: "\n")
        if plan.namespaces.mount != nil {
            guard notes.contains("mount namespace") else { return "compose drops the mount namespace without a note" }
            carried.namespaces.mount = nil
        }
        if !plan.uidMappings.isEmpty || !plan.gidMappings.isEmpty {
            guard notes.contains("userNamespace mappings") else { return "compose drops the user namespace mappings without a note" }
            (carried.uidMappings, carried.gidMappings) = ([], [])
        }
        let (want, got) = (errors(carried), errors(launches[0].plan))
        return want == got ? nil : "compose: the plan is \(describe(want)), the file \(describe(got))\nplan: \(plan)\n\(yaml)"
    }

    /// Options the compose fragment has a key for (`ComposeConversion.applyOtherOptions`).
    static func composeCarries(_ name: String) -> Bool {
        ["name", "hostname", "workdir", "entrypoint", "label", "env-file", "init", "tty", "interactive", "stop-signal", "stop-timeout",
         "add-host", "pull", "rm", "detach"].contains(name)
    }

    @Test("plan → docker argv → audit door: the same verdict")
    func docker() {
        PropertyRun.check("docker verdict", seed: Self.seed, iterations: Self.iterations) { g, _ in Self.dockerVerdict(PlanGenerator.plan(&g)) }
    }

    @Test("plan with hostile path characters → docker argv → audit door: the same verdict, or a one-line refusal")
    func dockerHostilePaths() {
        PropertyRun.check("docker verdict, hostile paths", seed: Self.seed &+ 3, iterations: Self.iterations) { g, _ in
            var plan = PlanGenerator.plan(&g)
            plan = Self.withHostilePaths(plan, &g)
            return Self.dockerVerdict(plan)
        }
    }

    /// Most plans are ordinary ones, so the accepted path is exercised as much as the refusals; the
    /// share accepted is checked, since a generator that drifts into refusals would prove little.
    @Test("plan → OCI config.json → audit door: the same verdict, or a one-line refusal the plan deserves")
    func oci() {
        var (accepted, total) = (0, 0)
        PropertyRun.check("OCI verdict", seed: Self.seed &+ 1, iterations: Self.iterations) { g, _ in
            let plan = g.chance(0.6) ? PlanGenerator.ordinaryOCIPlan(&g) : PlanGenerator.ociPlan(&g)
            var written = false
            defer { total += 1; if written { accepted += 1 } }
            return Self.ociVerdict(plan, accepted: &written)
        }
        #expect(accepted * 2 >= total, "only \(accepted) of \(total) generated plans became an accepted config")
    }

    @Test("plan → compose file → audit door: the same verdict")
    func compose() {
        PropertyRun.check("compose verdict", seed: Self.seed &+ 2, iterations: Self.iterations) { g, _ in Self.composeVerdict(PlanGenerator.plan(&g)) }
    }

    @Test("plan with hostile path characters → compose YAML → compose's reading: the same verdict")
    func composeHostilePaths() {
        PropertyRun.check("compose hostile paths", seed: Self.seed &+ 3, iterations: Self.iterations * 2) { g, _ in
            Self.composeVerdict(HostileComposePaths.plan(&g))
        }
    }
}
