/// How a generated filter compares with Docker's default profile on one architecture, counting
/// only names that exist on its native ABI (what a 64-bit process can call).
public struct SeccompStats: Sendable, Equatable {
    public var architecture: SeccompArchitecture
    /// Names some rule allows, with or without argument conditions.
    public var allowed: [String]
    /// Docker's unconditional allow list on this architecture (292 names on x86_64).
    public var dockerAllowed: [String]
    /// Docker's names this filter does not allow, by the group they are reported under, groups sorted.
    public var removed: [Removal]
    /// Names allowed here that Docker's default allows only under conditions, or not at all.
    public var added: [String]
    /// Allowed names whose arguments the filter checks.
    public var argumentFiltered: [String]

    public init(_ filter: SeccompFilter, architecture: SeccompArchitecture) {
        self.architecture = architecture
        let allowed = filter.allowedNativeNames(on: architecture)
        let dockerAllowed = DockerDefaultSyscalls.unconditional.filter { Syscalls.isNative($0, on: architecture) }.sorted()
        self.allowed = allowed
        self.dockerAllowed = dockerAllowed
        let allowedSet = Set(allowed)
        let dockerSet = Set(dockerAllowed)
        var byGroup: [String: [String]] = [:]
        for name in dockerAllowed where !allowedSet.contains(name) {
            byGroup[SyscallCatalogue.reportingGroup(of: name) ?? "(no group)", default: []].append(name)
        }
        removed = byGroup.keys.sorted().map { Removal(group: $0, names: byGroup[$0]!) }
        added = allowed.filter { !dockerSet.contains($0) }
        argumentFiltered = Set(filter.rules.filter { !$0.arguments.isEmpty && $0.action == .allow }.flatMap(\.names))
            .filter { allowedSet.contains($0) }.sorted()
    }

    public struct Removal: Sendable, Equatable {
        public var group: String
        public var names: [String]
    }

    public var percentOfDocker: Int { dockerAllowed.isEmpty ? 0 : (allowed.count * 100 + dockerAllowed.count / 2) / dockerAllowed.count }

    /// The report `harden seccomp PROFILE --stats` prints.
    public func render(profile: String) -> String {
        let arch = architecture.rawValue
        var text = "\(profile): allows \(allowed.count) syscalls on \(arch); Docker's default allows \(dockerAllowed.count) unconditionally (\(percentOfDocker)%)\n"
        text += "  counted: names with a number on \(arch) that any rule allows, argument-filtered ones included\n"
        let removedCount = removed.reduce(0) { $0 + $1.names.count }
        text += "\nremoved from Docker's default (\(removedCount)), by group:\n"
        let width = (removed.map { $0.group.count + String($0.names.count).count + 3 }.max() ?? 0) + 2
        for removal in removed {
            let label = "\(removal.group) (\(removal.names.count))"
            text += "  " + label + String(repeating: " ", count: max(1, width - label.count)) + removal.names.joined(separator: " ") + "\n"
        }
        text += "\nallowed here, but not unconditionally by Docker (\(added.count)): " + (added.isEmpty ? "none" : added.joined(separator: " ")) + "\n"
        text += "argument-filtered (\(argumentFiltered.count)): " + (argumentFiltered.isEmpty ? "none" : argumentFiltered.joined(separator: " ")) + "\n"
        return text
    }
}
