/// `65532:65532` or `1000`: a user given by number, whose ids need no lookup in the image.
package struct NumericUser {
    package var uid: Int
    package var gid: Int?

    package init?(_ text: String) {
        let parts = text.splitASCII(":", omittingEmptySubsequences: false)
        guard let first = parts.first, let uid = Int(first), uid >= 0 else { return nil }
        self.uid = uid
        if parts.count == 2 {
            guard let gid = Int(parts[1]), gid >= 0 else { return nil }
            self.gid = gid
        } else if parts.count > 2 {
            return nil
        }
    }
}
