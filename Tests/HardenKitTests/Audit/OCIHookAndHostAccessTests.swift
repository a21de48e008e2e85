import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("OCI hooks, root, mounts and namespaces")
struct OCIHookAndHostAccessTests {
    static func config(hooks: String = "", root: String = #""rootfs""#, extraMounts: String = "") -> String {
        var text = CrossDoorTests.ociConfig(.init())
        text = text.replacingOccurrences(of: #""path": "rootfs""#, with: #""path": \#(root)"#)
        if !hooks.isEmpty { text = text.replacingOccurrences(of: #""ociVersion": "1.0.2","#, with: #""ociVersion": "1.0.2", "hooks": \#(hooks),"#) }
        if !extraMounts.isEmpty { text = text.replacingOccurrences(of: #""source": "proc"}"#, with: #""source": "proc"}, \#(extraMounts)"#) }
        return text
    }

    static func findings(_ text: String, file: String = "config.json", policy: Policy = Policy(), host: HostFacts = Audit.host) throws -> [Finding] {
        let launch = try OCIConfigReader.read(try JSONParser.parse(text), file: file)
        return Validator(policy: policy, host: host).findings(for: launch.plan, sources: launch.sources)
    }

    static func errors(_ findings: [Finding]) -> [String] { findings.filter(\.rejects).map { "\($0.ruleID): \($0.message)" } }

    static let hook = #"{"createRuntime": [{"path": "/usr/bin/nvidia-container-runtime-hook", "args": ["hook", "prestart"]}]}"#
    static let root = FileStatus(kind: .directory, uid: 0, gid: 0, mode: 0o755)

    @Test("a hook the policy does not name is refused, with its stage and position")
    func unnamedHook() throws {
        let findings = try Self.findings(Self.config(hooks: Self.hook))
        let hit = try #require(findings.first { $0.ruleID == "not-understood" })
        #expect(hit.message.hasPrefix("hooks.createRuntime runs /usr/bin/nvidia-container-runtime-hook on the host as root; harden runs no host program the team policy does not name"))
        #expect(hit.position.description == "config.json:2:54")
    }

    @Test("a hook the policy names by its exact path runs, when only root can change it")
    func namedHook() throws {
        let policy = try Audit.policy(#"{"hooks": {"allow": ["/usr/bin/nvidia-container-runtime-hook"]}}"#)
        let host = Audit.host(statuses: ["/": Self.root, "/usr": Self.root, "/usr/bin": Self.root,
                                         "/usr/bin/nvidia-container-runtime-hook": FileStatus(kind: .regular, uid: 0, gid: 0, mode: 0o755)])
        #expect(Self.errors(try Self.findings(Self.config(hooks: Self.hook), policy: policy, host: host)).isEmpty)
    }

    @Test("a named hook a non-root user could replace is refused: its directory is theirs, or group-writable")
    func writableHook() throws {
        let policy = try Audit.policy(#"{"hooks": {"allow": ["/opt/hooks/h"]}}"#)
        let hook = #"{"poststart": [{"path": "/opt/hooks/h"}]}"#
        let owned = Audit.host(statuses: ["/opt": Self.root, "/opt/hooks": FileStatus(kind: .directory, uid: 1000, gid: 1000, mode: 0o755)])
        #expect(Self.errors(try Self.findings(Self.config(hooks: hook), policy: policy, host: owned))
            == ["not-understood: hooks.poststart runs /opt/hooks/h on the host as root, and /opt/hooks (owned by uid 1000) can be changed by a user other than root, who could put any program there"])
        let groupWritable = Audit.host(statuses: ["/opt/hooks/h": FileStatus(kind: .regular, uid: 0, gid: 50, mode: 0o775)])
        #expect(Self.errors(try Self.findings(Self.config(hooks: hook), policy: policy, host: groupWritable)).first?.contains("/opt/hooks/h (mode 0775)") == true)
    }

    @Test("a policy's hooks.allow takes absolute paths only")
    func policyPaths() {
        #expect(throws: HardenError.input(#"policy.json:1:22: hooks.allow.0: "hook" is not an absolute path; name the hook program exactly, e.g. /usr/bin/nvidia-container-runtime-hook"#)) {
            try Audit.policy(#"{"hooks": {"allow": ["hook"]}}"#)
        }
    }

    @Test("a relative bind source is the bundle's, not harden's directory")
    func bundleRelative() throws {
        let mount = #"{"destination": "/s", "source": "containerd", "options": ["rbind"]}"#
        let inRun = try Self.findings(Self.config(extraMounts: mount), file: "/run/config.json")
        #expect(Self.errors(inRun).contains { $0.hasPrefix("runtime-socket:") && $0.contains("/run/containerd") })
        let elsewhere = try Self.findings(Self.config(extraMounts: mount), file: "/srv/b/config.json")
        #expect(Self.errors(elsewhere).isEmpty)
        let launch = try OCIConfigReader.read(try JSONParser.parse(Self.config(extraMounts: mount)), file: "b/config.json")
        #expect(launch.plan.mounts.first?.source == "./b/containerd")
    }

    @Test("a later rw overrides ro, as runc's option parsing does")
    func readOnlyOrder() throws {
        let mount = #"{"destination": "/d", "source": "/srv/d", "options": ["rbind", "ro", "rw"]}"#
        let plan = try OCIConfigReader.read(try JSONParser.parse(Self.config(extraMounts: mount)), file: "config.json").plan
        #expect(plan.mounts.map(\.readOnly) == [false])
    }

    @Test("a root inside the bundle is not a host mount; one outside it is judged as a bind of that directory to /")
    func rootPath() throws {
        #expect(try OCIConfigReader.read(try JSONParser.parse(Self.config()), file: "config.json").plan.mounts.isEmpty)
        #expect(try OCIConfigReader.read(try JSONParser.parse(Self.config(root: #""a/../rootfs""#)), file: "config.json").plan.mounts.isEmpty)
        let usr = Self.errors(try Self.findings(Self.config(root: #""/usr""#)))
        #expect(usr.contains { $0.hasPrefix("sensitive-host-path:") && $0.contains("/usr") })
    }

    @Test("namespace paths under /proc are the host's, whatever the pid; others join another namespace")
    func namespacePaths() {
        for path in ["/proc/self/ns/net", "/proc/thread-self/ns/net", "/proc/1/ns/net", "/proc/77/ns/net", "/proc/./self//ns/net", "/proc/x/../self/ns/net"] {
            #expect(OCIConfigReader.Reading.joinedNamespace(path) == "host", "\(path)")
        }
        #expect(OCIConfigReader.Reading.joinedNamespace("/var/run/netns/blue") == "container:/var/run/netns/blue")
        #expect(OCIConfigReader.Reading.joinedNamespace("/proc/self/fd/3") == "host")
        #expect(OCIConfigReader.Reading.joinedNamespace("/procs/1/ns/net") == "container:/procs/1/ns/net")
    }
}

extension OCIHookAndHostAccessTests {
    @Test("a root filesystem that is a symlink out of the bundle is not understood; a real directory is fine")
    func rootSymlink() throws {
        let linked = Audit.host(links: ["/srv/b/rootfs": "/"])
        let errors = Self.errors(try Self.findings(Self.config(), file: "/srv/b/config.json", host: linked))
        #expect(errors == ["not-understood: root.path rootfs leads through a symlink to /, which runc would make the container's /; give the root filesystem's directory itself"])
        #expect(Self.errors(try Self.findings(Self.config(), file: "/srv/b/config.json")).isEmpty)
        // A link above the bundle moves the bundle and its root together.
        let above = Audit.host(links: ["/var/run": "/run"])
        #expect(Self.errors(try Self.findings(Self.config(), file: "/var/run/b/config.json", host: above)).isEmpty)
    }
}
