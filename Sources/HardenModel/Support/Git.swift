import FoundationEssentials

/// Reads files as they were at a git revision, for `harden diff NAME@REV`. git runs as a child
/// process with an argument vector, never through a shell, so a revision or path is only ever an
/// argument.
package struct Git {
    /// Where to look for `git`, and what it runs with.
    var environment: [String: String]
    package init(environment: [String: String]) { self.environment = environment }

    /// The text of `file` (a name in `directory`) at `revision`.
    package func show(_ file: String, at revision: String, in directory: String) throws(HardenError) -> String {
        try run(["show", "\(revision):./\(file)"], in: directory, what: "\(file) at \(revision)")
    }

    /// The names of the files directly in `directory` at `revision`, sorted.
    package func files(at revision: String, in directory: String) throws(HardenError) -> [String] {
        // `MODE blob SHA<TAB>NAME`; folders are trees and are left out.
        let listing = try run(["ls-tree", revision, "./"], in: directory, what: "the files of \(directory) at \(revision)")
        return listing.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, parts[0].split(separator: " ").dropFirst().first == "blob" else { return nil }
            return String(parts[1])
        }.sorted()
    }

    /// A revision is one argument, but one starting with `-` would still read as an option.
    package static func checkRevision(_ revision: String, argument: String) throws(HardenError) {
        guard !revision.isEmpty, !revision.hasPrefix("-"), !revision.contains(":") else {
            throw .input("\(argument): \"\(revision)\" is not a git revision; use a branch, tag or commit such as main, v1.2 or HEAD~1")
        }
    }

    private func run(_ arguments: [String], in directory: String, what: String) throws(HardenError) -> String {
        guard let git = executable() else {
            throw .input("git is not on PATH; reading \(what) needs git (install it, or compare two files instead)")
        }
        let result: CommandRunner.Captured
        do {
            result = try CommandRunner.capture(git, ["-C", directory] + arguments, environment: environment, timeout: nil)
        } catch {
            throw .input("cannot run \(git) to read \(what): \(error.message)")
        }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
            let reason = message.split(separator: "\n").first.map { String($0).replacingText("fatal: ", with: "") } ?? "git exited with \(result.status)"
            throw .input("cannot read \(what): \(reason)")
        }
        guard let text = String(data: Data(result.stdout), encoding: .utf8) else { throw .input("cannot read \(what): it is not UTF-8 text") }
        return text
    }

    private func executable() -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
