import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

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

    @Test("without replace, an existing file is left as it is and the write fails")
    func noReplace() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("README.md", "ours\n")
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("theirs\n", to: path, replace: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ours\n")
        try AtomicFile.write("new\n", to: directory.path + "/new.md", mode: 0o755, replace: false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["README.md", "new.md"])
        #expect(try FileManager.default.attributesOfItem(atPath: directory.path + "/new.md")[.posixPermissions] as? Int == 0o755)
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
