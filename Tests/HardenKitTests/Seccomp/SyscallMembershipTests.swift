import Testing
@testable import HardenModel

/// The process-start check reads a table of which start rows each group holds instead of expanding
/// groups; the table must answer as `expand` does.
@Suite("The start rows each group holds agree with expansion")
struct SyscallMembershipTests {
    @Test("every group")
    func agreesWithExpand() {
        let rows = Set(ProcessStartTable.rows.map(\.syscall))
        for group in SyscallCatalogue.all {
            #expect(ProcessStartTable.rowsByGroup[group.name] == SyscallCatalogue.expand([group.name]).intersection(rows), "\(group.name)")
        }
        #expect(ProcessStartTable.startNames(in: ["read", "@no-such-group", "fsync"]) == ["read"])
        #expect(ProcessStartTable.startNames(in: ["@system-service"]) == SyscallCatalogue.expand(["@system-service"]).intersection(rows))
    }
}
