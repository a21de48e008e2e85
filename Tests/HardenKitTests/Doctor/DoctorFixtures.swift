import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Recorded engine outputs (Fixtures/doctor, see its README) and a described host, so the doctor's
/// tests never ask this machine's engine anything.
enum DoctorFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/doctor").path

    static func json(_ name: String) throws -> JSONNode {
        try JSONParser.parse(try String(contentsOfFile: directory + "/" + name + ".json", encoding: .utf8))
    }

    static func dockerInfo(_ variant: String) throws -> EngineInfo? {
        EngineInfo.docker(info: try json("docker-info-\(variant)"), version: try json("docker-version-rootful"))
    }

    /// A Debian host: root, a docker group (gid 105) with the given members, and alice (1000).
    static func users(dockerMembers: [String] = []) -> UserDatabase {
        UserDatabase(
            passwd: "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n",
            group: "root:x:0:\ndocker:x:105:\(dockerMembers.joined(separator: ","))\nalice:x:1000:\n", source: "/etc")
    }

    static let standardSocket = FileStatus(kind: .socket, uid: 0, gid: 105, mode: 0o660)

    static func input(
        info: EngineInfo?, environment: [String: String] = [:], socket: FileStatus? = standardSocket,
        users: UserDatabase = users(), unreachable: String? = nil, engine: String = "docker"
    ) -> DoctorInput {
        DoctorInput(engine: engine, info: info, unreachable: unreachable,
                    endpoint: EngineEndpoint.docker(environment: environment, context: nil), socket: socket, users: users)
    }
}
