/// What a secret may be called. The name is a file name under /run/secrets, a compose secret's key
/// and a Kubernetes Secret's key, so it keeps to the characters all three accept.
public enum SecretName {
    public static let maxLength = 128

    /// Why `name` cannot name a secret, or nil when it can.
    public static func problem(with name: String) -> String? {
        guard let first = name.first else { return "a secret needs a name" }
        guard first.isASCII, first.isLetter || first.isNumber else {
            return "\"\(name)\" is not a secret name; start it with a letter or digit"
        }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            return "\"\(name)\" is not a secret name; use letters, digits, '-', '_' and '.'"
        }
        guard name.count <= maxLength else { return "\"\(name)\" is longer than \(maxLength) characters" }
        return nil
    }

    /// The secret name a variable's value would travel under: `DB_PASSWORD` → `db-password`, the
    /// spelling compose and Kubernetes use for secrets.
    public static func from(variable: String) -> String {
        let mapped = variable.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == ".") ? character : "-"
        }
        let trimmed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return trimmed.isEmpty || problem(with: trimmed) != nil ? "secret" : trimmed
    }
}
