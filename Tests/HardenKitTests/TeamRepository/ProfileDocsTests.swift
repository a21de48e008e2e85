import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden docs")
struct ProfileDocsTests {
    @Test("each profile gets a table of its settings, the file that set each, and why")
    func scaffold() throws {
        let dir = TemporaryDirectory()
        _ = try Scaffold.write(into: dir.path, shown: ".")
        let result = ValidateCommandTests.run(["docs"], cwd: dir.path)
        #expect(result.status == 0, "\(result.err)")
        let page = result.out
        #expect(page.hasPrefix("# Container hardening profiles\n"))
        #expect(page.contains("- Required of every launch: `nonRoot`, `memoryLimit`, `pidsLimit`, `cpuLimit`, `readOnlyRootFilesystem`, `noNewPrivileges`, `minimalCapabilities`, `boundedRestart`, `noSecretsInEnvironment`\n"))
        #expect(page.contains("- Rule severities: `privileged-host-port` error\n"))
        #expect(page.contains("| [web](#web) | `web` | Our HTTP services"))
        #expect(page.contains("`harden run web IMAGE` · from `web.json` → `built-in web` → `base.json` → `built-in base`\n"))
        #expect(page.contains("| capabilities | none | `built-in web` | none: ports below 1024 come from net.ipv4.ip_unprivileged_port_start=0"))
        #expect(page.contains("| user | `65532:65532` | `built-in base` | 65532 is the conventional nonroot user"), "base.json's reason reaches web's inherited user")
        #expect(page.contains("| user | `999:999` | `built-in db` | 999:999 is the postgres and redis user"))
        #expect(page.contains("The validator accepts it with no findings."))
    }

    @Test("a parent's reason is not shown for a value a child has changed")
    func staleReason() throws {
        let dir = TemporaryDirectory()
        dir.write("parent.json", #"{"extends": "worker", "rationale": {"resources": "the parent's reason"}, "resources": {"memory": "512m"}}"#)
        dir.write("child.json", #"{"extends": "parent", "resources": {"memory": "1g"}}"#)
        let page = ValidateCommandTests.run(["docs", dir.path]).out
        #expect(page.contains("| memory | 512m, no swap | `\(dir.path)/parent.json` | the parent's reason |"))
        #expect(page.contains("| memory | 1g, no swap | `\(dir.path)/child.json` | \(SettingRationale.generic["resources"]!) |"))
    }

    @Test("a reason for one limit explains that limit only")
    func oneLimit() throws {
        let dir = TemporaryDirectory()
        dir.write("api.json", #"{"extends": "web", "rationale": {"resources.memory": "heap is 200m"}, "resources": {"memory": "256m"}}"#)
        let page = ValidateCommandTests.run(["docs", dir.path]).out
        #expect(page.contains("| memory | 256m, no swap | `\(dir.path)/api.json` | heap is 200m |"))
        #expect(page.contains("| CPUs | 1 | `built-in base` | \(SettingRationale.generic["resources"]!) |"))
    }

    @Test("rejected profiles are documented and marked; broken ones refuse the page")
    func verdicts() throws {
        let dir = TemporaryDirectory()
        dir.write("admin.json", #"{"extends": "worker", "capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}}"#)
        let page = ValidateCommandTests.run(["docs", dir.path])
        #expect(page.status == 0)
        #expect(page.out.contains("**The validator rejects it:**\n\n- `dangerous-capability` (error): SYS_ADMIN is added"))
        dir.write("orphan.json", "{\"extends\": \"nosuch\"}")
        dir.write("child.json", "{\"extends\": \"orphan\"}")
        let refused = ValidateCommandTests.run(["docs", dir.path])
        #expect(refused.status == 2)
        #expect(refused.err.hasPrefix("harden: \(dir.path)/orphan.json:1:13 (profile orphan): unknown-parent: "))
        #expect(refused.err.hasSuffix(" and 1 more; `harden validate` lists every defect\n"))
    }

    @Test("the policy section lists what the policy says", arguments: [
        ("{}", ["No team policy"]),
        (#"{"capabilities": {"allow": ["NET_ADMIN"]}, "registries": {"allow": ["ghcr.io/acme"], "requireDigest": true}, "exceptions": [{"rule": "root-user", "profile": "legacy", "reason": "an old | image", "expires": "2030-01-01"}]}"#,
         ["- Capabilities allowed by name: `NET_ADMIN`", "- Images only from: `ghcr.io/acme`, pinned by digest", "| `root-user` | profile `legacy` | 2030-01-01 | an old \\| image |"]),
    ])
    func policy(text: String, expected: [String]) throws {
        let policy = text == "{}" ? Policy() : try PolicyDecoder.decode(text, file: "policy.json")
        let section = ProfileDocs.policySection(policy)
        for line in expected { #expect(section.contains(line), "\(section)") }
    }
}
