import HardenFormats
import HardenModel
/// One profile document after loading: its parsed root and decoded profile, or why it does not load.
enum ProfileLoad {
    case loaded(root: JSONNode, profile: Profile)
    /// A file of the repository, with every defect found in it as a finding.
    case broken([Finding])
    /// A parent outside the repository (another directory, a built-in): its first error only,
    /// which is what `harden run` would print.
    case brokenElsewhere(HardenError)

    var root: JSONNode? { if case .loaded(let root, _) = self { return root } else { return nil } }
    var profile: Profile? { if case .loaded(_, let profile) = self { return profile } else { return nil } }

    /// Loads a repository file, collecting every defect: syntax, a newer harden required, each
    /// strict-decoding error, and a name that disagrees with the file name.
    static func repositoryFile(_ source: ProfileSource) -> ProfileLoad {
        let file = source.location
        let root: JSONNode
        do {
            root = try JSONParser.parse(source.text)
        } catch {
            return .broken([RepositoryRules.finding("invalid-profile", error.message, at: SourcePosition(file: file, error.location))])
        }
        do {
            try ProfileRepository.checkRequires(root, location: file)
        } catch {
            // The rest of the file is written for another harden: judging its keys would only mislead.
            return .broken([finding("requires-newer-harden", error, file: file)])
        }
        // No error means the first decode, of the file as written, succeeded: keep it rather than decode again.
        var decoded: Profile?
        let findings = EveryDecodeError.collect(root, file: file) { node throws(HardenError) in
            decoded = try ProfileDecoder.decode(node, file: file)
        }.map { finding("invalid-profile", $0, file: file) }
        // A name that disagrees with the file is reported beside the validator's findings (see
        // `nameFindings`), not instead of them; only a file that does not decode stops there.
        guard findings.isEmpty, let profile = decoded else { return .broken(findings + nameFindings(root, source)) }
        return .loaded(root: root, profile: profile)
    }

    /// A `name` that disagrees with the file name: `harden run NAME` would find the file under
    /// its file name and the merge would report the other.
    static func nameFindings(_ root: JSONNode, _ source: ProfileSource) -> [Finding] {
        guard let nameNode = root["name"], let name = nameNode.stringValue, name != source.name else { return [] }
        return [RepositoryRules.finding(
            "name-mismatch", "name: \"\(name)\" does not match the file name \(source.name).json; rename one so they agree",
            at: SourcePosition(file: source.location, nameNode.location))]
    }

    /// Loads a parent from outside the repository the way `harden run` does.
    static func parent(_ source: ProfileSource) -> ProfileLoad {
        do {
            let (root, profile) = try ProfileRepository.load(source)
            return .loaded(root: root, profile: profile)
        } catch {
            return .brokenElsewhere(error)
        }
    }

    /// An error as a finding, placed where its message says.
    static func finding(_ rule: String, _ error: HardenError, file: String) -> Finding {
        if let (position, rest) = LocatedMessage.split(error.message, files: [file]) {
            return RepositoryRules.finding(rule, rest, at: position)
        }
        return RepositoryRules.finding(rule, error.message, at: SourcePosition(file: file))
    }
}
