import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Every row of the graded sensitive-path table, judged through a docker run line as `check` does.
@Suite("Sensitive host paths, graded: errors, warnings and nothing")
struct SensitivePathGradeTests {
    /// The findings about host paths: (rule, message).
    func pathFindings(_ line: String) throws -> [String] {
        try Audit.findings(line).filter { ["sensitive-host-path", "host-config-mounted"].contains($0.ruleID) }.map { "\($0.ruleID): \($0.message)" }
    }

    @Test("each system root is an error, read-only or not", arguments: SensitivePaths.table.map(\.path) + ["/"])
    func systemRoot(path: String) throws {
        let findings = try pathFindings("-v \(path):/host:ro img:1")
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("sensitive-host-path: the mount \(path):/host:ro exposes a sensitive host path: \(path) is ") == true, "\(findings)")
    }

    @Test("below each system root, a writable bind is an error naming the root", arguments: SensitivePaths.table)
    func writableBelow(entry: SensitivePaths.Entry) throws {
        #expect(try pathFindings("-v \(entry.path)/x:/x img:1") == [
            "sensitive-host-path: the mount \(entry.path)/x:/x exposes a sensitive host path: \(entry.path)/x is part of \(entry.path), \(entry.why), and the mount is writable",
        ])
    }

    @Test("below each system root, a read-only bind is graded by the row", arguments: SensitivePaths.table)
    func readOnlyBelow(entry: SensitivePaths.Entry) throws {
        let findings = try pathFindings("-v \(entry.path)/x:/x:ro img:1")
        switch entry.readOnlyBelow {
        case .harmless: #expect(findings == [])
        case .error: #expect(findings == ["sensitive-host-path: the mount \(entry.path)/x:/x:ro exposes a sensitive host path: \(entry.path)/x is part of \(entry.path), \(entry.why)"])
        case .warning: #expect(findings == ["host-config-mounted: the mount \(entry.path)/x:/x:ro exposes host configuration: \(entry.path)/x is part of \(entry.path), \(entry.why): read-only, it may be only the application's own configuration or certificates, which harden cannot tell"])
        }
    }

    @Test("an application's own /etc directory, /etc/letsencrypt and /etc/ssl/private read-only are warnings, not errors", arguments: [
        "/etc/myapp", "/etc/nginx/conf.d", "/etc/letsencrypt/live/example.com", "/etc/letsencrypt", "/etc/ssl/private/site.key",
    ])
    func appConfigIsWarning(path: String) throws {
        let findings = try pathFindings("-v \(path):/c:ro img:1")
        #expect(findings == ["host-config-mounted: the mount \(path):/c:ro exposes host configuration: \(path) is part of /etc, the host's configuration and credentials: read-only, it may be only the application's own configuration or certificates, which harden cannot tell"])
        #expect(try !Audit.findings("-v \(path):/c:ro img:1").rejects)
    }

    @Test("the same, writable, is still an error")
    func appConfigWritable() throws {
        #expect(try Audit.errors("-v /etc/myapp:/c img:1").contains("sensitive-host-path"))
    }

    @Test("a secret file lives where a read-only bind of it would be allowed")
    func secretUnderEtc() throws {
        let findings = try Audit.findings("img:1", secrets: [.init(name: "tls", source: "/etc/ssl/private/site.key")])
        #expect(!findings.rejects)
        #expect(findings.contains { $0.ruleID == "host-config-mounted" && $0.message.hasPrefix("the mount /etc/ssl/private/site.key:") })
    }

    @Test("public files below /etc read-only are nothing", arguments: SensitivePaths.harmlessReadOnly)
    func harmless(path: String) throws {
        #expect(try pathFindings("-v \(path):/c:ro img:1") == [])
    }

    @Test("every credential row is an error, read-only included", arguments: SensitivePaths.credentials)
    func credential(row: SensitivePaths.Credential) throws {
        let path = row.pattern.replacingOccurrences(of: "*", with: "alice")
        let shown = row.pattern + (row.namePrefix ? "*" : "")
        let absolute = path
        for (source, expected) in [(path, "\(absolute) is \(shown)"), (path + "/inner", "\(absolute)/inner is part of \(shown)")] {
            let findings = try pathFindings("-v \(source):/c:ro img:1")
            #expect(findings == ["sensitive-host-path: the mount \(source):/c:ro exposes a sensitive host path: \(expected), \(row.why): readable is enough to use them"], "\(source)")
        }
    }

    @Test("sudoers matches by name prefix (sudoers.d, sudoers.bak); shadow does not (shadowsocks is an application)")
    func namePrefix() throws {
        #expect(try pathFindings("-v /etc/sudoers.d:/s:ro img:1").first?.contains("/etc/sudoers.d is /etc/sudoers*, who may become root on the host") == true)
        #expect(try Audit.errors("-v /etc/sudoers.bak:/s:ro img:1").contains("sensitive-host-path"))
        #expect(try pathFindings("-v /etc/shadowsocks:/s:ro img:1").first?.hasPrefix("host-config-mounted: ") == true)
    }

    @Test("a read-only ~/.ssh of root is an error as part of /root")
    func rootSSH() throws {
        #expect(try pathFindings("-v /root/.ssh:/k:ro img:1") == [
            "sensitive-host-path: the mount /root/.ssh:/k:ro exposes a sensitive host path: /root/.ssh is part of /root, root's home, keys and credentials",
        ])
    }

    @Test("a project's own .docker folder is not a home's credentials")
    func projectDotDocker() throws {
        #expect(try pathFindings("-v ./.docker/nginx.conf:/etc/nginx/nginx.conf:ro img:1") == [])
    }

    @Test("/usr/share is the host's data, not its programs")
    func usrShare() throws {
        #expect(try pathFindings("-v /usr/share/appdata/x:/x img:1") == [
            "sensitive-host-path: the mount /usr/share/appdata/x:/x exposes a sensitive host path: /usr/share/appdata/x is part of /usr/share, the host's installed data files, which its programs trust (polkit and udev rules among them), and the mount is writable",
        ])
        #expect(try pathFindings("-v /usr/share/appdata:/x:ro img:1") == [])
    }
}
