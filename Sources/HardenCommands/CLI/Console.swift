import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// Where a command writes, and what it knows of the world it runs in. Passed in so commands can be
/// tested without touching the process's own streams or environment.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var environment: [String: String]
    public var currentDirectory: String
    /// Standard input, read to its end (`harden check -`); nil when it cannot be read. More than
    /// `limit` bytes is refused rather than held.
    public var input: @Sendable (_ limit: Int) -> [UInt8]? = { _ in nil }
    /// Whether `out` is a terminal, where a report may be in colour; never for a pipe or a file.
    public var outIsTerminal = false

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
        var console = Console(
            out: { write(all: $0, to: STDOUT_FILENO) },
            err: { write(all: $0, to: STDERR_FILENO) },
            environment: environment(),
            currentDirectory: FileManager.default.currentDirectoryPath)
        console.input = { limit in readAll(STDIN_FILENO, limit: limit) }
        console.outIsTerminal = isatty(STDOUT_FILENO) == 1
        return console
    }

    /// A pipe, a terminal or a file alike: read(2) until it says the end; nil past `limit` or on an error.
    static func readAll(_ descriptor: Int32, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { return bytes }
            bytes += block[..<got]
            if bytes.count > limit { return nil }
        }
    }

    /// The process's environment as ProcessInfo reads it (split at the first `=`, an entry without
    /// one skipped, a later duplicate winning), read from `environ` directly: ProcessInfo's set-up
    /// cost more than the rest of a `harden run --dry-run` start.
    static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            // Cut on the bytes: a String per entry and then its halves cost ten times as much.
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                result[String(decoding: bytes[..<equals], as: UTF8.self)] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
            }
            entry += 1
        }
        return result
    }

    /// write(2) until all of `text` is out; a closed or failing stream drops the rest.
    private static func write(all text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            done += count
        }
    }

    public func warn(_ message: String) { err("harden: warning: \(HardenError.oneLine(message))\n") }
}
