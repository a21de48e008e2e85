import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The built-in profiles compiled into the binary match Profiles/")
struct BuiltinProfilesTests {
    static let profilesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Profiles").path

    @Test("each file in Profiles/ is compiled in unchanged (run scripts/generate-builtins.sh when this fails)")
    func noDrift() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.profilesDirectory).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinProfiles.sources.map(\.name),
                "Profiles/ and the compiled built-ins list different profiles; run scripts/generate-builtins.sh")
        for source in BuiltinProfiles.sources {
            let text = try String(contentsOfFile: Self.profilesDirectory + "/\(source.name).json", encoding: .utf8)
            #expect(source.text + "\n" == text, "builtin \(source.name) differs from Profiles/\(source.name).json; run scripts/generate-builtins.sh")
        }
    }

    @Test("every built-in resolves", arguments: ["base", "web", "worker", "db"])
    func resolves(name: String) throws {
        let repository = ProfileRepository(searchPath: SearchPath(entries: []))
        let profile = try repository.resolve(name).profile
        #expect(profile.noNewPrivileges == true)
        #expect(profile.readOnlyRootFilesystem == true)
        #expect(profile.capabilities?.drop == ["ALL"])
        #expect(profile.user != nil && profile.user?.hasPrefix("0") == false)
        #expect(profile.resources.memory != nil && profile.resources.pids != nil && profile.resources.cpus != nil)
    }
}
