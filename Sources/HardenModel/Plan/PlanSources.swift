/// One setting of a launch plan, named so that a finding about it can be traced back to where the
/// setting was written: an argument of a docker run line, a key of a JSON file, a profile.
public enum PlanKey: Hashable, Sendable {
    case image
    case user
    /// One capability added (canonical name, or `ALL`).
    case capability(String)
    /// The capability set as a whole, for what a drop did or failed to do.
    case capabilities
    case privileged, noNewPrivileges, seccomp
    case securityOption(String)
    case readOnlyRoot
    /// A mount or tmpfs, by target path inside the container.
    case mount(String)
    /// A `--mount` value the plan keeps verbatim.
    case mountOption(String)
    case memory, cpus, pids
    case network
    /// pid, ipc, uts, userns, cgroupns or mount.
    case namespace(String)
    /// By index in `LaunchPlan.ports`.
    case port(Int)
    case publishAll
    case restart
    /// By variable name.
    case environment(String)
    /// An `--env-file`, by the path as given.
    case envFile(String)
    /// By secret name.
    case secret(String)
    /// By host path.
    case device(String)
    case deviceCgroupRule(String)
    case sysctl(String)
    case useAPISocket
    /// By the container named.
    case volumesFrom(String)
    /// By index in `LaunchPlan.notUnderstood`.
    case notUnderstood(Int)
    /// By index in `LaunchPlan.hooks`.
    case hook(Int)
    /// An OCI config's root.path.
    case rootFilesystem
    /// An option only the engine acts on (`gpus`, `cgroup-parent`, `oom-kill-disable`), by docker name.
    case engineOption(String)
}

/// Where something was written. Docker lines give an argument number; files give line and column.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// 1-based word number on a command line.
    public var argument: Int?
    /// A further word of context, such as `service web` or `profile web`.
    public var context: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, argument: Int? = nil, context: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.argument = argument; self.context = context
    }

    public init(file: String, _ location: SourceLocation, context: String? = nil) {
        self.init(file: file, line: location.line, column: location.column, context: context)
    }

    /// `compose.json:12:7 (service web)`, `lines.txt:3 (argument 4)`, `argument 2`.
    public var description: String {
        var head = file ?? ""
        if let line { head += ":\(line)" }
        if let column, line != nil { head += ":\(column)" }
        var notes: [String] = []
        if let argument { notes.append("argument \(argument)") }
        if let context { notes.append(context) }
        if head.isEmpty { return notes.joined(separator: ", ") }
        return notes.isEmpty ? head : "\(head) (\(notes.joined(separator: ", ")))"
    }
}

/// Where each setting of one plan came from, and where the launch as a whole is (used for findings
/// about something missing, such as a memory limit nobody set).
public struct PlanSources: Sendable, Equatable {
    public var positions: [PlanKey: SourcePosition] = [:]
    public var whole: SourcePosition

    public init(whole: SourcePosition = SourcePosition(), positions: [PlanKey: SourcePosition] = [:]) {
        self.whole = whole
        self.positions = positions
    }

    public func position(of key: PlanKey?) -> SourcePosition {
        key.flatMap { positions[$0] } ?? whole
    }

    public subscript(key: PlanKey) -> SourcePosition? {
        get { positions[key] }
        set { positions[key] = newValue }
    }

    /// Every position placed in `file` at `line`, keeping argument numbers: a line of a command list.
    public func placed(inFile file: String, line: Int) -> PlanSources {
        var copy = self
        copy.positions = positions.mapValues { position in
            var moved = position
            moved.file = file
            moved.line = line
            return moved
        }
        copy.whole.file = file
        copy.whole.line = line
        return copy
    }
}
