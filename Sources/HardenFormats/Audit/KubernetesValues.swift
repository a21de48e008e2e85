import HardenModel
/// Values as the Kubernetes API server decodes them: booleans as sigs.k8s.io/yaml reads YAML (1.1,
/// so `yes` and `on` are true), quantities as resource.Quantity parses them, enumerations checked
/// as its validation checks them, so a value the API server refuses is bad input here too.
extension StrictReader {
    /// YAML 1.1's booleans, which sigs.k8s.io/yaml's go-yaml v2 resolves in manifests. A quoted
    /// "yes" is a string the API server refuses; reading it as true only judges such a manifest harder.
    static let yaml11True: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let yaml11False: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

    func kubernetesBool() throws(HardenError) -> Bool {
        if let value = node.boolValue { return value }
        if let text = node.stringValue {
            if Self.yaml11True.contains(text) { return true }
            if Self.yaml11False.contains(text) { return false }
        }
        throw error("expected true or false, found \(describe()); the API server refuses it")
    }

    /// One of the values the API server accepts for an enumerated field.
    func oneOf(_ values: [String]) throws(HardenError) -> String {
        let text = try string()
        guard values.contains(text) else {
            throw error("\"\(text)\" is not a value the API server accepts; use \(values.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return text
    }

    /// A resource quantity (`512Mi`, `0.5`, `500m`, `1e9`, or a bare number), in its base unit.
    func quantity() throws(HardenError) -> Double {
        let text: String
        switch node.kind {
        case .string(let value): text = value
        case .number(let literal): text = literal
        default: throw error("expected a quantity such as 512Mi or 500m, found \(node.typeName)")
        }
        guard let value = KubernetesQuantityText.parse(text) else {
            throw error("\(describe()) is not a Kubernetes quantity; write e.g. 512Mi for memory or 500m for CPU")
        }
        return value
    }
}

/// resource.Quantity's grammar: a signed decimal number, then a binary suffix (Ki … Ei), a decimal
/// SI suffix (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2).
package enum KubernetesQuantityText {
    static let binary: [String: Double] = ["Ki": 0x1p10, "Mi": 0x1p20, "Gi": 0x1p30, "Ti": 0x1p40, "Pi": 0x1p50, "Ei": 0x1p60]
    static let decimal: [String: Double] = ["n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18]

    static func parse(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        func digit(_ at: Int) -> Bool { at < scalars.count && ("0"..."9").contains(scalars[at]) }
        var digits = 0
        while digit(index) { index += 1; digits += 1 }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            while digit(index) { index += 1; digits += 1 }
        }
        guard digits > 0, let number = Double(String(String.UnicodeScalarView(scalars[0..<index]))) else { return nil }
        let suffix = String(String.UnicodeScalarView(scalars[index...]))
        if let scale = binary[suffix] ?? decimal[suffix] { return number * scale }
        // An exponent: e or E, an optional sign, digits ("1E" alone is exa, taken above).
        guard let first = suffix.first, first == "e" || first == "E" else { return nil }
        var exponent = suffix.dropFirst()
        var negative = false
        if let sign = exponent.first, sign == "+" || sign == "-" { negative = sign == "-"; exponent = exponent.dropFirst() }
        guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }), let power = Int(exponent), power <= 400 else { return nil }
        return number * pow10(negative ? -power : power)
    }

    private static func pow10(_ power: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(power) { result *= 10 }
        return power < 0 ? 1 / result : result
    }
}
