import HardenFormats
import HardenModel
/// "did you mean": the nearest of a few names to a mistyped word (an option, an engine).
enum OptionSuggestion {
    /// The nearest candidate within an edit distance of a quarter of the word (at least 1), or nil:
    /// `rocket` is two edits from `docker`, and no typo of it.
    /// A candidate whose length alone puts it out of reach is skipped, so a long hostile word costs
    /// no comparison at all.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let length = word.unicodeScalars.count
        let limit = max(1, length / 4)
        var best: (name: String, distance: Int)?
        for candidate in candidates where abs(candidate.unicodeScalars.count - length) <= limit {
            let distance = distance(word, candidate)
            if distance <= limit, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.name
    }

    static func distance(_ a: String, _ b: String) -> Int { StrictReader.distance(a.lowercased(), b.lowercased()) }
}
