import HardenModel
/// One profile document and where it came from.
public struct ProfileSource: Sendable, Equatable {
    public var name: String
    /// How messages and `harden show` name it: a file path, or `builtin:web.json`.
    public var location: String
    public var text: String
    /// Its place in the search path (0 first); built-ins come after every directory.
    public var rank: Int

    public init(name: String, location: String, text: String, rank: Int) {
        self.name = name
        self.location = location
        self.text = text
        self.rank = rank
    }

    public var isBuiltin: Bool { location.hasPrefix("builtin:") }
}
