/// A generated seccomp filter: a default action and rules, engine-neutral. `SeccompJSON` writes it
/// in the formats Docker and the OCI runtimes read; `SeccompGenerator` builds it from a policy.
public struct SeccompFilter: Sendable, Equatable {
    public var defaultAction: Action
    /// In the order they are written; a syscall name appears in at most one rule per action and
    /// argument set, and never under two different unconditional actions (libseccomp refuses that).
    public var rules: [Rule]

    public init(defaultAction: Action, rules: [Rule]) {
        self.defaultAction = defaultAction
        self.rules = rules
    }

    public enum Action: Sendable, Equatable, Hashable {
        case allow
        /// Fail the call with this errno (1 is EPERM, 38 is ENOSYS, 95 is EOPNOTSUPP).
        case errno(Int)
        /// Allow, and have the kernel log the call (an audit record; `dmesg` without auditd).
        case log
        /// Kill the whole process, not only the thread (SCMP_ACT_KILL_PROCESS).
        case killProcess
        /// Send SIGSYS, for a handler that wants to emulate the call.
        case trap

        public static let eperm = 1
        public static let enosys = 38
        /// EOPNOTSUPP (ENOTSUP), the same number on every architecture harden targets.
        public static let eopnotsupp = 95

        /// libseccomp's name, as both JSON formats spell it.
        public var scmpName: String {
            switch self {
            case .allow: "SCMP_ACT_ALLOW"
            case .errno: "SCMP_ACT_ERRNO"
            case .log: "SCMP_ACT_LOG"
            case .killProcess: "SCMP_ACT_KILL_PROCESS"
            case .trap: "SCMP_ACT_TRAP"
            }
        }
    }

    /// One comparison against a syscall argument. Several in one rule must all hold.
    public struct Argument: Sendable, Equatable, Hashable {
        public enum Operator: String, Sendable, Hashable {
            case equal = "SCMP_CMP_EQ"
            /// `(argument & value) == valueTwo`
            case maskedEqual = "SCMP_CMP_MASKED_EQ"
        }
        public var index: Int
        public var value: UInt64
        public var valueTwo: UInt64
        public var op: Operator

        public static func equal(_ index: Int, _ value: UInt64) -> Argument {
            Argument(index: index, value: value, valueTwo: 0, op: .equal)
        }
        /// True when none of the bits in `mask` are set.
        public static func noneOf(_ index: Int, mask: UInt64) -> Argument {
            Argument(index: index, value: mask, valueTwo: 0, op: .maskedEqual)
        }
    }

    public struct Rule: Sendable, Equatable {
        /// Sorted.
        public var names: [String]
        public var action: Action
        public var arguments: [Argument]
        /// The only architecture the rule is for, when its names exist on one alone; nil for all.
        public var architecture: SeccompArchitecture?
        /// Why the rule exists; Docker's format carries it, the OCI format has no place for it.
        public var comment: String?

        public init(names: [String], action: Action, arguments: [Argument] = [],
                    architecture: SeccompArchitecture? = nil, comment: String? = nil) {
            self.names = names
            self.action = action
            self.arguments = arguments
            self.architecture = architecture
            self.comment = comment
        }
    }

    /// Names that some rule allows, with or without argument conditions, that exist on the
    /// architecture's native ABI. This is the number `--stats` and the README report.
    public func allowedNativeNames(on architecture: SeccompArchitecture) -> [String] {
        let names = rules.filter { ($0.action == .allow || $0.action == .log) && ($0.architecture ?? architecture) == architecture }
            .flatMap(\.names)
        return Set(names).filter { Syscalls.isNative($0, on: architecture) }.sorted()
    }
}
