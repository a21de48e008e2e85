import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The validator applies the team policy")
struct ValidatorTests {
    @Test("a policy raises warnings to errors, by severity or by requirement")
    func raise() throws {
        let line = "--user 0 img:1"
        #expect(try Audit.errors(line).isEmpty)
        #expect(try Audit.errors(line, policy: try Audit.policy(#"{"severities": {"root-user": "error"}}"#)) == ["root-user"])
        #expect(try Audit.errors(line, policy: try Audit.policy(#"{"require": ["nonRoot", "memoryLimit"]}"#)) == ["root-user", "no-memory-limit"])
    }

    @Test("a policy lowers or turns off an ordinary rule")
    func lower() throws {
        let policy = try Audit.policy(#"{"severities": {"host-namespace": "warning", "no-cpu-limit": "off"}}"#)
        let findings = try Audit.findings("--network host img:1", policy: policy)
        #expect(findings.first { $0.ruleID == "host-namespace" }?.severity == .warning)
        #expect(!findings.contains { $0.ruleID == "no-cpu-limit" })
        #expect(!findings.rejects)
    }

    @Test("allowed capabilities are neither dangerous nor superfluous; ALL stays dangerous")
    func allowedCapabilities() throws {
        let policy = try Audit.policy(#"{"capabilities": {"allow": ["NET_ADMIN", "CHOWN"]}}"#)
        let rules = try Audit.ruleIDs("--cap-drop ALL --cap-add NET_ADMIN --cap-add CHOWN img:1", policy: policy)
        #expect(!rules.contains("dangerous-capability") && !rules.contains("capabilities-not-minimal"))
        #expect(try Audit.errors("--cap-add SYS_ADMIN img:1", policy: policy) == ["dangerous-capability"])
        #expect(try Audit.errors("--cap-add ALL img:1", policy: policy) == ["dangerous-capability"])
    }

    @Test("an exception covers its rule for its image until it expires, then says it expired", arguments: [
        ("2026-06-30", false, false), ("2025-06-01", false, false), ("2025-05-31", true, true),
    ])
    func exception(expires: String, rejected: Bool, announcesExpiry: Bool) throws {
        let policy = try Audit.policy("""
        {"exceptions": [{"rule": "host-namespace", "image": "prom/node-exporter", "reason": "reads host metrics", "expires": "\(expires)"}]}
        """)
        let findings = try Audit.findings("--network host prom/node-exporter:v1.8.0", policy: policy)
        #expect(findings.rejects == rejected)
        let expiry = findings.first { $0.ruleID == "exception-expired" }
        #expect((expiry != nil) == announcesExpiry)
        if let expiry {
            #expect(expiry.message == "the exception for host-namespace on image prom/node-exporter (policy.json:1:17) expired on \(expires) and no longer applies")
        } else {
            #expect(findings.first { $0.ruleID == "host-namespace" }?.exception?.hasPrefix("reads host metrics (excepted until \(expires)") == true)
        }
    }

    @Test("an exception does not reach other images, other rules or other profiles")
    func exceptionScope() throws {
        let policy = try Audit.policy("""
        {"exceptions": [
          {"rule": "host-namespace", "image": "prom/node-exporter", "reason": "metrics", "expires": "2030-01-01"},
          {"rule": "host-device", "profile": "gpu", "reason": "CUDA", "expires": "2030-01-01"}
        ]}
        """)
        #expect(try Audit.errors("--network host nginx:1", policy: policy) == ["host-namespace"])
        #expect(try Audit.errors("--network host --pid host prom/node-exporter:1", policy: policy).isEmpty)
        #expect(try Audit.errors("--device /dev/nvidia0 prom/node-exporter:1", policy: policy) == ["host-device"])
        let launch = try Audit.launch("--device /dev/nvidia0 cuda:12")
        let validator = Validator(policy: policy, host: Audit.host)
        #expect(!validator.findings(for: launch.plan, profile: "gpu").rejects)
        #expect(validator.findings(for: launch.plan, profile: "web").rejects)
    }

    @Test("image patterns match either spelling of a repository, tags, and prefixes", arguments: [
        ("nginx", "nginx:1.27", true), ("nginx", "docker.io/library/nginx:1.27", true), ("docker.io/library/nginx", "nginx", true),
        ("nginx:1.27", "nginx:1.27", true), ("nginx:1.27", "nginx:1.26", false), ("ghcr.io/acme/*", "ghcr.io/acme/api:3", true),
        ("ghcr.io/acme/*", "ghcr.io/other/api:3", false), ("prom/*", "prom/node-exporter:v1", true), ("nginx", "nginx-unprivileged:1", false),
        ("registry.local:5000/app", "registry.local:5000/app:2", true),
    ])
    func imagePatterns(pattern: String, image: String, matches: Bool) {
        #expect(ImageReference.matches(pattern, image: image) == matches)
    }

    @Test("findings are placed at the argument that asked for them, or at the launch for what is missing")
    func positions() throws {
        let findings = try Audit.findings("docker run -p 80:80 --cap-add SYS_ADMIN img")
        #expect(findings.first { $0.ruleID == "dangerous-capability" }?.position.description == "argument 5")
        #expect(findings.first { $0.ruleID == "privileged-host-port" }?.position.description == "argument 3")
        #expect(findings.first { $0.ruleID == "unpinned-image" }?.position.description == "argument 7")
        #expect(findings.first { $0.ruleID == "no-memory-limit" }?.position.description == "")
    }
}
