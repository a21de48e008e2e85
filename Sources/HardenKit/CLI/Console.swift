import Foundation

/// Where a command writes, and what it knows of the world it runs in. Passed in so commands can be
/// tested without touching the process's own streams or environment.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var environment: [String: String]
    public var currentDirectory: String

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        environment: [String: String], currentDirectory: String
    ) {
        self.out = out
        self.err = err
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// The real process: stdout, stderr, its environment and working directory.
    public static var process: Console {
        Console(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    public func warn(_ message: String) { err("harden: warning: \(HardenError.oneLine(message))\n") }
}
