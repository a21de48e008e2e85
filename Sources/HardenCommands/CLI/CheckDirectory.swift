import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// `harden check DIR`: the files in DIR (recursively) that compose, Kubernetes and OCI runtimes
/// read, in name order, skipping version control and build folders.
enum CheckDirectory {
    static let skipped: Set<String> = [".git", "node_modules", ".build"]

    /// The operands with each directory replaced by the files it holds that check reads.
    static func expand(_ operands: [String], currentDirectory: String) -> [String] {
        operands.flatMap { operand -> [String] in
            guard operand != "-", isDirectory(absolute(operand, currentDirectory)) else { return [operand] }
            var found: [String] = []
            walk(operand, currentDirectory: currentDirectory, into: &found)
            return found
        }
    }

    static func absolute(_ path: String, _ currentDirectory: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func walk(_ directory: String, currentDirectory: String, into found: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute(directory, currentDirectory)) else { return }
        for name in names.sorted() where !skipped.contains(name) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let full = absolute(path, currentDirectory)
            var info = stat()
            // lstat: a symlinked directory is not followed, so a link loop cannot walk for ever.
            guard lstat(full, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, currentDirectory: currentDirectory, into: &found)
            } else if info.st_mode & S_IFMT == S_IFREG, reads(name: name, path: full) {
                found.append(path)
            }
        }
    }

    /// compose.y*ml, docker-compose*.y*ml, config.json, and *.yaml/*.yml/*.json holding apiVersion and kind.
    static func reads(name: String, path: String) -> Bool {
        let yaml = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if yaml, name.hasPrefix("compose.") || name.hasPrefix("docker-compose") { return true }
        if name == "config.json" { return true }
        guard yaml || name.hasSuffix(".json"), let text = try? UTF8Text.readDocument(path, shown: name) else { return false }
        return text.contains("apiVersion") && text.contains("kind")
    }
}
