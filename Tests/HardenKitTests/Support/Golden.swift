import Foundation
import Testing

/// Golden files in Tests/HardenKitTests/Golden. `HARDEN_UPDATE_GOLDEN=1 swift test` rewrites them
/// from the current output; review the diff before committing it.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    static func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory + "/" + name
        if ProcessInfo.processInfo.environment["HARDEN_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "(no golden file \(name))"
        #expect(text == expected, "\(name) changed; if that is intended, rerun with HARDEN_UPDATE_GOLDEN=1 swift test and review the diff",
                sourceLocation: sourceLocation)
    }

    /// A command's output as a golden file: the command line and its stderr as `#` comments (so a
    /// YAML golden file stays YAML), then its stdout.
    static func transcript(_ arguments: [String], status: Int32, out: String, err: String) -> String {
        var text = "# harden " + arguments.joined(separator: " ") + "\n"
        if status != 0 { text += "# exit status \(status)\n" }
        if !err.isEmpty {
            text += "# stderr:\n" + err.split(separator: "\n").map { "#   \($0)\n" }.joined()
        }
        return text + out
    }
}
