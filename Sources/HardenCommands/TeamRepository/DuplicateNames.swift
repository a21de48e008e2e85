import HardenFormats
import HardenModel
/// Profiles are found by name, first match wins, so two files of one name mean one of them is never
/// used — unless the first extends its own name, which is how a team builds on a profile of the
/// same name further down the search path. Names that differ only in case collide where the
/// filesystem ignores case (macOS, Windows checkouts of the repository).
enum DuplicateNames {
    /// Findings by location, each on the file that loses.
    static func findings(_ sources: [ProfileSource], load: (ProfileSource) -> ProfileLoad) -> [String: [Finding]] {
        var groups: [String: [ProfileSource]] = [:]
        for source in sources { groups[source.name.lowercased(), default: []].append(source) }
        var result: [String: [Finding]] = [:]
        for group in groups.values where group.count > 1 {
            for index in group.indices.dropFirst() {
                let earlier = group[index - 1], later = group[index]
                let message: String
                if earlier.name == later.name {
                    if load(earlier).profile?.extends == later.name { continue }
                    message = "profile \"\(later.name)\" is also defined by \(earlier.location), which comes first on the search path and hides this file; rename one, or make \(earlier.location) extend \"\(later.name)\" to build on this one"
                } else {
                    message = "profile \"\(later.name)\" differs only in case from \"\(earlier.name)\" (\(earlier.location)); a case-insensitive filesystem keeps only one of them; rename one"
                }
                result[later.location, default: []].append(RepositoryRules.finding("duplicate-name", message, at: position(of: later)))
            }
        }
        return result
    }

    /// The `name` key when the file has one, else the start of the document.
    static func position(of source: ProfileSource) -> SourcePosition {
        let root = try? JSONParser.parse(source.text)
        let location = root?["name"]?.location ?? root?.location ?? SourceLocation(line: 1, column: 1)
        return SourcePosition(file: source.location, location)
    }
}
