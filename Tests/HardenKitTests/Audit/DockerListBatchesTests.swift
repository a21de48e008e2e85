import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("A docker run list read in batches from its bytes")
struct DockerListBatchesTests {
    static func lines(of text: [UInt8], batchBytes: Int) throws -> [(Int, String)] {
        let dir = TemporaryDirectory()
        let path = dir.path + "/list.txt"
        let file = fopen(path, "w")!
        _ = text.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        var batches = try DockerListBatches(path: path)
        var result: [(Int, String)] = []
        while let batch = try batches.next(bytes: batchBytes) {
            for line in batch.lines { result.append((line.number, String(decoding: batch.text[line.range], as: UTF8.self))) }
        }
        return result
    }

    @Test("the logical lines of DockerLineReader, numbered the same, whatever the batch size", arguments: [
        "", "\n", "docker run a:1", "docker run a:1\n", "a\r\nb\r\n", "a \\\nb \\\r\nc\nd", "a \\\\\nb", "end \\",
        "x \\\n", "# c\n\n  \ndocker run \\\n  --rm \\\n  img:1\n", "é \\\nü\r\n\u{1F600}", "one\rtwo\n",
        "a # c \\\nb", "'a \\\nb'", "\"a \\\nb\"", "--privi\\\nleged", "\u{0600}\\\nb", "a 'q' \\\n# c \\\nd", "a \"b \\\n# c\" d", "abc\\\n#def \\\nx", "p abc \\\n# x \\\np y",
    ])
    func sameLines(text: String) throws {
        let expected = DockerLineReader.logicalLines(text)
        for size in [1, 3, 1 << 20] {
            let got = try Self.lines(of: Array(text.utf8), batchBytes: size)
            #expect(got.map(\.0) == expected.map(\.0), "\(text.debugDescription) \(size)")
            #expect(got.map(\.1) == expected.map(\.1), "\(text.debugDescription) \(size)")
        }
    }

    @Test("bytes that are not UTF-8, even split by a newline, or a byte-order mark, send the list the old way", arguments: [
        [0x61, 0xFF, 0x0A], [0x61, 0xC3, 0x0A, 0xA9, 0x0A], [0xEF, 0xBB, 0xBF, 0x61],
    ] as [[UInt8]])
    func unusual(bytes: [UInt8]) {
        #expect(throws: DockerListBatches.Unusual.self) { try Self.lines(of: bytes, batchBytes: 1 << 20) }
    }

    /// Each fixture is made here, not borrowed from the host: /dev/null is not a device in every
    /// sandbox. A character device needs mknod(2), so root; as another user that one case says so and stops.
    @Test("a file that cannot be opened, or cannot be read again from its start (a pipe, a device), is unusual too",
          arguments: ["missing", "fifo", "directory", "character device"])
    func notRegular(kind: String) throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/list.txt"
        switch kind {
        case "fifo": #expect(mkfifo(path, 0o600) == 0)
        case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "character device":
            guard geteuid() == 0 else { print("DockerListBatchesTests: the character-device case did not run: mknod needs root"); return }
            #expect(mknod(path, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0)  // glibc's makedev(1, 3), the null device
        default: break
        }
        #expect(throws: DockerListBatches.Unusual.self) { _ = try DockerListBatches(path: path) }
    }
}
