import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The generated seccomp profile's place")
struct GeneratedSeccompTests {
    @Test("write creates the directory and puts the profile at its path, relative to the working directory")
    func write() throws {
        let directory = TemporaryDirectory()
        try GeneratedSeccomp(path: "./seccomp/web.json", json: "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}\n").write(currentDirectory: directory.path)
        #expect(try String(contentsOfFile: directory.path + "/seccomp/web.json", encoding: .utf8) == "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}\n")
    }

    @Test("an unwritable place is a one-line error naming the path and the option that moves it")
    func unwritable() throws {
        let directory = TemporaryDirectory()
        let blocker = directory.write("file", "")
        do {
            try GeneratedSeccomp(path: blocker + "/web.json", json: "{}").write(currentDirectory: "/")
            Issue.record("writing below a regular file succeeded")
        } catch {
            #expect(error.message.hasPrefix("cannot create the seccomp directory \(blocker): "), "\(error.message)")
            #expect(error.message.hasSuffix("; choose a writable --seccomp-dir"))
            #expect(!error.message.contains("\n"))
        }
    }
}
