import Glibc
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Running a program and collecting what it printed")
struct CommandRunnerTests {
    @Test("both streams and the exit status come back, and the environment is the one given")
    func streamsAndStatus() throws {
        let output = try #require(CommandRunner.run("/bin/sh", ["-c", "echo out $WHO; echo err >&2; exit 3"], environment: ["WHO": "me"]))
        #expect(output == CommandRunner.Output(status: 3, stdout: "out me\n", stderr: "err\n"))
    }

    @Test("standard input is empty")
    func emptyInput() throws {
        let output = try #require(CommandRunner.run("/bin/sh", ["-c", "wc -c"], environment: ["PATH": "/usr/bin:/bin"]))
        #expect(output.stdout.trimmingWhitespace(newlines: true) == "0")
    }

    @Test("a program filling both pipes at once finishes: neither stream is left unread")
    func largeOutput() throws {
        let script = "i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123456789; echo e0123456789012345678901234567890123456789012345678901234567890123456789 >&2; i=$((i+1)); done"
        let output = try #require(CommandRunner.run("/bin/sh", ["-c", script], environment: [:]))
        #expect(output.status == 0)
        #expect(output.stdout.utf8.count == 2000 * 71)
        #expect(output.stderr.utf8.count == 2000 * 72)
        #expect(!output.timedOut)
    }

    @Test("a program killed by a signal reports the signal's number, as Process did")
    func signalled() throws {
        let output = try #require(CommandRunner.run("/bin/sh", ["-c", "kill -9 $$"], environment: [:]))
        #expect(output.status == 9)
    }

    @Test("a program that outlives the timeout is stopped with SIGTERM")
    func timeout() throws {
        let output = try #require(CommandRunner.run("/bin/sleep", ["30"], environment: [:], timeout: 0.2))
        #expect(output.timedOut)
        #expect(output.status == 15)
    }

    @Test("a program that ends is not waited for beyond its end when a child of its keeps the pipes open")
    func backgroundChild() throws {
        let output = try #require(CommandRunner.run("/bin/sh", ["-c", "/bin/sleep 8 & echo started"], environment: [:], timeout: 6))
        #expect(!output.timedOut)
        #expect(output.stdout == "started\n")
        #expect(output.status == 0)
    }

    @Test("a program that does not exist cannot be started, and says why")
    func missing() {
        #expect(CommandRunner.run("/nonexistent/program", [], environment: [:]) == nil)
        #expect(throws: CommandRunner.SpawnError(code: ENOENT)) {
            try CommandRunner.capture("/nonexistent/program", [], environment: [:], timeout: nil)
        }
        #expect(CommandRunner.SpawnError(code: ENOENT).message == "No such file or directory")
    }
}
