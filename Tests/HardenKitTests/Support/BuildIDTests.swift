import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The build ID of the running binary")
struct BuildIDTests {
    /// What binutils' readelf says the running test binary's build ID is.
    static func readelf() throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        process.arguments = ["-n", "/proc/\(getpid())/exe"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: "\n").first { $0.contains("Build ID:") }.map { String($0.split(separator: " ").last!) }
    }

    @Test("it is the one readelf reads from the executable's notes")
    func matchesReadelf() throws {
        let expected = try Self.readelf()
        #expect(expected != nil, "the test binary has a build ID note")
        #expect(BuildID.executable == expected)
        #expect(BuildID.read("/proc/self/exe") == expected)
    }

    @Test("a file that is not ELF, a truncated one, or none at all has none")
    func notELF() throws {
        let directory = TemporaryDirectory()
        #expect(BuildID.read(directory.write("text", "#!/bin/sh\n")) == nil)
        let elf = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe"))
        try elf.prefix(100).write(to: URL(fileURLWithPath: directory.path + "/truncated"))
        #expect(BuildID.read(directory.path + "/truncated") == nil)
        #expect(BuildID.read(directory.path + "/missing") == nil)
    }

    @Test("notes are read by their sizes; a malformed or foreign note gives nothing")
    func notes() {
        func note(name: [UInt8], type: UInt32, description: [UInt8]) -> [UInt8] {
            func le(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
            func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + Array(repeating: 0, count: (4 - bytes.count % 4) % 4) }
            return le(UInt32(name.count)) + le(UInt32(description.count)) + le(type) + padded(name) + padded(description)
        }
        let gnu: [UInt8] = [0x47, 0x4E, 0x55, 0]
        let abiTag = note(name: gnu, type: 1, description: [0, 0, 0, 0, 3, 0, 0, 0])
        #expect(BuildID.gnuBuildID(in: abiTag + note(name: gnu, type: 3, description: [0xAB, 0x01, 0xFF])) == "ab01ff")
        #expect(BuildID.gnuBuildID(in: abiTag) == nil)
        #expect(BuildID.gnuBuildID(in: note(name: [0x47, 0x4F, 0], type: 3, description: [1])) == nil, "another vendor's type 3")
        var lying = note(name: gnu, type: 3, description: [1, 2, 3, 4])
        lying[4] = 0xFF  // a description size past the end
        #expect(BuildID.gnuBuildID(in: lying) == nil)
        #expect(BuildID.gnuBuildID(in: [1, 2, 3]) == nil)
    }
}
