import FoundationEssentials
import HardenFormats
import HardenModel

/// The policy side of `harden validate`: every policy file of the repository decoded strictly with
/// every defect reported, and the one policy the profiles are judged under — the one `harden run`
/// would apply with this repository first on the search path.
struct PolicyCheck {
    var explicit: String?
    var currentDirectory: String
    var parents: SearchPath
    /// The policy the validator applies; the default rules when there is none or it is broken
    /// (the broken file is reported, so the run fails anyway).
    private(set) var effective = Policy()
    /// How many policy files were checked.
    private(set) var checked = 0

    /// A result per policy file: the `--policy` file first, then each directory's `policy.json`.
    mutating func run(repositoryPolicies: [(location: String, text: String?)], knownProfiles: Set<String>) throws(HardenError) -> [AuditResult] {
        var files = repositoryPolicies
        if let explicit {
            let path = explicit.hasPrefix("/") ? explicit : currentDirectory + "/" + explicit
            // A policy named on the command line that is not there is a usage error, as for `harden check`.
            guard let text = PolicyLocator.read(path) else {
                throw .input("--policy \(explicit): cannot read the file; check the path (it must be a UTF-8 JSON file)")
            }
            files.insert((explicit, text), at: 0)
        }
        var results: [AuditResult] = []
        var decoded: [String: Policy] = [:]
        for (location, text) in files where !results.contains(where: { $0.launch.name == location }) {
            let (policy, findings) = Self.decode(location: location, text: text)
            decoded[location] = policy
            results.append(RepositoryCheck.result(location, findings, kind: .policy))
        }
        if let first = files.first {
            effective = decoded[first.location] ?? Policy()
        } else {
            do {
                effective = try PolicyLocator.load(explicit: nil, searchPath: parents, currentDirectory: currentDirectory)
            } catch {
                // A broken policy outside the repository would still be applied by `harden run`.
                let placed = LocatedMessage.split(error.message, files: parents.entries.map { $0.directory + "/" + PolicyLocator.fileName })
                let location = placed?.position.file ?? "policy"
                results.append(RepositoryCheck.result(location, [RepositoryRules.finding(
                    "invalid-policy", placed?.rest ?? error.message, at: placed?.position ?? SourcePosition(file: location))], kind: .policy))
            }
        }
        checked = results.count
        for exception in effective.exceptions {
            guard let profile = exception.profile, !knownProfiles.contains(profile) else { continue }
            var message = "the exception for \(exception.rule) names the profile \"\(profile)\", which is neither in the repository nor built in"
            if let near = StrictReader.nearest(profile, in: knownProfiles.sorted()) { message += "; did you mean \"\(near)\"?" }
            let finding = RepositoryRules.finding("policy-unknown-profile", message, at: exception.position)
            if let index = results.firstIndex(where: { $0.launch.name == exception.position.file }) {
                results[index].findings.append(finding)
            }
        }
        return results
    }

    /// The policy and every defect of one file; nil policy when there is any defect.
    static func decode(location: String, text: String?) -> (Policy?, [Finding]) {
        guard let text else {
            return (nil, [RepositoryRules.finding("invalid-policy", "cannot read it as UTF-8 text", at: SourcePosition(file: location))])
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            return (nil, [RepositoryRules.finding("invalid-policy", error.message, at: SourcePosition(file: location, error.location))])
        }
        let errors = EveryDecodeError.collect(root, file: location) { node throws(HardenError) in
            _ = try PolicyDecoder.decode(node, file: location)
        }
        guard errors.isEmpty else { return (nil, errors.map { ProfileLoad.finding("invalid-policy", $0, file: location) }) }
        return (try? PolicyDecoder.decode(root, file: location), [])
    }
}
