import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The rows of the sensitive-path table added for issue 19: CA certificates, macOS homes, whole
/// homes, agent sockets, cloud credentials. Each row through a docker run line, as `check` reads it.
@Suite("Sensitive host paths: homes, agents, CA certificates, cloud credentials")
struct SensitivePathRowsTests {
    func pathFindings(_ line: String) throws -> [String] {
        try Audit.findings(line).filter { ["sensitive-host-path", "host-config-mounted"].contains($0.ruleID) }.map { "\($0.ruleID): \($0.message)" }
    }

    @Test("/etc/ssl/certs read-only is a warning with its own reason, not an error; writable, an error", arguments: ["/etc/ssl/certs", "/etc/ssl/certs/ca-certificates.crt"])
    func caCertificates(path: String) throws {
        let findings = try Audit.findings("-v \(path):/etc/ssl/certs:ro img:1")
        #expect(!findings.rejects)
        let reason = path == "/etc/ssl/certs" ? "\(path) is the host's trusted CA certificates" : "\(path) is part of /etc/ssl/certs, the host's trusted CA certificates"
        #expect(try pathFindings("-v \(path):/c:ro img:1") == ["host-config-mounted: the mount \(path):/c:ro exposes host configuration: \(reason): read-only it changes nothing on the host, but the container then trusts whatever the host trusts, an interception CA included; prefer the image's own bundle"])
        #expect(try Audit.errors("-v \(path):/c img:1").contains("sensitive-host-path"))
    }

    @Test("a whole home, or a directory of homes, is an error read-only too", arguments: [
        ("/home/alice", "/home/alice is a user's home"), ("/home", "/home holds /home/*, a user's home"),
        ("/Users/bob", "/Users/bob is a user's home"), ("/Users", "/Users holds /Users/*, a user's home"),
        ("~", "/~ is a user's home (an unexpanded ~)"), ("/root", "/root is root's home, keys and credentials"),
        ("/run/user/1000/", "/run/user/1000 is a user's runtime directory"),
    ])
    func wholeHome(path: String, reason: String) throws {
        let findings = try pathFindings("-v \(path):/h:ro img:1")
        #expect(findings.contains { $0.hasPrefix("sensitive-host-path: the mount \(path):/h:ro exposes a sensitive host path") && $0.contains(reason) }, "\(findings)")
    }

    @Test("what lies in a home and is no credential stays nothing", arguments: ["/home/alice/project", "/Users/bob/src/app", "/home/alice/.config/app"])
    func insideHome(path: String) throws {
        #expect(try pathFindings("-v \(path):/p:ro img:1") == [])
    }

    @Test("credentials and agent sockets are errors read-only, each with its reason", arguments: [
        ("/Users/bob/.ssh", "/Users/*/.ssh, a user's SSH keys"), ("/Users/bob/.docker/config.json", "/Users/*/.docker, a user's registry credentials"),
        ("/Users/bob/.kube", "/Users/*/.kube, a user's cluster credentials"), ("/Users/bob/.aws", "/Users/*/.aws, a user's cloud credentials"),
        ("/Users/bob/.gnupg", "/Users/*/.gnupg, a user's GPG keys"), ("/home/alice/.gnupg", "/home/*/.gnupg, a user's GPG keys"),
        ("/var/run/ssh-agent.sock", "/run/ssh-agent*, an SSH agent's socket"), ("/tmp/ssh-XXXXabc/agent.1234", "/tmp/ssh-*, an SSH agent's socket directory ($SSH_AUTH_SOCK)"),
        ("/run/user/1000/keyring/ssh", "/run/user/*/keyring, the user's keyring agent"), ("/run/user/1000/gnupg/S.gpg-agent", "/run/user/*/gnupg, the user's GPG agent"),
        ("/run/user/1000/bus", "/run/user/*/bus, the user's D-Bus session bus"), ("/run/user/1000/systemd/private", "/run/user/*/systemd, the user's systemd manager"),
        ("/var/run/secrets/kubernetes.io/serviceaccount", "/run/secrets/kubernetes.io, a pod's service account token"),
        ("/var/lib/waagent", "/var/lib/waagent, the Azure agent's provisioning certificates and keys"),
        ("/var/lib/cloud/instance/user-data.txt", "/var/lib/cloud, cloud-init's instance data"),
    ])
    func credential(path: String, reason: String) throws {
        let findings = try pathFindings("-v \(path):/s:ro img:1")
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("sensitive-host-path: the mount \(path):/s:ro exposes a sensitive host path: ") == true, "\(findings)")
        #expect(findings.first?.contains(reason) == true, "\(findings)")
    }

    @Test("an agent's name prefix is the whole of the row: /tmp/sshd-config and /run/ssh-agents-docs differ", arguments: ["/tmp/sshd/x", "/tmp/ssh/x"])
    func notAnAgent(path: String) throws {
        #expect(try pathFindings("-v \(path):/s:ro img:1") == [])
    }
}
