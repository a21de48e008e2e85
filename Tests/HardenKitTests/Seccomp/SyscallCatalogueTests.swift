import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The syscall group catalogue is consistent")
struct SyscallCatalogueTests {
    @Test("groups are sorted, unique, and spelt @lower-case")
    func groupNames() {
        let names = SyscallCatalogue.all.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("@") && $0.dropFirst().allSatisfy { $0.isLowercase || $0 == "-" } })
    }

    @Test("every member is a syscall the table knows or a group the catalogue has", arguments: SyscallCatalogue.all.map(\.name))
    func noUnknownNames(group: String) {
        for member in SyscallCatalogue.group(named: group)!.members {
            #expect(SyscallCatalogue.problem(with: member) == nil, "\(group) lists \(member)")
        }
    }

    @Test("no group lists a member twice", arguments: SyscallCatalogue.all.map(\.name))
    func noDuplicates(group: String) {
        let members = SyscallCatalogue.group(named: group)!.members
        #expect(Set(members).count == members.count, "\(group)")
    }

    @Test("no group includes itself, directly or through others", arguments: SyscallCatalogue.all.map(\.name))
    func noCycles(group: String) {
        var stack = [group]
        var seen: Set<String> = []
        while let current = stack.popLast() {
            for member in SyscallCatalogue.group(named: current)!.members where member.hasPrefix("@") {
                #expect(member != group, "\(group) reaches itself through \(current)")
                if seen.insert(member).inserted { stack.append(member) }
            }
        }
    }

    /// A filter applies to every ABI of the architecture, so a group that lists `fstat` but not
    /// `fstat64` would let 64-bit programs do what 32-bit ones cannot.
    @Test("a group lists every ABI spelling of a call it lists", arguments: SyscallCatalogue.all.map(\.name))
    func abiSpellings(group: String) {
        let members = Set(SyscallCatalogue.group(named: group)!.members)
        for member in members {
            for suffix in ["32", "64", "_time64"] where Syscalls.isKnown(member + suffix) {
                #expect(members.contains(member + suffix), "\(group) lists \(member) but not \(member + suffix)")
            }
        }
    }

    @Test("expansion ignores order and repetition, and nests groups")
    func deterministicExpansion() {
        let entries = ["@privileged", "read", "@network-io", "mkdir"]
        let expanded = SyscallCatalogue.expand(entries)
        #expect(SyscallCatalogue.expand(entries.reversed()) == expanded)
        #expect(SyscallCatalogue.expand(entries + entries) == expanded)
        #expect(expanded.isSuperset(of: SyscallCatalogue.expand(["@setuid", "@mount", "@chown"])))
        #expect(expanded.contains("read") && expanded.contains("connect") && expanded.contains("setns"))
        #expect(SyscallCatalogue.names(in: "@swap") == ["swapoff", "swapon"])
    }

    @Test("every syscall Docker's default allows belongs to a group, so --stats can attribute it")
    func dockerNamesGrouped() {
        for name in DockerDefaultSyscalls.unconditional where Syscalls.isKnown(name) {
            #expect(SyscallCatalogue.reportingGroup(of: name) != nil, "\(name)")
        }
    }

    @Test("what the base profile denies stays out of @system-service")
    func floorAvoidsDenied() {
        let floor = SyscallCatalogue.expand(["@system-service"])
        let denied = SyscallCatalogue.expand(["@cpu-emulation", "@debug", "@io-uring", "@keyring", "@obsolete", "@privileged"])
        #expect(floor.isDisjoint(with: denied), "\(floor.intersection(denied).sorted())")
    }

    @Test("unknown entries are explained, with the nearest spelling", arguments: [
        ("@netwrok-io", #""@netwrok-io" is not a syscall group; did you mean "@network-io"?"#),
        ("@everything", #""@everything" is not a syscall group; `harden seccomp --groups` lists them"#),
        ("opnat", #""opnat" is not a syscall on x86_64 or aarch64 (or their 32-bit ABIs); did you mean "openat"?"#),
        ("mseal", #""mseal" is not a syscall on x86_64 or aarch64 (or their 32-bit ABIs); use a name as scmp_sys_resolver knows it, or a group such as @file-system"#),
    ])
    func problems(entry: String, message: String) {
        #expect(SyscallCatalogue.problem(with: entry) == message)
    }
}
