import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// `harden check DIR`: the files in DIR (recursively) that compose, Kubernetes and OCI runtimes
/// read, in name order, skipping version control and build folders and choosing among them by
/// `--include` and `--exclude` globs on the path relative to DIR.
enum CheckDirectory {
    static let skipped: Set<String> = [".git", "node_modules", ".build"]

    /// `--include`: when there is one, only the files one matches; `--exclude`: not the files (nor
    /// the directories, with all they hold) one matches.
    struct Filter: Sendable {
        var include: [PathGlob] = []
        var exclude: [PathGlob] = []

        func reads(_ relative: String) -> Bool {
            (include.isEmpty || include.contains { $0.matches(relative) }) && !exclude.contains { $0.matches(relative) }
        }

        func enters(_ relative: String) -> Bool { !exclude.contains { $0.matches(relative) } }

        /// A glob chooses among the files of a directory; given without one it would choose nothing, silently.
        func refuseWithoutDirectory(_ operands: [String], currentDirectory: String) throws(HardenError) {
            guard let glob = include.first ?? exclude.first else { return }
            guard !operands.contains(where: { $0 != "-" && isDirectory(absolute($0, currentDirectory)) }) else { return }
            let option = include.isEmpty ? "--exclude" : "--include"
            throw .input("\(option) \"\(glob.pattern)\" chooses among the files below a directory, and no DIR was given; add the directory (harden check DIR \(option) ...), or name the files themselves")
        }
    }

    /// The operands with each directory replaced by the files it holds that check reads.
    static func expand(_ operands: [String], currentDirectory: String, filter: Filter = Filter()) -> [String] {
        operands.flatMap { operand -> [String] in
            guard operand != "-", isDirectory(absolute(operand, currentDirectory)) else { return [operand] }
            var found: [String] = []
            walk(operand, relative: "", currentDirectory: currentDirectory, filter: filter, into: &found)
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

    /// `relative`: the directory's path below the operand ("" for the operand itself).
    private static func walk(_ directory: String, relative: String, currentDirectory: String, filter: Filter, into found: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute(directory, currentDirectory)) else { return }
        for name in names.sorted() where !skipped.contains(name) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let below = relative.isEmpty ? name : relative + "/" + name
            let full = absolute(path, currentDirectory)
            var info = stat()
            // lstat: a symlinked directory is not followed, so a link loop cannot walk for ever.
            guard lstat(full, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                if filter.enters(below) { walk(path, relative: below, currentDirectory: currentDirectory, filter: filter, into: &found) }
            } else if info.st_mode & S_IFMT == S_IFREG, filter.reads(below), reads(name: name, path: full) {
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

extension CheckCommand {
    /// `--include` and `--exclude`, each glob checked now so that a typo is exit 2 before any reading.
    static func directoryFilter(_ parsed: ParsedArguments) throws(HardenError) -> CheckDirectory.Filter {
        var filter = CheckDirectory.Filter()
        for given in parsed.given where given.name == "--include" || given.name == "--exclude" {
            let glob: PathGlob
            do { glob = try PathGlob(given.value) } catch {
                throw .input("\(given.name) (argument \(given.argument)): \(error.message)")
            }
            if given.name == "--include" { filter.include.append(glob) } else { filter.exclude.append(glob) }
        }
        return filter
    }
}
