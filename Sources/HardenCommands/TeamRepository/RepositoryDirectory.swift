import FoundationEssentials
import HardenFormats
import HardenModel

/// One directory `harden validate` judges: how messages show it (as the user gave it, so SARIF
/// paths stay relative to the repository) and where it is read from.
public struct RepositoryDirectory: Sendable, Equatable {
    public var shown: String
    public var path: String

    public init(shown: String, path: String) {
        self.shown = shown
        self.path = path
    }

    /// How a file in it is named: `web.json` for `.`, `team/web.json` for `team`.
    public func location(of file: String) -> String {
        if shown == "." || shown.isEmpty { return file }
        return shown.hasSuffix("/") ? shown + file : shown + "/" + file
    }

    /// What one directory holds: profile documents, and files that could not be read as text.
    struct Contents {
        var sources: [ProfileSource] = []
        /// Files that cannot be read as a document, with the one-line reason (`FILE[:LINE:COL]: why`).
        var unreadable: [(location: String, message: String)] = []
        /// The policy file's location and text, when there is one (nil text: unreadable).
        var policy: (location: String, text: String?)?
    }

    /// Reads every `*.json` except the policy, as `ProfileRepository` does, but keeps going past a
    /// file it cannot read. Hidden files are left out: no profile name starts with a dot, so
    /// `harden run` could never use one, and editors leave them behind.
    func contents(rank: Int) throws(HardenError) -> Contents {
        let files = FileManager.default
        var isDirectory = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .input("\(shown): no such directory; give the directory that holds the profiles")
        }
        guard isDirectory else {
            throw .input("\(shown): not a directory; give the directory that holds the profiles (a repository is validated as a whole)")
        }
        let names: [String]
        do {
            names = try files.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw .input("\(shown): cannot list the directory; check its permissions")
        }
        var contents = Contents()
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            var isFolder = false
            guard files.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder else { continue }
            let shown = location(of: name)
            var text: String?
            var problem = "\(shown): cannot read the file; check its permissions"
            do { text = try UTF8Text.readDocument(path + "/" + name, shown: shown) } catch { problem = error.message }
            if name == PolicyLocator.fileName {
                contents.policy = (shown, text)
            } else if let text {
                contents.sources.append(ProfileSource(name: String(name.dropLast(5)), location: shown, text: text, rank: rank))
            } else {
                contents.unreadable.append((shown, problem))
            }
        }
        return contents
    }
}
