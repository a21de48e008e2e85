/// Writes a filter as JSON, in the two shapes engines read:
///
/// - `docker`: what `docker run --security-opt seccomp=FILE` (and podman, nerdctl, CRI-O) reads.
///   One file serves both architectures: `archMap` names each one's compat ABIs, and rules whose
///   names exist on one architecture only carry `includes.arches`, which Docker matches against
///   the daemon's own architecture.
/// - `oci`: the runtime spec's `linux.seccomp`, which runc and crun read from config.json and
///   containerd reads for a Kubernetes `Localhost` profile. It has no per-rule conditions, so it
///   is written for one architecture and lists only names that exist there.
public enum SeccompJSON {
    public enum Format: String, Sendable, CaseIterable {
        case docker
        case oci
    }

    public static func docker(_ filter: SeccompFilter) -> JSONNode {
        var members = defaultMembers(filter)
        members.append(("archMap", .arr(SeccompArchitecture.allCases.map { architecture in
            .obj([
                ("architecture", .str(architecture.scmpArchitectures[0])),
                ("subArchitectures", .arr(architecture.scmpArchitectures.dropFirst().map { .str($0) })),
            ])
        })))
        members.append(("syscalls", .arr(filter.rules.map { rule in
            var fields = ruleMembers(rule)
            if let comment = rule.comment { fields.append(("comment", .str(comment))) }
            if let architecture = rule.architecture {
                fields.append(("includes", .obj([("arches", .arr(architecture.dockerArches.map { .str($0) }))])))
            }
            return .obj(fields)
        })))
        return .obj(members)
    }

    public static func oci(_ filter: SeccompFilter, architecture: SeccompArchitecture) -> JSONNode {
        var members = defaultMembers(filter)
        members.append(("architectures", .arr(architecture.scmpArchitectures.map { .str($0) })))
        let rules = filter.rules.filter { ($0.architecture ?? architecture) == architecture }
        members.append(("syscalls", .arr(rules.map { .obj(ruleMembers($0)) })))
        return .obj(members)
    }

    /// The text of a filter in either format, as `harden seccomp` prints it and `harden run` caches it.
    public static func text(_ filter: SeccompFilter, format: Format, architecture: SeccompArchitecture = .host) -> String {
        JSONWriter.pretty(format == .docker ? docker(filter) : oci(filter, architecture: architecture))
    }

    private static func defaultMembers(_ filter: SeccompFilter) -> [(String, JSONNode)] {
        var members: [(String, JSONNode)] = [("defaultAction", .str(filter.defaultAction.scmpName))]
        if case .errno(let number) = filter.defaultAction { members.append(("defaultErrnoRet", .int(number))) }
        return members
    }

    private static func ruleMembers(_ rule: SeccompFilter.Rule) -> [(String, JSONNode)] {
        var fields: [(String, JSONNode)] = [("names", .arr(rule.names.map { .str($0) })), ("action", .str(rule.action.scmpName))]
        if case .errno(let number) = rule.action { fields.append(("errnoRet", .int(number))) }
        if !rule.arguments.isEmpty {
            fields.append(("args", .arr(rule.arguments.map { argument in
                .obj([
                    ("index", .int(argument.index)),
                    ("value", .num(String(argument.value))),
                    ("valueTwo", .num(String(argument.valueTwo))),
                    ("op", .str(argument.op.rawValue)),
                ])
            })))
        }
        return fields
    }
}
