/// Rules about the container's environment.
package enum EnvironmentChecks {
    static let secretWords = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY"]

    /// Ends of names that say secret where, anywhere else in a name, the word does not:
    /// `YOURLS_DB_PASS`, `REPO_PASS` (real image docs), but not `BYPASS_PROXY` or `PASSTHROUGH`.
    /// A name that is only `PASS` counts too.
    static let secretEndings = ["_PASS"]

    /// Names that point at a secret rather than hold one (`POSTGRES_PASSWORD_FILE=/run/secrets/db`).
    static let referenceSuffixes = ["_FILE", "_PATH", "_DIR"]

    /// Values that turn a feature on or off rather than hold a secret: `MYSQL_RANDOM_ROOT_PASSWORD=1`,
    /// `ALLOW_EMPTY_PASSWORD=yes` name a secret and carry none. Compared without case.
    static let switchValues: Set<String> = ["1", "0", "yes", "no", "true", "false", "on", "off"]

    package static func secrets(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = plan.environment.compactMap { variable in
            guard let name = secretLiteral(variable) else { return nil }
            return Hit("the environment variable \(name) holds a literal secret, which `docker inspect`, /proc and child processes reveal",
                       .environment(name), fix: fix(for: name, instead: "-e \(name)=…"))
        }
        // docker reads env files on the client, so their variables never show in the plan; the file
        // is read here as the CLI will read it.
        for file in plan.process.environmentFiles {
            let path = file.hasPrefix("/") ? file : context.host.currentDirectory + "/" + file
            guard let text = context.host.readFile(path) else { continue }
            for (line, variable) in envFileVariables(text) {
                guard let name = secretLiteral(variable) else { continue }
                hits.append(Hit("the env file \(file) sets \(name) (line \(line)) to a literal secret, which `docker inspect`, /proc and child processes reveal",
                                .envFile(file), fix: fix(for: name, instead: "\(name)=… in \(file)")))
            }
        }
        return hits
    }

    /// The variable's name when `NAME=value` holds a literal in a name that says secret.
    static func secretLiteral(_ variable: String) -> String? {
        if variable.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSecretLiteral(variable) }
        let pair = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2, !pair[1].isEmpty else { return nil }
        let upper = pair[0].uppercased()
        guard secretWords.contains(where: upper.contains) || upper == "PASS" || secretEndings.contains(where: upper.hasSuffix),
              !referenceSuffixes.contains(where: upper.hasSuffix),
              !switchValues.contains(pair[1].lowercased()) else { return nil }
        return String(pair[0])
    }

    /// `secretLiteral` for plain ASCII, where Characters are bytes: byte comparisons instead of
    /// Foundation's Unicode-aware search, for the environment of every audited launch.
    private static func asciiSecretLiteral(_ variable: String) -> String? {
        let bytes = Array(variable.utf8)
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals + 1 < bytes.count else { return nil }
        let upper = bytes[..<equals].map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
        func holds(_ word: [UInt8]) -> Bool {
            guard word.count <= upper.count else { return false }
            return (0...(upper.count - word.count)).contains { upper[$0..<($0 + word.count)].elementsEqual(word) }
        }
        func ends(_ word: [UInt8]) -> Bool { upper.suffix(word.count).elementsEqual(word) }
        guard secretWordBytes.contains(where: holds) || upper.elementsEqual(passBytes) || secretEndingBytes.contains(where: ends),
              !referenceSuffixBytes.contains(where: ends) else { return nil }
        // Checked only once the name says secret, so most variables never pay for it.
        let value = bytes[(equals + 1)...]
        if value.count <= 5, switchValues.contains(String(decoding: value.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)) {
            return nil
        }
        return String(decoding: bytes[..<equals], as: UTF8.self)
    }

    private static let secretWordBytes = secretWords.map { Array($0.utf8) }
    private static let referenceSuffixBytes = referenceSuffixes.map { Array($0.utf8) }
    private static let secretEndingBytes = secretEndings.map { Array($0.utf8) }
    private static let passBytes = Array("PASS".utf8)

    /// The same value, passed as a file: the secret name is the variable's, in the spelling secrets use.
    static func fix(for variable: String, instead: String) -> String {
        let secret = SecretName.from(variable: variable)
        let path = "\(LaunchPlan.Secret.directory)/\(secret)"
        return "write the value to a file and pass --secret \(secret)=FILE instead of \(instead): the container reads it at \(path); an image that takes \(variable)_FILE gets -e \(variable)_FILE=\(path)"
    }

    /// `NAME=value` lines of a docker env file with their line numbers, read as the docker CLI reads
    /// them: leading blanks dropped, `#` comments and blank lines skipped, no quoting, and a bare
    /// `NAME` taken from the caller's environment (so never a literal).
    static func envFileVariables(_ text: String) -> [(line: Int, variable: String)] {
        var result: [(Int, String)] = []
        // "\r\n" is one Character in Swift, a newline like "\n".
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = raw
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.drop { $0.isWhitespace }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), trimmed.contains("=") else { continue }
            result.append((index + 1, String(trimmed)))
        }
        return result
    }
}
