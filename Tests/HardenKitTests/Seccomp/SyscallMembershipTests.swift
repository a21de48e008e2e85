import Testing
@testable import HardenModel

/// `names(_:include:)` walks member lists instead of building sets; it must answer as `expand` does.
@Suite("Membership through groups agrees with expansion")
struct SyscallMembershipTests {
    @Test("every group, every syscall, and plain names")
    func agreesWithExpand() {
        let syscalls = Syscalls.all
        for group in SyscallCatalogue.all {
            let expanded = SyscallCatalogue.expand([group.name])
            for syscall in syscalls {
                #expect(SyscallCatalogue.names([group.name], include: syscall) == expanded.contains(syscall), "\(group.name) \(syscall)")
            }
        }
        #expect(SyscallCatalogue.names(["read", "@sync"], include: "read"))
        #expect(SyscallCatalogue.names(["@sync"], include: "fsync"))
        #expect(!SyscallCatalogue.names(["@sync", "readx"], include: "readx"), "an unknown name stands for nothing, as in expand")
        #expect(!SyscallCatalogue.names(["@no-such-group"], include: "read"))
    }
}
