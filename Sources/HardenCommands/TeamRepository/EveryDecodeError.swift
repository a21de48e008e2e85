import HardenFormats
import HardenModel
/// The strict decoders stop at the first error, which is right for `harden run` and wrong for a
/// review, where a file with three typos should show three findings, not one per CI round trip.
/// Rather than teach every decoder to collect, this decodes again with the offending member taken
/// out, until the rest decodes or the error is not one a member can be taken out for.
enum EveryDecodeError {
    /// Every error of `decode` over `root`, in the order found; empty when it decodes.
    /// `limit` bounds the rounds on a pathological file.
    static func collect(
        _ root: JSONNode, file: String, limit: Int = 64, decode: (JSONNode) throws(HardenError) -> Void
    ) -> [HardenError] {
        var errors: [HardenError] = []
        var document = root
        for _ in 0..<limit {
            do {
                try decode(document)
                return errors
            } catch {
                errors.append(error)
                guard let (position, _) = LocatedMessage.split(error.message, files: [file]),
                      let line = position.line, let column = position.column,
                      let smaller = document.removing(at: SourceLocation(line: line, column: column)) else { return errors }
                document = smaller
            }
        }
        return errors
    }
}

extension JSONNode {
    /// This document without the object member (by its key or its value) or array element that
    /// starts at `location`; nil when nothing but the whole document starts there.
    func removing(at location: SourceLocation) -> JSONNode? {
        switch kind {
        case .object(let members):
            if let index = members.firstIndex(where: { $0.keyLocation == location || $0.value.location == location }) {
                var copy = members
                copy.remove(at: index)
                return JSONNode(.object(copy), at: self.location)
            }
            for (index, member) in members.enumerated() {
                if let smaller = member.value.removing(at: location) {
                    var copy = members
                    copy[index].value = smaller
                    return JSONNode(.object(copy), at: self.location)
                }
            }
        case .array(let elements):
            if let index = elements.firstIndex(where: { $0.location == location }) {
                var copy = elements
                copy.remove(at: index)
                return JSONNode(.array(copy), at: self.location)
            }
            for (index, element) in elements.enumerated() {
                if let smaller = element.removing(at: location) {
                    var copy = elements
                    copy[index] = smaller
                    return JSONNode(.array(copy), at: self.location)
                }
            }
        default:
            break
        }
        return nil
    }
}
