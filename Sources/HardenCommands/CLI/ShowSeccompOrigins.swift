import HardenFormats
import HardenModel

/// `harden show`'s account of a seccomp section built with `add`/`remove`: which file put each entry
/// there and how, so a team profile's filter can be read as "the parent's, plus these".
enum ShowSeccompOrigins {
    /// Empty for a profile that uses only the replacing form (its rows already say who set the lists).
    static func render(_ resolved: ResolvedProfile) -> String {
        let origins = resolved.seccompOrigins
        guard origins.contains(where: { $0.how != .set }) || !resolved.seccompNotes.isEmpty else { return "" }
        let width = (origins.map(\.entry.count).max() ?? 0) + 2
        var text = "\nseccomp, entry by entry\n"
        for origin in origins.filter({ $0.list == .allow }) + origins.filter({ $0.list == .deny }) {
            let how = origin.how == .set ? "" : origin.how == .add ? " (add)" : " (remove)"
            text += "  \(origin.list.rawValue.padding(6))\(origin.entry.padding(width))\(origin.file)\(how)\n"
        }
        for note in resolved.seccompNotes { text += "  note: \(note.file): \(note.message)\n" }
        return text
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
