import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The kernel's check: owner bits for the owner, group bits for a member, other bits for the rest,
/// answered "no" only when harden is sure.
@Suite("Who can read a secret file")
struct SecretAccessTests {
    static func file(_ uid: Int, _ gid: Int, _ mode: Int) -> FileStatus { FileStatus(kind: .regular, uid: uid, gid: gid, mode: mode) }

    @Test("the numeric user and group of a plan against owner, group and mode", arguments: [
        ("65532:65532", file(0, 0, 0o600), SecretAccess.Answer.no),
        ("65532:65532", file(0, 65532, 0o440), .yes),
        ("65532:65532", file(0, 65532, 0o404), .no),  // a member gets the group bits, not the other bits
        ("65532:65532", file(65532, 0, 0o040), .no),  // the owner gets the owner bits
        ("65532:65532", file(1000, 1000, 0o644), .yes),
        ("999:999", file(999, 0, 0o400), .yes),
        ("0:0", file(0, 0, 0o600), .yes),
        ("0:0", file(1000, 1000, 0o600), .no),  // root without DAC_OVERRIDE: the profile dropped it
        ("1000", file(0, 50, 0o640), .unknown),  // the group comes from the image
        ("1000", file(0, 50, 0o600), .no),
        ("1000", file(0, 50, 0o644), .yes),
    ])
    func answers(user: String, file: FileStatus, answer: SecretAccess.Answer) throws {
        var plan = LaunchPlan()
        plan.user = user
        plan.capabilities = []
        #expect(try #require(SecretAccess(plan)).canRead(file) == answer)
    }

    @Test("container root holding DAC_OVERRIDE reads any file")
    func override() throws {
        var plan = LaunchPlan()
        plan.user = "0:0"
        #expect(try #require(SecretAccess(plan)).canRead(Self.file(1000, 1000, 0o000)) == .yes)
    }

    @Test("--group-add numbers count as groups; a group name leaves the answer open")
    func groupAdd() throws {
        var plan = LaunchPlan()
        plan.user = "65532:65532"
        plan.process.groupAdd = ["70"]
        #expect(try #require(SecretAccess(plan)).canRead(Self.file(0, 70, 0o440)) == .yes)
        plan.process.groupAdd = ["secrets"]
        #expect(try #require(SecretAccess(plan)).canRead(Self.file(0, 70, 0o440)) == .unknown)
    }

    @Test("user namespace mappings move the ids onto the host")
    func mappings() throws {
        var plan = LaunchPlan()
        plan.user = "65532:65532"
        plan.uidMappings = [.init(containerID: 0, hostID: 100_000, size: 65536)]
        plan.gidMappings = plan.uidMappings
        let access = try #require(SecretAccess(plan))
        #expect(access.uid == 165_532 && access.gid == 165_532)
        #expect(access.canRead(Self.file(0, 65532, 0o440)) == .no)
        #expect(access.canRead(Self.file(0, 165_532, 0o440)) == .yes)
        #expect(access.mapped == "65532:65532 is 165532:165532 on the host, through the user namespace mappings")
    }

    @Test("a user given by name is not judged", arguments: ["nginx", "app:app"])
    func named(user: String) {
        var plan = LaunchPlan()
        plan.user = user
        #expect(SecretAccess(plan) == nil)
    }
}
