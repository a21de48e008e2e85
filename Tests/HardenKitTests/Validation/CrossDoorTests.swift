import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// One case, written for every door that can express it (a profile, a docker run line, an OCI
/// config, a compose file), must get the same verdict and the same errors through each. Each door
/// starts from a hardened launch and adds only the case's setting.
@Suite("Every door gives the same verdict")
struct CrossDoorTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// Extra keys of a profile extending the built-in worker; nil when a profile cannot say it.
        var profile: String?
        var docker: String
        /// Extra keys for the OCI config, each a patch of the hardened one.
        var oci: OCIPatch
        /// Extra members of the compose service.
        var compose: String
        var errors: Set<String>
        var description: String { name }
    }

    struct OCIPatch: Sendable {
        var mounts: [String] = []
        var capabilities: [String] = []
        var dropNamespaces: [String] = []
        var seccomp = true
        var devices: [String] = []
        var deviceRules: [String] = []
        var sysctl: [String] = []
    }

    static let cases: [Case] = [
        Case(name: "a hardened launch", profile: "", docker: "", oci: OCIPatch(), compose: "", errors: []),
        Case(name: "the docker socket bound", profile: #""volumes": {"/s": {"type": "bind", "source": "/var/run/docker.sock"}}"#,
             docker: "-v /var/run/docker.sock:/s",
             oci: OCIPatch(mounts: [#"{"destination": "/s", "type": "bind", "source": "/var/run/docker.sock", "options": ["rbind"]}"#]),
             compose: #""volumes": ["/var/run/docker.sock:/s"]"#, errors: ["runtime-socket"]),
        Case(name: "/run bound read-only", profile: #""volumes": {"/r": {"type": "bind", "source": "/run", "readOnly": true}}"#,
             docker: "-v /run:/r:ro",
             oci: OCIPatch(mounts: [#"{"destination": "/r", "source": "/run", "options": ["rbind", "ro"]}"#]),
             compose: #""volumes": [{"type": "bind", "source": "/run", "target": "/r", "read_only": true}]"#, errors: ["runtime-socket"]),
        Case(name: "the host's network", profile: #""network": {"mode": "host"}"#, docker: "--network host",
             oci: OCIPatch(dropNamespaces: ["network"]), compose: #""network_mode": "host""#, errors: ["host-namespace"]),
        Case(name: "SYS_ADMIN added", profile: #""capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}"#, docker: "--cap-add SYS_ADMIN",
             oci: OCIPatch(capabilities: ["CAP_SYS_ADMIN"]), compose: #""cap_add": ["SYS_ADMIN"]"#, errors: ["dangerous-capability"]),
        Case(name: "/etc bound read-only", profile: #""volumes": {"/e": {"type": "bind", "source": "/etc", "readOnly": true}}"#,
             docker: "-v /etc:/e:ro",
             oci: OCIPatch(mounts: [#"{"destination": "/e", "type": "bind", "source": "/etc", "options": ["bind", "ro"]}"#]),
             compose: #""volumes": ["/etc:/e:ro"]"#, errors: ["sensitive-host-path"]),
        Case(name: "privileged", profile: nil, docker: "--privileged",
             oci: OCIPatch(capabilities: Capability.all.map(\.ociName), seccomp: false), compose: #""privileged": true"#,
             errors: ["privileged"]),
        Case(name: "seccomp off", profile: nil, docker: "--security-opt seccomp=unconfined", oci: OCIPatch(seccomp: false),
             compose: #""security_opt": ["no-new-privileges:true", "seccomp:unconfined"]"#, errors: ["confinement-disabled"]),
        Case(name: "a host disk", profile: nil, docker: "--device /dev/sda",
             oci: OCIPatch(devices: [#"{"path": "/dev/sda", "type": "b", "major": 8, "minor": 0}"#],
                           deviceRules: [#"{"allow": true, "type": "b", "major": 8, "minor": 0, "access": "rwm"}"#]),
             compose: #""devices": ["/dev/sda"]"#, errors: ["host-device"]),
        Case(name: "kernel.core_pattern", profile: nil, docker: "--sysctl kernel.core_pattern=x", oci: OCIPatch(sysctl: [#""kernel.core_pattern": "x""#]),
             compose: #""sysctls": {"kernel.core_pattern": "x"}"#, errors: ["host-sysctl"]),
        Case(name: "the host's pids", profile: nil, docker: "--pid host", oci: OCIPatch(dropNamespaces: ["pid"]),
             compose: #""pid": "host""#, errors: ["host-namespace"]),
        Case(name: "shared propagation", profile: nil, docker: "-v /srv/data:/data:ro,rshared",
             oci: OCIPatch(mounts: [#"{"destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind", "ro", "rshared"]}"#]),
             compose: #""volumes": [{"type": "bind", "source": "/srv/data", "target": "/data", "read_only": true, "bind": {"propagation": "rshared"}}]"#,
             errors: ["shared-propagation"]),
    ]

    static let validator = Validator(host: Audit.host)

    static func errors(_ findings: [Finding]) -> Set<String> { Set(findings.filter(\.rejects).map(\.ruleID)) }

    static func dockerErrors(_ c: Case) throws -> Set<String> {
        try Audit.errors(Audit.hardened + " " + c.docker + " ghcr.io/acme/app:1")
    }

    static func ociErrors(_ c: Case) throws -> Set<String> {
        let launch = try OCIConfigReader.read(try JSONParser.parse(ociConfig(c.oci)), file: "config.json")
        return errors(validator.findings(for: launch.plan, sources: launch.sources))
    }

    static func composeErrors(_ c: Case) throws -> Set<String> {
        let extra = c.compose.isEmpty ? "" : ", " + c.compose
        var service = #""image": "ghcr.io/acme/app:1", "user": "65532:65532", "cap_drop": ["ALL"], "read_only": true, "mem_limit": "536870912", "pids_limit": 256, "cpus": 1, "restart": "on-failure:5""#
        if !c.compose.contains("security_opt") { service += #", "security_opt": ["no-new-privileges:true"]"# }
        let launches = try ComposeReader.read(try JSONParser.parse(#"{"services": {"app": {"# + service + extra + "}}}"), file: "compose.json")
        return errors(validator.findings(for: launches[0].plan, sources: launches[0].sources))
    }

    static func profileErrors(_ profile: String) throws -> Set<String> {
        let dir = TemporaryDirectory()
        let body = profile.isEmpty ? "" : ", " + profile
        dir.write("case.json", #"{"extends": "worker""# + body + "}")
        let resolved = try ProfileRepository(searchPath: SearchPath(entries: [.init(directory: dir.path, explicit: true)])).resolve("case")
        return errors(validator.findings(for: PlanBuilder.plan(for: resolved.profile), sources: resolved.planSources, skipping: Session.imageRules))
    }

    static func ociConfig(_ patch: OCIPatch) -> String {
        let namespaces = ["pid", "network", "ipc", "uts", "mount", "cgroup"].filter { !patch.dropNamespaces.contains($0) }
            .map { #"{"type": "\#($0)"}"# }.joined(separator: ", ")
        let caps = (["CAP_NET_BIND_SERVICE"] + patch.capabilities).map { "\"\($0)\"" }.joined(separator: ", ")
        let seccomp = patch.seccomp ? #""seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}]},"# : ""
        let rules = ([#"{"allow": false, "access": "rwm"}"#] + patch.deviceRules).joined(separator: ", ")
        return """
        {
          "ociVersion": "1.0.2",
          "process": {
            "user": {"uid": 65532, "gid": 65532}, "args": ["/app"], "env": ["PATH=/usr/bin:/bin"], "cwd": "/",
            "capabilities": {"bounding": [\(caps)], "effective": [\(caps)], "permitted": [\(caps)]},
            "noNewPrivileges": true
          },
          "root": {"path": "rootfs", "readonly": true},
          "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}\(patch.mounts.map { ", " + $0 }.joined())],
          "linux": {
            "namespaces": [\(namespaces)],
            \(seccomp)
            "resources": {"memory": {"limit": 536870912}, "pids": {"limit": 256}, "cpu": {"quota": 100000, "period": 100000}, "devices": [\(rules)]},
            "devices": [\(patch.devices.joined(separator: ", "))],
            "sysctl": {\(patch.sysctl.joined(separator: ", "))},
            "maskedPaths": ["/proc/kcore", "/proc/keys"], "readonlyPaths": ["/proc/sys", "/proc/sysrq-trigger"]
          }
        }
        """
    }

    @Test("each case gets the same errors from the docker run line, the OCI config and the compose file", arguments: cases)
    func sameErrors(c: Case) throws {
        let docker = try Self.dockerErrors(c)
        #expect(docker == c.errors, "docker run: \(docker.sorted())")
        let oci = try Self.ociErrors(c)
        #expect(oci == c.errors, "OCI: \(oci.sorted())")
        let compose = try Self.composeErrors(c)
        #expect(compose == c.errors, "compose: \(compose.sorted())")
    }

    @Test("each case a profile can express gets the same errors from the profile", arguments: cases.filter { $0.profile != nil })
    func sameErrorsFromProfile(c: Case) throws {
        let profile = try Self.profileErrors(c.profile!)
        #expect(profile == c.errors, "profile: \(profile.sorted())")
    }

    @Test("harden run refuses a rejected profile with exit 1, and runs the hardened one", arguments: cases.filter { $0.profile != nil })
    func runRefusesProfile(c: Case) {
        let dir = TemporaryDirectory()
        dir.write("case.json", #"{"extends": "worker""# + (c.profile!.isEmpty ? "" : ", " + c.profile!) + "}")
        let result = CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "case", "img:1"])
        #expect(result.status == (c.errors.isEmpty ? 0 : 1), "\(result.err)")
        if !c.errors.isEmpty { #expect(result.err.hasPrefix("harden: the profile case is rejected: ")) }
    }
}
