import Foundation
import Testing

/// Docker syntax is read once, by the docker reader (Sources/HardenFormats/Docker) and the audit readers
/// that meet it in users' files (Sources/HardenFormats/Audit); every other folder works on the typed plan.
@Suite("Docker syntax is parsed only by the readers")
struct DockerSyntaxConfinementTests {
    /// What parsing a docker spelling looks like: splitting security options, re-reading --mount,
    /// picking tmpfs words or restart counts out of strings, the old untyped option list.
    static let patterns = [
        "securityOptionParts(", "MountSpec.parse(", "otherOptions", "DockerValues.", "hasPrefix(\"apparmor",
        "hasPrefix(\"label", "hasPrefix(\"on-failure", "hasPrefix(\"size=", "dropFirst(\"size=", "hasPrefix(\"systempaths",
        "hasPrefix(\"seccomp", "hasPrefix(\"no-new-privileges", "OCIDockerOptions.last", "OCIDockerOptions.all",
    ]
    static let readers = ["HardenFormats/Docker", "HardenFormats/Audit"]

    @Test("no folder but the readers' parses docker's spellings")
    func confined() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources").standardized
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 150, "found the sources at \(sources.path)")
        var hits: [String] = []
        for file in files where !Self.readers.contains(where: { file.hasPrefix($0 + "/") }) {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for pattern in Self.patterns where line.contains(pattern) { hits.append("\(file):\(number + 1): \(pattern)") }
            }
        }
        #expect(hits.isEmpty, "docker syntax parsed outside the readers:\n\(hits.joined(separator: "\n"))")
    }
}
