import Foundation

/// A scratch git repository for tests of `NAME@REV`, committed to with a fixed identity.
final class GitFixture {
    let directory = TemporaryDirectory()
    var path: String { directory.path }

    init() throws { try git("init", "-q", "-b", "main") }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String { directory.write(relative, text) }

    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("-c", "user.name=harden tests", "-c", "user.email=tests@harden.invalid", "commit", "-q", "-m", message)
    }

    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": path, "GIT_CONFIG_NOSYSTEM": "1"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFixtureError(arguments: arguments) }
    }
}

struct GitFixtureError: Error { var arguments: [String] }
