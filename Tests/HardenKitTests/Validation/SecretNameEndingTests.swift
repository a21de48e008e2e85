import Testing
@testable import HardenModel

/// Names the real-world corpus showed holding passwords without saying PASSWORD: `YOURLS_DB_PASS`,
/// `REPO_PASS` (watchtower's docs), `DB_PASS` (bonita's compose file).
@Suite("secret-in-environment: a name ending in _PASS says secret, PASS inside a word does not")
struct SecretNameEndingTests {
    func secretMessages(_ line: String) throws -> [String] {
        try Audit.findings(line).filter { $0.ruleID == "secret-in-environment" }.map(\.message)
    }

    @Test("a literal in a name that ends in _PASS, is PASS or says PASSPHRASE is found", arguments: [
        "REPO_PASS=password", "YOURLS_DB_PASS=example", "PASS=hunter2", "db_pass=hunter2", "GPG_PASSPHRASE=correct-horse", "ÉCOLE_PASS=hunter2",
    ])
    func found(variable: String) throws {
        let name = String(variable.prefix { $0 != "=" })
        #expect(try secretMessages("-e '\(variable)' img:1") == [
            "the environment variable \(name) holds a literal secret, which `docker inspect`, /proc and child processes reveal",
        ])
    }

    @Test("PASS inside another word, a switch, or a reference to a file is not a finding", arguments: [
        "BYPASS_PROXY=1.2.3.4", "PASSTHROUGH=eth0", "COMPASS_URL=http://x", "NO_PROXY_BYPASS=internal", "DB_PASS=yes",
        "DB_PASS_FILE=/run/secrets/db", "PASSWORD_ACCESS=false",
    ])
    func notFound(variable: String) throws {
        #expect(try secretMessages("-e '\(variable)' img:1") == [])
    }
}
