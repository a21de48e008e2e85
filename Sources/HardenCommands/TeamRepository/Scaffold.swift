import FoundationEssentials
import HardenFormats
import HardenModel

/// The files of a new profile repository, and writing them.
///
/// It never overwrites: if any file it would write is already there, it writes nothing and names
/// every such file, so running it in the wrong directory costs nothing. Each file is written
/// atomically (a temporary file in the same directory, fsync, then linked into place, which fails
/// rather than replace a file that appeared in the meantime).
public enum Scaffold {
    public struct File: Sendable, Equatable {
        /// Relative to the repository.
        public var path: String
        public var text: String
        public var executable: Bool
        /// One line for the listing `harden init` prints.
        public var purpose: String
    }

    public static let files: [File] = [
        File(path: "README.md", text: ScaffoldReadme.text, executable: false, purpose: "how to use and change this repository"),
        File(path: "policy.json", text: ScaffoldProfiles.policy, executable: false, purpose: "what every launch must have"),
        File(path: "base.json", text: ScaffoldProfiles.base, executable: false, purpose: "the floor under every profile, the built-ins included"),
        File(path: "web.json", text: ScaffoldProfiles.web, executable: false, purpose: "HTTP services, on the built-in web"),
        File(path: "worker.json", text: ScaffoldProfiles.worker, executable: false, purpose: "batch and queue workers, on the built-in worker"),
        File(path: "db.json", text: ScaffoldProfiles.db, executable: false, purpose: "databases and caches, on the built-in db"),
        File(path: "ci/validate.sh", text: ScaffoldCI.validate, executable: true, purpose: "CI: harden validate, in text, json or sarif"),
        File(path: "ci/review.sh", text: ScaffoldCI.review, executable: true, purpose: "CI: what a branch loosens or tightens, per profile"),
        File(path: ".github/workflows/harden.yml", text: ScaffoldCI.workflow, executable: false, purpose: "GitHub Actions: both, with code-scanning upload"),
        File(path: ".pre-commit-config.yaml", text: ScaffoldCI.preCommit, executable: false, purpose: "pre-commit: harden validate before each commit"),
    ]

    /// Writes every file below `directory` (created if missing), or none when any already exists.
    /// Returns the paths written, in order.
    public static func write(into directory: String, shown: String) throws(HardenError) -> [String] {
        let manager = FileManager.default
        let existing = files.filter { manager.fileExists(atPath: directory + "/" + $0.path) }.map { join(shown, $0.path) }
        guard existing.isEmpty else {
            let named = existing.count > 3 ? existing.prefix(3).joined(separator: ", ") + " and \(existing.count - 3) more" : existing.joined(separator: ", ")
            throw .input("\(named) already exist\(existing.count == 1 ? "s" : ""); harden init never overwrites a file, so it wrote nothing: move \(existing.count == 1 ? "it" : "them") aside or choose another directory")
        }
        var written: [String] = []
        for file in files {
            let path = directory + "/" + file.path
            do {
                try manager.createDirectory(atPath: PathText.deletingLastComponent(path), withIntermediateDirectories: true)
            } catch {
                throw .input("\(join(shown, file.path)): cannot create its directory: \(SystemError.describe(error))")
            }
            do {
                try AtomicFile.write(file.text, to: path, mode: file.executable ? 0o755 : 0o644, replace: false)
            } catch {
                let done = written.isEmpty ? "" : " (already written: \(written.joined(separator: ", ")))"
                throw .input("\(join(shown, file.path)): \(error.description)\(done)")
            }
            written.append(join(shown, file.path))
        }
        return written
    }

    static func join(_ directory: String, _ path: String) -> String {
        directory == "." ? path : directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
