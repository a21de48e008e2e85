/// What one `harden learn` run saw, everything the learned profile is made from. Pure data, so the
/// same observations always give the same profile, byte for byte.
public struct LearnObservations: Sendable, Equatable {
    /// The profile learned from, as named on the command line, and resolved.
    public var base: String
    public var baseProfile: Profile
    /// The learned profile's name.
    public var name: String
    public var image: String
    public var command: [String] = []
    /// When the learning run started, as the report prints it (UTC, ISO 8601).
    public var started: String
    /// How long the workload was watched, in seconds, and whether an exercise ran meanwhile.
    public var seconds: Int
    public var exercise: String?
    /// The seccomp records attributed to the container, in the order they came.
    public var records: [SeccompLogRecord] = []
    /// Whether records could be read at all; false keeps BASE's filter untouched.
    public var sawSyscalls = true
    /// Without records: what the probe run under BASE's filter showed (ErrnoProbe), one sentence.
    public var probe: String?
    public var writes = RootWrites(changes: [])
    /// Where the writes were read, for the profile's rationale.
    public var writesSource = "docker diff"
    /// What gave the learning run its user, for the line that names it.
    public var userSource = "--user"

    /// Bytes under each written directory at the end of the run.
    public var sizes: [String: Int64] = [:]
    /// Targets the learning run had mounted (BASE's carve-outs, the user's -v and --tmpfs).
    public var mounted: [String] = []
    /// The user the learning run was given with --user, when it differs from BASE's.
    public var user: String?
    public var architecture: SeccompArchitecture = .x86_64

    public init(base: String, baseProfile: Profile, name: String, image: String, started: String, seconds: Int) {
        self.base = base; self.baseProfile = baseProfile; self.name = name; self.image = image
        self.started = started; self.seconds = seconds
    }
}
