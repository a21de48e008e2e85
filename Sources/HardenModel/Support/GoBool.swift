/// Go's strconv.ParseBool, which every docker and podman flag and option value goes through:
/// these spellings exactly, compared as bytes (no case folding, no blanks).
package enum GoBool {
    private static let trueSpellings = ["1", "t", "T", "TRUE", "true", "True"]
    private static let falseSpellings = ["0", "f", "F", "FALSE", "false", "False"]

    package static func parse(_ text: some StringProtocol) -> Bool? {
        if trueSpellings.contains(where: { $0.utf8.elementsEqual(text.utf8) }) { return true }
        if falseSpellings.contains(where: { $0.utf8.elementsEqual(text.utf8) }) { return false }
        return nil
    }
}
