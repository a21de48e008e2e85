import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Every rule, with one docker run line that trips it and one close to it that does not.
@Suite("The rule table")
struct RuleTableTests {
    struct Fixture: Sendable, CustomStringConvertible {
        var rule: String
        var trips: String
        var passes: String
        var policy: String = "{}"
        /// For the secret rules: a `--secret db=/srv/secrets/db` whose file has this owner and mode,
        /// first when tripping, then when passing.
        var secretFile: (trips: FileStatus, passes: FileStatus)?
        /// A host of its own, for the rules that read files there (the broker's configuration).
        var host: HostFacts?
        var description: String { rule }

        static let secretPath = "/srv/secrets/db"

        func ruleIDs(tripping: Bool, policy: Policy) throws -> Set<String> {
            if let host { return try Audit.ruleIDs(tripping ? trips : passes, policy: policy, host: host) }
            guard let secretFile else { return try Audit.ruleIDs(tripping ? trips : passes, policy: policy) }
            let status = tripping ? secretFile.trips : secretFile.passes
            return try Audit.ruleIDs(tripping ? trips : passes, policy: policy, host: Audit.host(statuses: [Self.secretPath: status]),
                                     secrets: [.init(name: "db", source: Self.secretPath)])
        }
    }

    static func file(_ uid: Int, _ gid: Int, _ mode: Int) -> FileStatus { FileStatus(kind: .regular, uid: uid, gid: gid, mode: mode) }

    static let fixtures: [Fixture] = [
        Fixture(rule: "privileged", trips: "--privileged img:1", passes: "--privileged=false img:1"),
        Fixture(rule: "runtime-socket", trips: "-v /var/run/docker.sock:/var/run/docker.sock img:1", passes: "-v /srv/docker-data:/data img:1"),
        Fixture(rule: "not-understood", trips: "sudo -s docker run img:1", passes: "sudo -E env X=1 docker run img:1"),
        Fixture(rule: "host-namespace", trips: "--pid host img:1", passes: "--pid container:db img:1"),
        Fixture(rule: "dangerous-capability", trips: "--cap-add SYS_ADMIN img:1", passes: "--cap-add NET_BIND_SERVICE img:1"),
        Fixture(rule: "confinement-disabled", trips: "--security-opt seccomp=unconfined img:1", passes: "--security-opt seccomp=/etc/docker/seccomp.json img:1"),
        Fixture(rule: "host-device", trips: "--device /dev/sda img:1", passes: "--device-cgroup-rule 'c 1:3 m' img:1"),
        Fixture(rule: "sensitive-host-path", trips: "-v /etc:/host-etc:ro img:1", passes: "-v /etc/localtime:/etc/localtime:ro img:1"),
        Fixture(rule: "shared-propagation", trips: "-v /srv/data:/data:rshared img:1", passes: "-v /srv/data:/data:rslave img:1"),
        Fixture(rule: "host-sysctl", trips: "--sysctl kernel.core_pattern=x img:1", passes: "--sysctl net.ipv4.ip_unprivileged_port_start=80 img:1"),
        Fixture(rule: "registry-not-allowed", trips: "docker.io/library/nginx:1", passes: "ghcr.io/acme/app:1",
                policy: #"{"registries": {"allow": ["ghcr.io"]}}"#),
        Fixture(rule: "secret-unreadable", trips: "--user 65532:65532 img:1", passes: "--user 65532:65532 img:1",
                secretFile: (file(0, 0, 0o600), file(0, 65532, 0o440))),
        Fixture(rule: "digest-required", trips: "ghcr.io/acme/app:1", passes: "ghcr.io/acme/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                policy: #"{"registries": {"requireDigest": true}}"#),
        Fixture(rule: "socket-broker", trips: BrokerFixture.line(), passes: BrokerFixture.line(extra: "-p 127.0.0.1:2375:2375"),
                host: BrokerFixture.host()),
        Fixture(rule: "capabilities-not-minimal", trips: "--cap-drop ALL --cap-add CHOWN img:1", passes: "--cap-drop ALL --cap-add NET_BIND_SERVICE img:1"),
        Fixture(rule: "new-privileges-allowed", trips: "img:1", passes: "--security-opt no-new-privileges img:1"),
        Fixture(rule: "writable-root-filesystem", trips: "img:1", passes: "--read-only img:1"),
        Fixture(rule: "root-user", trips: "--user 0:0 img:1", passes: "--user 1000 img:1"),
        Fixture(rule: "no-memory-limit", trips: "img:1", passes: "-m 256m img:1"),
        Fixture(rule: "no-pids-limit", trips: "img:1", passes: "--pids-limit 100 img:1"),
        Fixture(rule: "no-cpu-limit", trips: "img:1", passes: "--cpus 0.5 img:1"),
        Fixture(rule: "oom-killer-disabled", trips: "--oom-kill-disable img:1", passes: "--oom-kill-disable -m 512m img:1"),
        Fixture(rule: "cgroup-parent-outside-engine", trips: "--cgroup-parent / img:1", passes: "--cgroup-parent /docker/app img:1"),
        Fixture(rule: "gpu-access", trips: "--gpus all img:1", passes: "--device-cgroup-rule 'c 195:* m' img:1"),
        Fixture(rule: "ports-on-all-interfaces", trips: "-p 8080:80 img:1", passes: "-p 127.0.0.1:8080:80 img:1"),
        Fixture(rule: "privileged-host-port", trips: "-p 127.0.0.1:443:8443 img:1", passes: "-p 127.0.0.1:8443:443 img:1"),
        Fixture(rule: "unbounded-restart", trips: "--restart always img:1", passes: "--restart on-failure:5 img:1"),
        Fixture(rule: "unpinned-image", trips: "registry.local:5000/app", passes: "registry.local:5000/app:2.1"),
        Fixture(rule: "secret-in-environment", trips: "-e DB_PASSWORD=hunter2 img:1", passes: "-e DB_PASSWORD_FILE=/run/secrets/db img:1"),
        Fixture(rule: "secret-readable-by-others", trips: "--user 65532:65532 img:1", passes: "--user 65532:65532 img:1",
                secretFile: (file(0, 65532, 0o644), file(0, 65532, 0o640))),
        Fixture(rule: "host-config-mounted", trips: "-v /etc/myapp:/config:ro img:1", passes: "-v /srv/myapp:/config:ro img:1"),
        Fixture(rule: "writable-host-path", trips: "-v /srv/app/data:/data img:1", passes: "-v /srv/app/data:/data:ro img:1"),
        Fixture(rule: "joins-another-container", trips: "--volumes-from builder img:1", passes: "--volume builder:/data img:1"),
        Fixture(rule: "exception-expired", trips: "--network host prom/node-exporter:1", passes: "--network host prom/node-exporter:1",
                policy: #"{"exceptions": [{"rule": "host-namespace", "image": "prom/node-exporter", "reason": "reads host metrics", "expires": "2025-01-31"}]}"#),
    ]

    @Test("each rule trips on its fixture", arguments: fixtures)
    func trips(fixture: Fixture) throws {
        let rules = try fixture.ruleIDs(tripping: true, policy: try Audit.policy(fixture.policy))
        #expect(rules.contains(fixture.rule))
    }

    @Test("each rule stays quiet on a close look-alike", arguments: fixtures)
    func passes(fixture: Fixture) throws {
        // The expired exception is the one rule whose quiet case is the same line under a renewed policy.
        let policy = fixture.rule == "exception-expired" ? fixture.policy.replacingOccurrences(of: "2025-01-31", with: "2025-12-31") : fixture.policy
        let rules = try fixture.ruleIDs(tripping: false, policy: try Audit.policy(policy))
        #expect(!rules.contains(fixture.rule))
    }

    /// Rules about the inputs rather than a launch: no docker run line trips them; each has its own suite.
    /// seccomp-cannot-start judges a profile's seccomp policy, which no docker run line carries.
    static let aboutInputs: Set<String> = ["unreadable-input", "seccomp-cannot-start"]

    @Test("every rule in the table has a fixture, and every fixture a rule")
    func completeness() {
        #expect(Set(Self.fixtures.map(\.rule)).union(Self.aboutInputs) == Set(RuleTable.ids))
        #expect(Self.fixtures.count + Self.aboutInputs.count == RuleTable.all.count)
    }

    @Test("ids are unique and every rule says what, why, how to fix and where the benchmarks discuss it")
    func documentation() {
        #expect(Set(RuleTable.ids).count == RuleTable.ids.count)
        for rule in RuleTable.all {
            #expect(rule.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.id)")
            #expect(!rule.summary.isEmpty && !rule.why.isEmpty && !rule.fix.isEmpty && !rule.cis.isEmpty && !rule.pss.isEmpty, "\(rule.id)")
        }
    }

    @Test("only privileged, runtime-socket, not-understood and unreadable-input are hard rejections, and they come first")
    func hardRules() {
        #expect(RuleTable.all.filter(\.hard).map(\.id) == ["privileged", "runtime-socket", "not-understood", "unreadable-input"])
        #expect(RuleTable.all.prefix(4).allSatisfy { $0.hard })
    }

    @Test("a fully hardened line trips no rule at all")
    func hardenedLineIsQuiet() throws {
        #expect(try Audit.findings(Audit.hardened + " ghcr.io/acme/app:1.4.2").isEmpty)
    }
}

@Suite("The validator's documentation")
struct ValidatorDocumentationTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/validator.md").path

    @Test("docs/validator.md lists every rule with the references the table holds")
    func everyRuleDocumented() throws {
        let text = try String(contentsOfFile: Self.page, encoding: .utf8)
        for rule in RuleTable.all {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| `\(rule.id)` |") }
            #expect(row?.contains("| \(rule.cis) | \(rule.pss) |") == true, "\(rule.id) is missing or out of date in docs/validator.md")
        }
    }

    @Test("docs/validator.md names every setting a policy can require")
    func everyRequirementDocumented() throws {
        let text = try String(contentsOfFile: Self.page, encoding: .utf8)
        for requirement in Policy.requirements { #expect(text.contains("`\(requirement.name)`"), "\(requirement.name)") }
    }

    @Test("the sample policy in docs/validator.md is a valid policy")
    func samplePolicyDecodes() throws {
        let text = try String(contentsOfFile: Self.page, encoding: .utf8)
        let sample = try #require(text.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        let policy = try PolicyDecoder.decode(sample, file: "docs/validator.md")
        #expect(policy.exceptions.count == 2)
    }
}
