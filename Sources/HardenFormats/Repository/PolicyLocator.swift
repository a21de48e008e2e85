import FoundationEssentials
import HardenModel

/// Finds the team policy: `--policy FILE`, or else `policy.json` in the first profile directory of
/// the search path that has one. Built-ins bring no policy.
public enum PolicyLocator {
    public static let fileName = "policy.json"

    public static func load(explicit: String?, searchPath: SearchPath, currentDirectory: String) throws(HardenError) -> Policy {
        if let explicit {
            let path = explicit.hasPrefix("/") ? explicit : currentDirectory + "/" + explicit
            guard let text = try UTF8Text.readDocument(path, shown: explicit) else {
                throw .input("--policy \(explicit): cannot read the file; check the path (it must be a UTF-8 JSON file)")
            }
            return try PolicyDecoder.decode(text, file: explicit)
        }
        for entry in searchPath.entries {
            let path = entry.directory + "/" + fileName
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let text = try UTF8Text.readDocument(path, shown: path) else { throw .input("\(path): cannot read the file; check its permissions") }
            return try PolicyDecoder.decode(text, file: path)
        }
        return Policy()
    }

    package static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
