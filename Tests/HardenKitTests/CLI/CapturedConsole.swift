import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Runs harden in-process and keeps what it printed.
final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    /// The working directory when a test names none: a scratch one, so that what a command writes
    /// relative to it (compose's and k8s's seccomp/ folder) never lands on the host.
    private let scratch = TemporaryDirectory()

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    func console(environment: [String: String] = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"], cwd: String? = nil) -> Console {
        Console(out: { text in self.lock.withLock { self.outText += text } },
                err: { text in self.lock.withLock { self.errText += text } },
                environment: environment, currentDirectory: cwd ?? scratch.path)
    }

    static func run(_ arguments: [String], environment: [String: String] = ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(environment: environment))
        return (status, captured.out, captured.err)
    }
}
