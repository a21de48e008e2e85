import Testing
@testable import HardenFormats
@testable import HardenModel

@Suite("harden learn --bundle: the copy of the bundle's config a run uses")
struct OCILearningConfigTests {
    static let config = """
    {"ociVersion": "1.0.2",
     "process": {"terminal": true, "user": {"uid": 65532, "gid": 65533}, "args": ["sh", "-c", "echo hi"], "env": ["PATH=/bin"], "cwd": "/srv", "noNewPrivileges": true},
     "root": {"path": "rootfs", "readonly": true},
     "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}, {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}],
     "linux": {"cgroupsPath": "/theirs", "seccomp": {"defaultAction": "SCMP_ACT_ERRNO"}, "namespaces": [{"type": "pid"}]}}
    """

    static func read(_ text: String) throws -> OCILearningConfig {
        try OCILearningConfig(try StrictReader.parse(text, file: "b/config.json"), file: "b/config.json")
    }

    @Test("what the learned profile and its verification take from it")
    func fields() throws {
        let config = try Self.read(Self.config)
        #expect(config.args == ["sh", "-c", "echo hi"])
        #expect(config.env == ["PATH=/bin"])
        #expect(config.cwd == "/srv")
        #expect(config.user == "65532:65533")
        #expect(config.mountTargets == ["/proc", "/tmp"])
        #expect(config.rootPath == "rootfs")
        #expect(config.noNewPrivileges)
    }

    @Test("the copy: root moved and writable, the learning filter in, harden's cgroup, no terminal; the rest as the user wrote it")
    func rewritten() throws {
        let filter = JSONNode(.object([JSONMember(key: "defaultAction", keyLocation: SourceLocation(line: 0, column: 0), value: JSONNode(.string("SCMP_ACT_LOG")))]))
        let copy = try Self.read(Self.config).rewritten(root: "/tmp/x/rootfs", writable: true, seccomp: filter, cgroupsPath: "/harden-learn-a-1-1")
        #expect(copy["root"]?["path"]?.stringValue == "/tmp/x/rootfs")
        #expect(copy["root"]?["readonly"]?.boolValue == false)
        #expect(copy["linux"]?["seccomp"]?["defaultAction"]?.stringValue == "SCMP_ACT_LOG")
        #expect(copy["linux"]?["cgroupsPath"]?.stringValue == "/harden-learn-a-1-1")
        #expect(copy["process"]?["terminal"]?.boolValue == false)
        #expect(copy["process"]?["cwd"]?.stringValue == "/srv")
        #expect(copy["linux"]?["namespaces"]?.arrayValue?.count == 1)
        #expect(copy["mounts"]?.arrayValue?.count == 2)
    }

    @Test("the verifying copy keeps the learned config's read-only root and filter")
    func verifying() throws {
        let original = try StrictReader.parse(Self.config, file: "config.json")
        let copy = OCILearningConfig.rewrite(original, root: "/tmp/v/rootfs", writable: nil, seccomp: nil, cgroupsPath: "/harden-learn-a-verify-1")
        #expect(copy["root"]?["readonly"]?.boolValue == true)
        #expect(copy["linux"]?["seccomp"]?["defaultAction"]?.stringValue == "SCMP_ACT_ERRNO")
    }

    @Test("a config that cannot be learned from says which member and how to fix it", arguments: [
        (#"[]"#, "b/config.json: expected a runtime config (a JSON object), found array"),
        (#"{"process": {"args": []}, "root": {"path": "rootfs"}}"#, "b/config.json: process.args is missing or empty; a bundle to learn from needs the command it runs (harden oci PROFILE --bundle DIR -- COMMAND writes one)"),
        (#"{"process": {"args": [1]}, "root": {"path": "rootfs"}}"#, "b/config.json:1:23: process.args holds a number; expected strings"),
        (#"{"process": {"args": ["sh"]}}"#, "b/config.json: root.path is missing; a bundle names its root filesystem there (\"root\": {\"path\": \"rootfs\"})"),
    ] as [(String, String)])
    func refused(text: String, message: String) {
        #expect(throws: HardenError.input(message)) { try Self.read(text) }
    }
}
