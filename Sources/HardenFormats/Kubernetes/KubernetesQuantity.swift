import HardenModel
/// Kubernetes resource quantities and names, from the values a plan holds.
package enum KubernetesQuantity {
    /// Bytes in the largest binary suffix that is exact: `536870912` → `512Mi`. Docker's `m` and
    /// `g` are binary too, so `512m` means the same bytes on both sides.
    static func bytes(_ value: Int64) -> String {
        for (suffix, size) in [("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where value != 0 && value % size == 0 {
            return "\(value / size)\(suffix)"
        }
        return String(value)
    }

    /// Whole CPUs as a number (`2`), fractions in millicores (`500m`), the unit Kubernetes rounds to.
    static func cpu(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return "\(Int((value * 1000).rounded()))m"
    }

    /// Seconds for a probe field from a Go duration (`30s`, `1m30s`), rounded up to at least 1.
    static func seconds(_ duration: String?) -> Int? {
        guard let duration, let value = Units.seconds(duration) else { return nil }
        return max(1, Int(value.rounded(.up)))
    }

    /// A DNS-1123 label (lower case letters, digits, `-`, at most 63, starting and ending
    /// alphanumeric), as volume and container names must be: `/var/cache/nginx` → `var-cache-nginx`.
    package static func label(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 63 { out = String(out.prefix(63)); while out.hasSuffix("-") { out.removeLast() } }
        return out
    }

    /// Whether `text` is already a DNS-1123 subdomain (dot-separated labels, at most 253), as
    /// object names must be.
    package static func isSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        func alphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c.isLowercase) }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.first, let last = part.last, part.count <= 63 else { return false }
            return alphanumeric(first) && alphanumeric(last) && part.allSatisfy { alphanumeric($0) || $0 == "-" }
        }
    }
}
