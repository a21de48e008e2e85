/// harden's own version, and the comparison a profile's `requires` needs.
public enum HardenVersion {
    public static let current = "0.1.0"

    /// `0.1` → [0, 1, 0]; nil when not MAJOR.MINOR[.PATCH].
    public static func parse(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        return numbers + Array(repeating: 0, count: 3 - numbers.count)
    }

    /// Whether this harden is at least `required`.
    public static func satisfies(_ required: String) -> Bool {
        guard let need = parse(required), let have = parse(current) else { return false }
        return have.lexicographicallyPrecedes(need) == false
    }
}
