import HardenModel
/// One launch found in an audited input, read into a plan: a docker run line, an OCI config, or one
/// service of a compose file, one container of a Kubernetes manifest.
public struct AuditedLaunch: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case dockerRun = "docker run"
        case oci = "OCI config"
        case compose = "compose service"
        /// One container (init and ephemeral ones too) of a Kubernetes pod or workload.
        case kubernetes = "Kubernetes container"
        /// A profile file checked by `harden validate`, on its own or with the profiles of a cycle.
        case profile
        /// A team policy file checked by `harden validate`.
        case policy
        /// An input `harden check` could not read: no launch, only the `unreadable-input` finding.
        case unreadable = "unreadable input"
    }

    /// How reports name it: `config.json`, `compose.json service web`, `lines.txt:3`, `docker run`.
    public var name: String
    public var kind: Kind
    public var plan: LaunchPlan
    public var sources: PlanSources

    public init(name: String, kind: Kind, plan: LaunchPlan, sources: PlanSources) {
        self.name = name; self.kind = kind; self.plan = plan; self.sources = sources
    }
}

/// Reading helpers shared by the JSON readers: tolerant of keys they do not know (an audit reads
/// whatever it is given), strict about the type of the keys they do read, with file:line:column errors.
extension StrictReader {
    /// A string, or a number written bare (compose prints some numbers either way).
    func scalarText() throws(HardenError) -> String {
        switch node.kind {
        case .string(let text): return text
        case .number(let literal): return literal
        case .bool(let value): return String(value)
        default: throw error("expected a string or a number, found \(node.typeName)")
        }
    }

    /// The elements of an array, each with its own reader.
    func elements() throws(HardenError) -> [StrictReader] {
        guard let items = node.arrayValue else { throw error("expected an array, found \(node.typeName)") }
        return items.enumerated().map { StrictReader(file: file, path: path + ["\($0.offset)"], node: $0.element) }
    }

    /// The members of an object, each with its own reader, without judging the keys.
    func entries() throws(HardenError) -> [(key: String, keyLocation: SourceLocation, reader: StrictReader)] {
        guard let members = node.objectMembers else { throw error("expected an object, found \(node.typeName)") }
        return members.map { ($0.key, $0.keyLocation, StrictReader(file: file, path: path + [$0.key], node: $0.value)) }
    }

    func position(context: String? = nil) -> SourcePosition { SourcePosition(file: file, node.location, context: context) }
}
