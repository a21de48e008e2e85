import HardenFormats
import HardenModel
/// `harden validate`'s work: every file of a profile repository judged together, and every defect
/// reported — not the first, as `harden run` does — each with its file, line and column.
///
/// A file's own defects (syntax, strict decoding, a newer harden required, a name that disagrees
/// with the file name, a duplicate name) are reported on that file. A chain that cannot be
/// resolved is reported where it breaks (an unknown parent on the profile naming it, a cycle once
/// with every member); the profiles further down get a `broken-parent` finding saying where to
/// look. Profiles that resolve are judged by the validator under the repository's policy, as
/// `harden run` would judge them before starting anything.
public struct RepositoryCheck: Sendable {
    public var directories: [RepositoryDirectory]
    /// Searched after the repository, for parents only (`--profiles`); the built-ins come last.
    public var parents: SearchPath
    public var builtins: [ProfileSource]
    /// `--policy FILE` as given; otherwise the repository's own `policy.json` applies.
    public var policyFile: String?
    public var currentDirectory: String
    public var host: HostFacts
    /// Keep every resolved profile for the report (`harden docs` renders them; `validate` does not need them).
    public var keepResolved = true
    /// How many threads judge profiles at once (nil: one per CPU). The report is the same for any.
    public var threads: Int?

    public init(
        directories: [RepositoryDirectory], parents: SearchPath = SearchPath(entries: []), builtins: [ProfileSource] = BuiltinProfiles.sources,
        policyFile: String? = nil, currentDirectory: String, host: HostFacts
    ) {
        self.directories = directories; self.parents = parents; self.builtins = builtins
        self.policyFile = policyFile; self.currentDirectory = currentDirectory; self.host = host
    }

    public func run() throws(HardenError) -> RepositoryReport {
        var contents: [RepositoryDirectory.Contents] = []
        for (rank, directory) in directories.enumerated() { contents.append(try directory.contents(rank: rank)) }
        let own = contents.flatMap(\.sources)
        let outside = try ProfileRepository(searchPath: parents, builtins: builtins).allSources().map { source in
            var shifted = source
            shifted.rank += directories.count
            return shifted
        }
        let sources = own + outside
        var loads: [String: ProfileLoad] = [:]
        for source in own { loads[source.location] = .repositoryFile(source) }
        for source in outside where loads[source.location] == nil { loads[source.location] = .parent(source) }
        let context = Context(sources: sources, own: Set(own.map(\.location)), loads: loads)

        var policies = PolicyCheck(explicit: policyFile, currentDirectory: currentDirectory, parents: parents)
        var results = try policies.run(repositoryPolicies: contents.compactMap(\.policy), knownProfiles: Set(sources.map(\.name)))
        let validator = Validator(policy: policies.effective, host: host)
        let duplicates = DuplicateNames.findings(own, load: context.load)
        var files = results.map { _ in 1 }

        for (location, message) in contents.flatMap(\.unreadable) {
            let placed = LocatedMessage.split(message, files: [location])
            results.append(Self.result(location, [RepositoryRules.finding("invalid-profile", placed?.rest ?? message, at: placed?.position ?? SourcePosition(file: location))]))
            files.append(1)
        }
        var resolved: [ResolvedProfile] = []
        var cycles: Set<[String]> = []
        let parentNames = Set(loads.values.compactMap { $0.profile?.extends.map { $0.hasPrefix("builtin:") ? String($0.dropFirst(8)) : $0 } })
        // Every profile is loaded once above; resolving reuses those loads and each ancestor's merge.
        @Sendable func resolver() -> ChainResolver {
            let resolver = ChainResolver(sources: sources) { source throws(HardenError) in
                guard case .loaded(let root, let profile) = context.load(source) else { return try ProfileRepository.load(source) }
                return (root, profile)
            }
            resolver.parents = parentNames
            resolver.capacity = 256
            return resolver
        }
        let walk = ExtendsWalk(documents: resolver(), load: context.load)
        let outcomes = own.map { source -> ExtendsWalk.Outcome? in
            if case .broken = context.load(source) { return nil }
            return walk.outcome(from: source)
        }
        // Resolving and judging is most of the work and each profile's is its own, so it is spread
        // over the CPUs; each slice merges the ancestors its profiles share once.
        let keep = keepResolved
        let validated = Parallel.map(Array(zip(own, outcomes)), slices: threads) { slice in
            let resolver = resolver()
            return slice.map { source, outcome -> (findings: [Finding], resolved: ResolvedProfile?)? in
                guard outcome == .resolvable else { return nil }
                let judged = context.validated(source, validator: validator, resolver: resolver)
                return (judged.findings, keep ? judged.resolved : nil)
            }
        }
        for (index, source) in own.enumerated() {
            var findings = duplicates[source.location] ?? []
            if case .broken(let defects) = context.load(source) {
                results.append(Self.result(source.location, defects + context.unknownParent(ofBroken: source) + findings))
                files.append(1)
                continue
            }
            guard let outcome = outcomes[index] else { continue }
            if case .cycle(let members) = outcome, members.contains(source) {
                // One finding for the whole cycle, on the member that comes first in the repository.
                guard cycles.insert(members.map(\.location).sorted()).inserted else { continue }
                let cycle = context.cycle(members, duplicates: duplicates)
                results.append(cycle.result)
                files.append(cycle.files)
                continue
            }
            let judged = validated[index] ?? (context.broken(source, outcome: outcome), nil)
            if keepResolved, let profile = judged.resolved { resolved.append(profile) }
            let misnamed = context.load(source).root.map { ProfileLoad.nameFindings($0, source) } ?? []
            findings = misnamed + judged.findings + findings
            results.append(Self.result(source.location, findings))
            files.append(1)
        }
        return RepositoryReport(
            results: results, files: files, profiles: own.count + contents.flatMap(\.unreadable).count, policies: policies.checked,
            resolved: resolved, policy: policies.effective)
    }

    static func result(_ location: String, _ findings: [Finding], kind: AuditedLaunch.Kind = .profile) -> AuditResult {
        AuditResult(launch: AuditedLaunch(name: location, kind: kind, plan: LaunchPlan(), sources: PlanSources()), findings: findings)
    }
}

/// What the check knows while it judges one profile after another.
private struct Context {
    var sources: [ProfileSource]
    /// Locations of the repository's own files.
    var own: Set<String>
    var loads: [String: ProfileLoad]
    /// Locations of every document, to take a file's place back out of an error message.
    let locations: Set<String>

    init(sources: [ProfileSource], own: Set<String>, loads: [String: ProfileLoad]) {
        self.sources = sources
        self.own = own
        self.loads = loads
        locations = Set(sources.map(\.location))
    }

    func load(_ source: ProfileSource) -> ProfileLoad { loads[source.location] ?? .parent(source) }

    /// Where a finding about a profile's parent belongs: its `extends` value.
    func extendsPosition(_ source: ProfileSource) -> SourcePosition {
        let root = load(source).root
        return SourcePosition(file: source.location, (root?["extends"] ?? root)?.location ?? SourceLocation(line: 1, column: 1), context: "profile \(source.name)")
    }

    func shown(_ source: ProfileSource) -> String {
        guard let node = load(source).root?["extends"] else { return source.location }
        return "\(source.location):\(node.location.line):\(node.location.column)"
    }

    /// A file that does not decode is still read for its `extends`, so a misspelt parent is
    /// reported beside the file's other defects rather than after they are fixed.
    func unknownParent(ofBroken source: ProfileSource) -> [Finding] {
        guard let root = try? JSONParser.parse(source.text), let node = root["extends"], let written = node.stringValue else { return [] }
        let name = written.hasPrefix("builtin:") ? String(written.dropFirst("builtin:".count)) : written
        guard !sources.contains(where: { $0.name == name }) else { return [] }
        var message = "extends \"\(written)\": no profile of that name on the search path"
        if let near = StrictReader.nearest(name, in: Set(sources.map(\.name)).sorted()) { message += "; did you mean \"\(near)\"?" }
        return [RepositoryRules.finding(
            "unknown-parent", message, at: SourcePosition(file: source.location, node.location, context: "profile \(source.name)"))]
    }

    /// Why a chain that does not resolve breaks, said on the profile's `extends`.
    func broken(_ source: ProfileSource, outcome: ExtendsWalk.Outcome) -> [Finding] {
        let parent = load(source).profile?.extends ?? ""
        let at = extendsPosition(source)
        switch outcome {
        case .resolvable:
            return []
        case .unknownParent(let holder, let name) where holder == source:
            var message = "extends \"\(name)\": no profile of that name on the search path"
            let known = Set(sources.map(\.name)).sorted()
            if let near = StrictReader.nearest(name, in: known) { message += "; did you mean \"\(near)\"?" }
            return [RepositoryRules.finding("unknown-parent", message, at: at)]
        case .unknownParent(let holder, let name):
            let there = own.contains(holder.location) ? " (reported there)" : ""
            return [RepositoryRules.finding("broken-parent", "extends \"\(parent)\", whose chain breaks at \(shown(holder)): extends \"\(name)\", which names no profile\(there)", at: at)]
        case .brokenAncestor(let ancestor):
            if case .brokenElsewhere(let error) = load(ancestor) {
                return [RepositoryRules.finding("broken-parent", "extends \"\(parent)\", whose chain needs \(ancestor.location), which does not load: \(error.message)", at: at)]
            }
            return [RepositoryRules.finding("broken-parent", "extends \"\(parent)\", whose chain needs \(ancestor.location), which does not load (reported there)", at: at)]
        case .cycle(let members):
            let loop = members.map(\.name).joined(separator: " → ") + " → " + members[0].name
            return [RepositoryRules.finding("broken-parent", "extends \"\(parent)\", whose chain runs into the cycle \(loop) (reported at \(shown(members[0])))", at: at)]
        }
    }

    /// Resolves the profile and applies the validator, as `harden run` would before starting it.
    func validated(_ source: ProfileSource, validator: Validator, resolver: ChainResolver) -> (findings: [Finding], resolved: ResolvedProfile?) {
        let repository = ProfileRepository(searchPath: SearchPath(entries: []), builtins: [])
        let root = load(source).root ?? JSONNode(.object([]), at: SourceLocation(line: 1, column: 1))
        do {
            let resolved = try repository.resolve(source, using: resolver)
            let findings = validator.findings(
                for: PlanBuilder.plan(for: resolved.profile), sources: resolved.planSources, profile: source.name, skipping: Session.imageRules
            ).map { anchored($0, in: source, root: root) }
            let notes = resolved.seccompNotes.map {
                anchored(RepositoryRules.finding("seccomp-add-shadowed", $0.message, at: SourcePosition(file: $0.file)), in: source, root: root)
            }
            return (findings + notes, resolved)
        } catch {
            // The files load one by one but not merged: a child's memory above a parent's memorySwap.
            let placed = LocatedMessage.split(error.message, files: locations)
            let finding = RepositoryRules.finding(
                "invalid-profile", placed?.rest ?? error.message, at: placed?.position ?? SourcePosition(file: source.location))
            return ([anchored(finding, in: source, root: root)], nil)
        }
    }

    /// A finding placed in a file outside the repository (a built-in, another directory) is moved
    /// to the profile's `extends`, which is what brings the setting in, and says where it was set:
    /// code-scanning services can only show files of the repository they scan.
    func anchored(_ finding: Finding, in source: ProfileSource, root: JSONNode) -> Finding {
        var finding = finding
        if let file = finding.position.file, own.contains(file) {
            if finding.position.line == nil {
                finding.position.line = root.location.line
                finding.position.column = root.location.column
            }
            return finding
        }
        let origin = SourcePosition(file: finding.position.file, line: finding.position.line, column: finding.position.column).description
        var moved = extendsPosition(source)
        moved.context = (finding.position.context ?? "profile \(source.name)") + (origin.isEmpty ? "" : ", set in \(origin)")
        finding.position = moved
        return finding
    }

    /// The one result standing for every profile of a cycle.
    func cycle(_ members: [ProfileSource], duplicates: [String: [Finding]]) -> (result: AuditResult, files: Int) {
        let order = sources.map(\.location)
        let first = members.indices.min { (order.firstIndex(of: members[$0].location) ?? 0) < (order.firstIndex(of: members[$1].location) ?? 0) } ?? 0
        let loop = Array(members[first...] + members[..<first])
        let chain = loop.map { "\($0.name) (\(shown($0)))" }.joined(separator: " → ") + " → " + loop[0].name
        var findings = [RepositoryRules.finding("extends-cycle", "these profiles extend each other in a cycle, so none of them resolves: \(chain)", at: extendsPosition(loop[0]))]
        for member in loop { findings += duplicates[member.location] ?? [] }
        let name = "extends cycle " + loop.map(\.location).joined(separator: " → ")
        return (RepositoryCheck.result(name, findings), loop.filter { own.contains($0.location) }.count)
    }
}

/// What `harden validate` prints: a result per file (one for all the profiles of a cycle).
public struct RepositoryReport: Sendable {
    public var results: [AuditResult]
    /// How many files each result stands for.
    public var files: [Int]
    public var profiles: Int
    public var policies: Int
    /// The repository's profiles that resolve, in the order of their files.
    public var resolved: [ResolvedProfile]
    /// The policy the profiles were judged under.
    public var policy: Policy

    public var rejected: Bool { results.rejected }

    /// `4 profiles and 1 policy: 1 rejected, 4 accepted; 2 errors, 1 warning`
    public var summary: String {
        let rejectedFiles = zip(results, files).filter { $0.0.rejected }.map(\.1).reduce(0, +)
        let total = files.reduce(0, +)
        let errors = results.map(\.errors).reduce(0, +), warnings = results.map(\.warnings).reduce(0, +)
        let counted = "\(profiles) profile\(profiles == 1 ? "" : "s") and \(policies) polic\(policies == 1 ? "y" : "ies")"
        return "\(counted): \(rejectedFiles) rejected, \(total - rejectedFiles) accepted; "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
