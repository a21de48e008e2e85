/// Go's strconv.ParseBool, which every docker and podman flag and option value goes through:
/// these spellings exactly, compared as bytes (no case folding, no blanks).
package enum GoBool {
    private static let spellings: [(word: StaticString, value: Bool)] = [
        ("1", true), ("t", true), ("T", true), ("TRUE", true), ("true", true), ("True", true),
        ("0", false), ("f", false), ("F", false), ("FALSE", false), ("false", false), ("False", false),
    ]

    // Concrete overloads rather than one generic: a generic crossing into the readers' module is not
    // specialised there, and switches on every docker line went through it.
    package static func parse(_ text: String) -> Bool? { parse(utf8: text.utf8) }
    package static func parse(_ text: Substring) -> Bool? { parse(utf8: text.utf8) }

    @inline(__always)
    private static func parse<Bytes: Collection<UInt8>>(utf8: Bytes) -> Bool? {
        let count = utf8.count
        guard count >= 1, count <= 5 else { return nil }
        for (word, value) in spellings where word.utf8CodeUnitCount == count {
            let bytes = UnsafeBufferPointer(start: word.utf8Start, count: count)
            if bytes.elementsEqual(utf8) { return value }
        }
        return nil
    }
}
