import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Policy files")
struct PolicyDecoderTests {
    @Test("a full policy decodes: severities, requirements, capabilities, registries, exceptions")
    func full() throws {
        let policy = try Audit.policy("""
        {
          "description": "acme platform policy",
          "require": ["nonRoot", "memoryLimit"],
          "severities": {"no-cpu-limit": "off", "host-namespace": "warning", "unpinned-image": "error"},
          "capabilities": {"allow": ["net_admin", "CAP_SYS_PTRACE"]},
          "registries": {"allow": ["ghcr.io/acme", "registry.acme.internal:5000"], "requireDigest": true},
          "exceptions": [
            {"rule": "host-namespace", "image": "prom/node-exporter", "reason": "reads host network metrics", "expires": "2026-06-30"}
          ]
        }
        """)
        #expect(policy.levels == ["root-user": .error, "no-memory-limit": .error, "no-cpu-limit": .off, "host-namespace": .warning, "unpinned-image": .error])
        #expect(policy.allowedCapabilities == ["NET_ADMIN", "SYS_PTRACE"])
        #expect(policy.allowedRegistries == ["ghcr.io/acme", "registry.acme.internal:5000"])
        #expect(policy.requireDigest)
        #expect(policy.exceptions.count == 1)
        #expect(policy.exceptions[0].position.description == "policy.json:8:5")
    }

    @Test("mistakes are one-line errors naming file, line, column and key, and how to fix", arguments: [
        (#"{"severites": {}}"#, #"policy.json:1:2: severites: unknown key; did you mean "severities"?"#),
        (#"{"severities": {"host-namespaces": "off"}}"#, #"policy.json:1:17: severities["host-namespaces"]: "host-namespaces" is not a rule id; did you mean "host-namespace"?"#),
        (#"{"severities": {"root-user": "fatal"}}"#, #"policy.json:1:30: severities["root-user"]: "fatal" is not a severity; use error, warning, note or off"#),
        (#"{"severities": {"privileged": "warning"}}"#, #"policy.json:1:31: severities.privileged: privileged is a hard rejection and is always an error; remove this line"#),
        (#"{"severities": {"runtime-socket": "off"}}"#, #"policy.json:1:35: severities["runtime-socket"]: runtime-socket is a hard rejection and is always an error; remove this line"#),
        (#"{"require": ["nonroot"]}"#, #"policy.json:1:14: require.0: "nonroot" is not a setting a policy can require; did you mean "nonRoot"?"#),
        (#"{"require": ["nonRoot"], "severities": {"root-user": "warning"}}"#, #"policy.json:1:54: severities["root-user"]: root-user is required by "require" (an error) and set to warning here; keep one"#),
        (#"{"capabilities": {"allow": ["ALL"]}}"#, #"policy.json:1:29: capabilities.allow.0: ALL cannot be allowed: it is every capability; list the ones the workloads need by name"#),
        (#"{"exceptions": [{"rule": "privileged", "image": "x", "reason": "r", "expires": "2030-01-01"}]}"#,
         #"policy.json:1:26: exceptions.0.rule: privileged is a hard rejection and takes no exceptions; remove this exception"#),
        (#"{"exceptions": [{"rule": "host-namespace", "reason": "r", "expires": "2030-01-01"}]}"#,
         #"policy.json:1:17: exceptions.0: an exception must be scoped to an "image" or a "profile" (or both)"#),
        (#"{"exceptions": [{"rule": "host-namespace", "image": "x", "expires": "2030-01-01"}]}"#,
         #"policy.json:1:17: exceptions.0: an exception needs a "reason" saying why the rule does not apply"#),
        (#"{"exceptions": [{"rule": "host-namespace", "image": "x", "reason": "r", "expires": "2030-02-30"}]}"#,
         #"policy.json:1:84: exceptions.0.expires: "2030-02-30" is not a date; write YYYY-MM-DD, e.g. 2026-06-30"#),
        (#"{"exceptions": [{"rule": "host-namespace", "image": "x", "reason": "r"}]}"#,
         #"policy.json:1:17: exceptions.0: an exception needs an "expires" date, YYYY-MM-DD"#),
        ("{", "policy.json:1:2: unexpected end of input, expected a string key"),
    ])
    func errors(json: String, message: String) {
        #expect(throws: HardenError.input(message)) { try Audit.policy(json) }
    }
}
