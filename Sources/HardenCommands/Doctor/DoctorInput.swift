import HardenFormats
import HardenModel
/// Everything the doctor's checks read: what the engine said (or why it said nothing), where the
/// client reaches it, and the host facts around it. Built by `EngineProbe` on a real host, by hand in
/// tests, so every check is a pure function of it.
public struct DoctorInput: Sendable {
    /// `docker` or `podman`.
    public var engine: String
    /// nil when no engine answered.
    public var info: EngineInfo?
    /// Why the engine's settings could not be read, in the client's words.
    public var unreachable: String?
    public var endpoint: EngineEndpoint
    /// The endpoint's socket file, nil when the endpoint is not a unix socket or nothing is there.
    public var socket: FileStatus?
    /// The host's /etc/passwd and /etc/group: who owns the socket, who is in its group.
    public var users: UserDatabase
    /// crun's path, when crun is on PATH and the host mounts cgroup v2 beside v1 at
    /// /sys/fs/cgroup/unified (the hybrid layout), which crun takes for a conflict.
    public var crunOnHybridCgroup: String?

    public init(engine: String, info: EngineInfo?, unreachable: String? = nil, endpoint: EngineEndpoint,
                socket: FileStatus?, users: UserDatabase) {
        self.engine = engine; self.info = info; self.unreachable = unreachable; self.endpoint = endpoint
        self.socket = socket; self.users = users
    }

    /// The group whose members drive the engine: the socket's group, or, when no socket can be
    /// looked at, the group the engine's packages create (`docker`).
    var controllingGroup: UserDatabase.Group? {
        if let socket {
            return users.groups.first { $0.gid == socket.gid } ?? UserDatabase.Group(name: String(socket.gid), gid: socket.gid)
        }
        return engine == "docker" ? users.groups.first { $0.name == "docker" } : nil
    }

    /// `root:docker`, names where the host has them.
    func owner(of status: FileStatus) -> String {
        (users.userName(status.uid) ?? String(status.uid)) + ":" + (users.groupName(status.gid) ?? String(status.gid))
    }
}

/// One check of the engine and its host: what it looks at, why it matters, how to fix it, and the
/// CIS Docker Benchmark 1.6.0 recommendation (sections 1 to 3 are about the host and the daemon).
public struct DoctorCheck: Sendable {
    public let id: String
    public let severity: Severity
    public let summary: String
    public let why: String
    public let fix: String
    public let cis: String
    let check: @Sendable (DoctorInput) -> [DoctorHit]

    init(_ id: String, _ severity: Severity, summary: String, why: String, fix: String, cis: String,
         check: @escaping @Sendable (DoctorInput) -> [DoctorHit]) {
        self.id = id; self.severity = severity; self.summary = summary; self.why = why; self.fix = fix; self.cis = cis
        self.check = check
    }
}

/// What a check found, where (a file such as the socket, or a source such as `docker info`), and
/// the fix when it can be more exact than the check's.
struct DoctorHit: Sendable, Equatable {
    var message: String
    var position: SourcePosition
    var fix: String?
    init(_ message: String, at position: SourcePosition, fix: String? = nil) { self.message = message; self.position = position; self.fix = fix }
}
