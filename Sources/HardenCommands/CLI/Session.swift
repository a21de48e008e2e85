import FoundationEssentials
import HardenFormats
import HardenModel

/// What every profile-reading command sets up the same way: the search path, the repository, the
/// team policy and the validator.
struct Session {
    var options: HardenOptions
    var console: Console

    var searchPath: SearchPath {
        SearchPath.standard(flags: options.profileDirectories, environment: console.environment, currentDirectory: console.currentDirectory)
    }

    var repository: ProfileRepository { ProfileRepository(searchPath: searchPath) }

    func policy() throws(HardenError) -> Policy {
        try PolicyLocator.load(explicit: options.policyFile, searchPath: searchPath, currentDirectory: console.currentDirectory)
    }

    func validator() throws(HardenError) -> Validator {
        var host = HostFacts.live(currentDirectory: console.currentDirectory)
        host.brokerConfig = { BrokerConfig.text(forLabel: $0) }
        return Validator(policy: try policy(), host: host)
    }

    /// Rules that judge the image, which a profile alone does not name.
    static let imageRules: Set<String> = ["unpinned-image", "registry-not-allowed", "digest-required"]

    /// Resolves a profile and refuses it when the launch it describes on its own would be rejected.
    func resolve(_ name: String, validator: Validator) throws(HardenError) -> ResolvedProfile {
        let resolved = try repository.resolve(name)
        let findings = validator.findings(
            for: PlanBuilder.plan(for: resolved.profile), sources: resolved.planSources, profile: name, skipping: Self.imageRules)
        if findings.rejects {
            throw .rejected("the profile \(name) is rejected: " + Self.describe(findings.filter(\.rejects)))
        }
        return resolved
    }

    /// The profile with the user's docker run options applied and validated; warnings are printed,
    /// error findings refuse the launch. `argumentNumber` maps a position in `docker` to the number
    /// messages show for it; `refusal` opens the message of a refused launch (`refusing to run`,
    /// `refusing to write the compose file`), whose verdict is the same whatever the door.
    func plan(
        profile name: String, docker: [String], requireImage: Bool = true, skipping: Set<String> = [],
        argumentNumber: @escaping (Int) -> Int = { $0 + 1 }, refusal: String = "refusing to run",
        adjust: ((inout LaunchPlan) throws(HardenError) -> Void)? = nil
    ) throws(HardenError) -> (ResolvedProfile, LaunchPlan) {
        let validator = try validator()
        let resolved = try resolve(name, validator: validator)
        let parsed: ParsedRun
        do {
            parsed = try DockerRunParser.parse(docker, requireImage: requireImage)
        } catch {
            // The parser numbers arguments from 0 within the docker part; show the user's numbering.
            let shown = "(argument \(argumentNumber(error.position)))"
            throw .input(error.message.replacingText("(argument \(error.position))", with: shown))
        }
        let imageNumber = { argumentNumber(docker.count - parsed.command.count - 1) }
        // Without a required image (harden oci) the word is the program a bundle runs, not a reference.
        if requireImage, let image = parsed.image { try ImageReference.validate(image, at: "argument \(imageNumber())") }
        var notes: [String] = []
        var sources = resolved.planSources
        var plan = try PlanBuilder.plan(
            for: resolved.profile, userOptions: parsed, notes: &notes, argumentNumber: argumentNumber, sources: &sources)
        if parsed.image != nil { sources[.image] = SourcePosition(argument: imageNumber()) }
        plan.secrets = try SecretFiles.resolve(
            options.secrets, currentDirectory: console.currentDirectory, status: FileStatus.of, resolveSymlinks: HostFacts.followLinks)
        for request in options.secrets { sources[.secret(request.name)] = SourcePosition(argument: request.argument) }
        try SecretFiles.check(plan, profile: resolved.profile)
        // What a caller changes beyond the options (run --docker-api's broker) is judged with the rest.
        try adjust?(&plan)
        for note in notes { console.warn(note) }
        let findings = validator.findings(
            for: plan, sources: sources, profile: name, skipping: skipping.union(requireImage ? [] : Self.imageRules))
        if findings.rejects {
            throw .rejected("\(refusal): " + Self.describe(findings.filter(\.rejects)))
        }
        for finding in findings where finding.exception == nil {
            console.warn(Self.describe([finding]))
        }
        return (resolved, plan)
    }

    /// One line for one or more findings: `RULE: message at WHERE; fix: …`, joined by `; and `.
    static func describe(_ findings: [Finding]) -> String {
        findings.map { finding in
            let position = finding.position.description
            return "\(finding.ruleID): \(finding.message)" + (position.isEmpty ? "" : " at \(position)") + "; fix: \(finding.fix)"
        }.joined(separator: "; and ")
    }

    /// Numbers arguments as the user typed them: the command name is argument 1.
    static func numbering(origins: [Int], total: Int) -> (Int) -> Int {
        { position in (position < origins.count ? origins[position] : total) + 2 }
    }
}
