import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Looking users up in an image's passwd and group files")
struct UserDatabaseTests {
    static let database = UserDatabase(
        passwd: "root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\nbroken line\nnonroot:x:65532:65532::/:/bin/sh\n",
        group: "root:x:0:\nwww-data:x:33:\naudio:x:29:www-data\n", source: "/rootfs")

    @Test("--user values resolve as docker and runc resolve them", arguments: [
        ("65532:65532", 65532, 65532), ("www-data", 33, 33), ("www-data:audio", 33, 29), ("33", 33, 33),
        ("1234", 1234, 0), ("1234:audio", 1234, 29), ("nonroot:0", 65532, 0),
    ])
    func resolves(text: String, uid: Int, gid: Int) throws {
        let ids = try Self.database.resolve(user: text).get()
        #expect(ids.uid == uid && ids.gid == gid)
    }

    @Test("an unknown name is a failure naming it", arguments: [
        ("nginx", UserDatabase.Problem.unknownUser("nginx")), ("www-data:video", .unknownGroup("video")),
    ])
    func unknown(text: String, problem: UserDatabase.Problem) {
        guard case .failure(let found) = Self.database.resolve(user: text) else { Issue.record("\(text) resolved"); return }
        #expect(found == problem)
    }
}
