/// A team's tightening (or, for ordinary rules, loosening) of the validator, read from `policy.json`
/// beside the team's profiles or from `--policy FILE`. Hard rejections stay errors whatever it says.
public struct Policy: Sendable, Equatable {
    /// Where it was read from; nil when there is none.
    public var file: String?
    /// Rule id → level, `require` already folded in.
    public var levels: [String: Level] = [:]
    /// Capabilities the team accepts by name (canonical, no `CAP_`): neither dangerous nor superfluous.
    public var allowedCapabilities: Set<String> = []
    /// Host programs OCI hooks may run, by exact absolute path.
    public var allowedHooks: Set<String> = []
    /// Registries (`ghcr.io`) or repository prefixes (`docker.io/library`) images may come from; nil allows any.
    public var allowedRegistries: [String]?
    public var requireDigest = false
    /// The only image a socket broker may run (`broker.image`), pinned by digest; nil accepts any.
    public var brokerImage: String?
    public var exceptions: [Exception] = []

    public init() {}

    public enum Level: String, Sendable, Equatable, CaseIterable {
        case error, warning, note, off
        var severity: Severity? { Severity(rawValue: rawValue) }
    }

    /// Lets one launch break one rule until a date, for a stated reason.
    public struct Exception: Sendable, Equatable {
        public var rule: String
        /// An image pattern (`prom/node-exporter`, `ghcr.io/acme/*`); nil matches any image.
        public var image: String?
        /// A profile name; nil matches any profile, and launches without one.
        public var profile: String?
        public var reason: String
        /// YYYY-MM-DD, the last day it applies.
        public var expires: String
        public var position: SourcePosition

        public init(rule: String, image: String? = nil, profile: String? = nil, reason: String, expires: String, position: SourcePosition = SourcePosition()) {
            self.rule = rule; self.image = image; self.profile = profile; self.reason = reason
            self.expires = expires; self.position = position
        }

        func covers(image launched: String, profile launchedProfile: String?) -> Bool {
            if let image, !ImageReference.matches(image, image: launched) { return false }
            if let profile, profile != launchedProfile { return false }
            return true
        }

        /// What messages call it: `policy.json:12:5 (host-namespace for prom/node-exporter)`.
        var shown: String {
            let scope = [image.map { "image \($0)" }, profile.map { "profile \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return "the exception for \(rule) on \(scope) (\(position))"
        }
    }

    /// The severity a rule's findings get, nil when the policy turns it off.
    public func severity(of rule: Rule) -> Severity? {
        if rule.hard { return .error }
        guard let level = levels[rule.id] else { return rule.severity }
        return level.severity
    }

    /// Settings a policy can require by name, and the rule each one raises to an error.
    public static let requirements: [(name: String, rule: String)] = [
        ("nonRoot", "root-user"), ("memoryLimit", "no-memory-limit"), ("pidsLimit", "no-pids-limit"),
        ("cpuLimit", "no-cpu-limit"), ("readOnlyRootFilesystem", "writable-root-filesystem"),
        ("noNewPrivileges", "new-privileges-allowed"), ("minimalCapabilities", "capabilities-not-minimal"),
        ("pinnedImage", "unpinned-image"), ("loopbackPorts", "ports-on-all-interfaces"),
        ("boundedRestart", "unbounded-restart"), ("noSecretsInEnvironment", "secret-in-environment"),
        ("noWritableHostPaths", "writable-host-path"),
    ]
}
