import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Verdicts the property tests found differing between the doors, kept as named cases.
@Suite("Secrets and device rules judged alike on every door")
struct SecretAndDeviceRuleTests {
    @Test("a secret whose file is under a sensitive host path is refused, as its read-only bind is", arguments: ["/etc/shadow", "/root/.ssh/id_rsa", "/var/lib/docker/secret"])
    func sensitiveSecret(path: String) throws {
        let secret = LaunchPlan.Secret(name: "pw", source: path)
        let viaSecret = try Audit.findings(Audit.hardened + " img:1", secrets: [secret]).filter(\.rejects).map(\.ruleID)
        #expect(viaSecret == ["sensitive-host-path"])
        let viaBind = try Audit.errors(Audit.hardened + " -v \(path):/run/secrets/pw:ro img:1")
        #expect(viaBind == ["sensitive-host-path"])
    }

    @Test("an ordinary secret file stays accepted")
    func ordinarySecret() throws {
        let secret = LaunchPlan.Secret(name: "pw", source: "/srv/app/pw.txt")
        #expect(try Audit.findings(Audit.hardened + " img:1", secrets: [secret]).filter(\.rejects).isEmpty)
    }

    @Test("a device rule docker grants every container anyway is no host device; others still are", arguments: [
        ("c 1:3 rwm", false), ("c 136:* rwm", false), ("c 1:3 rw", true), ("b 8:* r", true), ("a *:* rwm", true),
    ])
    func defaultDeviceRule(rule: String, refused: Bool) throws {
        let errors = try Audit.errors(Audit.hardened + " --device-cgroup-rule '\(rule)' img:1")
        #expect(errors == (refused ? ["host-device"] : []))
    }
}
