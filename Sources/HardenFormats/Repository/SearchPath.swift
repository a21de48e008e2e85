import FoundationEssentials
import HardenModel

/// Where profiles are looked up, first match by name wins:
/// `--profiles DIR` (in the order given), `HARDEN_PROFILE_PATH` (colon-separated), the current
/// directory when it is a profile repository (it holds policy.json), `./.harden/profiles`,
/// `$XDG_CONFIG_HOME/harden/profiles` (default `~/.config/harden/profiles`), `/etc/harden/profiles`,
/// then the built-ins compiled into the binary.
public struct SearchPath: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var directory: String
        /// Named by the user (`--profiles`, `HARDEN_PROFILE_PATH`): a missing one is an error,
        /// where a missing conventional directory is simply skipped.
        public var explicit: Bool
        public init(directory: String, explicit: Bool) { self.directory = directory; self.explicit = explicit }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public static func standard(
        flags: [String], environment: [String: String], currentDirectory: String
    ) -> SearchPath {
        var entries = flags.map { Entry(directory: $0, explicit: true) }
        if let list = environment["HARDEN_PROFILE_PATH"] {
            entries += list.split(separator: ":").map { Entry(directory: String($0), explicit: true) }
        }
        // The rule `validate` and `docs` use, so every command inside a team repository sees its profiles.
        if isRepository(currentDirectory) { entries.append(Entry(directory: currentDirectory, explicit: false)) }
        entries.append(Entry(directory: currentDirectory + "/.harden/profiles", explicit: false))
        let home = environment["HOME"] ?? PathText.passwordHome() ?? "/"
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        entries.append(Entry(directory: config + "/harden/profiles", explicit: false))
        entries.append(Entry(directory: "/etc/harden/profiles", explicit: false))
        return SearchPath(entries: entries)
    }

    /// A directory is a profile repository when it holds the policy file `harden init` writes.
    public static func isRepository(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + PolicyLocator.fileName)
    }
}
