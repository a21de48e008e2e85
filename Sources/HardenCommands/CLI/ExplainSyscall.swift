import HardenFormats
import HardenModel

/// `harden explain SYSCALL` and `harden explain @GROUP`: where a call sits in harden's seccomp
/// groups, which built-in profiles allow it, and what it is for, so a team can tell which group to
/// `add` when a workload dies with EPERM.
enum ExplainSyscall {
    static func render(_ name: String) -> String? {
        if name.hasPrefix("@") { return SyscallCatalogue.group(named: name).map(render(group:)) }
        guard Syscalls.isKnown(name) else { return nil }
        var text = "\(name) (syscall)\n"
        if let purpose = SyscallPurposeTable.purpose(of: name) { text += "  for:        \(purpose)\n" }
        let groups = SyscallCatalogue.functionalGroups.filter { SyscallCatalogue.expand([$0.name]).contains(name) }
        if groups.isEmpty {
            text += "  group:      none of harden's groups lists it; name it on its own in \"add\"\n"
        } else {
            for (index, group) in groups.enumerated() {
                text += "  \(index == 0 ? "group:     " : "           ") \(group.name): \(group.summary)\n"
            }
        }
        let composites = ["@system-service", "@privileged"].filter { SyscallCatalogue.expand([$0]).contains(name) }
        if !composites.isEmpty { text += "  also in:    \(composites.joined(separator: ", "))\n" }
        text += "  built-ins:  " + builtins(name).joined(separator: "; ") + "\n"
        if let row = ProcessStartTable.rows.first(where: { $0.syscall == name }) {
            text += "  needed to start any process: \(row.why)\n"
        }
        if let why = ArgumentFilterTable.why(name) { text += "  filtered:   allowed only with certain arguments: \(why)\n" }
        if let row = FallbackErrnoTable.answer(for: name) {
            let errno = row.errno == SeccompFilter.Action.enosys ? "ENOSYS" : "EOPNOTSUPP"
            text += "  answered:   \(errno) instead of EPERM\(row.evenWhenAllowed ? ", even where allowed" : " unless allowed or denied"): \(row.why)\n"
        }
        let architectures = SeccompArchitecture.allCases.map { "\($0.rawValue) \(Syscalls.isNative(name, on: $0) ? "yes" : "no")" }
        text += "  exists on:  \(architectures.joined(separator: ", "))\n"
        let base = (try? ProfileRepository(searchPath: SearchPath(entries: [])).resolve("base"))?.profile.seccomp?.deny ?? []
        let denyingEntries = base.filter { SyscallCatalogue.expand([$0]).contains(name) }
        if let deny = denyingEntries.first {
            text += "  to allow:   base denies it through \(deny), and deny wins: \"seccomp\": {\"add\": [\"\(deny)\"]} lifts that deny (allowing the whole group); think twice\n"
        } else {
            let addable = groups.first?.name ?? name
            text += "  to allow:   \"seccomp\": {\"add\": [\"\(addable)\"]} in a profile that extends the built-in (or [\"\(name)\"] alone)\n"
        }
        return text
    }

    static func render(group: SyscallGroup) -> String {
        let names = SyscallCatalogue.names(in: group.name)
        var text = "\(group.name) (syscall group)\n  \(group.summary)\n"
        text += "  built-ins:  " + builtins(group: group.name).joined(separator: "; ") + "\n"
        text += "  \(names.count) names: \(names.joined(separator: " "))\n"
        return text
    }

    /// "web: allowed" or "web: refused (not in its allow list)", one per built-in besides base.
    static func builtins(_ name: String) -> [String] {
        policies().map { profile, policy in
            let denied = SyscallCatalogue.expand(policy.deny)
            if denied.contains(name) { return "\(profile): refused (denied)" }
            if SyscallCatalogue.expand(policy.allow).contains(name) { return "\(profile): allowed" }
            return "\(profile): refused"
        }
    }

    static func builtins(group: String) -> [String] {
        let names = SyscallCatalogue.expand([group])
        return policies().map { profile, policy in
            let allowed = SyscallCatalogue.expand(policy.allow).subtracting(SyscallCatalogue.expand(policy.deny))
            let count = names.intersection(allowed).count
            return count == names.count ? "\(profile): all" : count == 0 ? "\(profile): none" : "\(profile): \(count) of \(names.count)"
        }
    }

    private static func policies() -> [(String, Profile.SeccompPolicy)] {
        let repository = ProfileRepository(searchPath: SearchPath(entries: []))
        return ["web", "worker", "db"].compactMap { name in
            guard let policy = (try? repository.resolve(name))?.profile.seccomp else { return nil }
            return (name, policy)
        }
    }
}
