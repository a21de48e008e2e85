import Foundation
import Testing
@testable import HardenKit

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("a write creates the file, a second replaces it, and no temporary file is left behind")
    func writeAndReplace() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/filter.json"
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["filter.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test("a failure names what it could not do and why")
    func failureMessage() {
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: "/nonexistent-dir/f.json") }
        do {
            try AtomicFile.write("x", to: "/nonexistent-dir/f.json")
        } catch {
            #expect(error.description.hasPrefix("cannot create /nonexistent-dir/.f.json.tmp-"))
            #expect(error.description.hasSuffix(": No such file or directory"))
        }
    }
}
