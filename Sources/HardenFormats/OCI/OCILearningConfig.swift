import HardenModel

/// A bundle's config.json as `harden learn --bundle` runs it: the user's config, copied, with only
/// what learning needs changed. The user's file is read, never written.
public struct OCILearningConfig: Sendable {
    /// What the learned profile and its verification take from the user's config.
    public var args: [String]
    public var env: [String]
    public var cwd: String?
    /// "uid:gid" as the config runs the process.
    public var user: String?
    /// Mount destinations: writes under them are not the root's.
    public var mountTargets: [String]
    public var rootPath: String
    /// process.noNewPrivileges: without it the runtime loads the filter earlier, and the filter
    /// must let the runtime's own hand-off calls through.
    public var noNewPrivileges: Bool
    let document: JSONNode

    /// Reads the parts harden needs; an error names the file and the member.
    public init(_ document: JSONNode, file: String) throws(HardenError) {
        guard document.objectMembers != nil else { throw .input("\(file): expected a runtime config (a JSON object), found \(document.typeName)") }
        guard let process = document["process"], let args = process["args"]?.arrayValue, !args.isEmpty else {
            throw .input("\(file): process.args is missing or empty; a bundle to learn from needs the command it runs (harden oci PROFILE --bundle DIR -- COMMAND writes one)")
        }
        self.args = try args.map { arg throws(HardenError) in
            guard let text = arg.stringValue else { throw .input("\(file):\(arg.location.line):\(arg.location.column): process.args holds a \(arg.typeName); expected strings") }
            return text
        }
        noNewPrivileges = process["noNewPrivileges"]?.boolValue ?? false
        env = process["env"]?.arrayValue?.compactMap(\.stringValue) ?? []
        cwd = process["cwd"]?.stringValue
        if let uid = process["user"]?["uid"]?.intValue {
            user = "\(uid):\(process["user"]?["gid"]?.intValue ?? 0)"
        }
        mountTargets = document["mounts"]?.arrayValue?.compactMap { $0["destination"]?.stringValue } ?? []
        guard let root = document["root"]?["path"]?.stringValue, !root.isEmpty else {
            throw .input("\(file): root.path is missing; a bundle names its root filesystem there (\"root\": {\"path\": \"rootfs\"})")
        }
        rootPath = root
        self.document = document
    }

    /// The copy a run uses: root.path moved to `root` (the overlay), writable when `writable`,
    /// `seccomp` as linux.seccomp when given, the cgroup at `cgroupsPath` (a path of harden's own,
    /// so the kernel's records can be told from other processes' by it, before the first one is
    /// read), and no terminal (the run's output goes to a file).
    public func rewritten(root: String, writable: Bool, seccomp: JSONNode?, cgroupsPath: String) -> JSONNode {
        Self.rewrite(document, root: root, writable: writable, seccomp: seccomp, cgroupsPath: cgroupsPath)
    }

    /// The same changes on any config, the verifying run's (written by `harden oci NAME`) too.
    public static func rewrite(_ document: JSONNode, root: String, writable: Bool?, seccomp: JSONNode?, cgroupsPath: String) -> JSONNode {
        var members = document.objectMembers ?? []
        func set(_ key: String, _ value: JSONNode, in members: inout [JSONMember]) {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = value
            } else {
                members.append(JSONMember(key: key, keyLocation: SourceLocation(line: 0, column: 0), value: value))
            }
        }
        var rootMembers = document["root"]?.objectMembers ?? []
        set("path", JSONNode(.string(root)), in: &rootMembers)
        if let writable { set("readonly", JSONNode(.bool(!writable)), in: &rootMembers) }
        set("root", JSONNode(.object(rootMembers)), in: &members)
        var process = document["process"]?.objectMembers ?? []
        set("terminal", JSONNode(.bool(false)), in: &process)
        set("process", JSONNode(.object(process)), in: &members)
        var linux = document["linux"]?.objectMembers ?? []
        if let seccomp { set("seccomp", seccomp, in: &linux) }
        set("cgroupsPath", JSONNode(.string(cgroupsPath)), in: &linux)
        set("linux", JSONNode(.object(linux)), in: &members)
        return JSONNode(.object(members))
    }
}
