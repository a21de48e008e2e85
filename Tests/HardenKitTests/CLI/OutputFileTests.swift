import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("compose and k8s -o FILE, kubectl's -o yaml told apart, -h on every command")
struct OutputFileTests {
    static let compose = ["compose", "web", "--service", "web", "registry.example/app:1.0"]
    static let k8s = ["k8s", "web", "--name", "web", "registry.example/app:1.0"]

    static func run(_ arguments: [String], in dir: TemporaryDirectory) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(cwd: dir.path))
        return (status, captured.out, captured.err)
    }

    @Test("-o/--output FILE writes what standard output would have had, in either format, and prints nothing", arguments: [
        compose, compose + ["--format", "json"], k8s, k8s + ["--format", "json"],
    ])
    func writes(arguments: [String]) throws {
        let dir = TemporaryDirectory()
        let printed = Self.run(arguments, in: dir)
        #expect(printed.status == 0, "\(printed.err)")
        for spelling in [["-o", "out.file"], ["--output", "out.file"], ["--output=out.file"]] {
            // Before the profile and among the docker run options alike.
            let written = Self.run([arguments[0]] + spelling + Array(arguments.dropFirst()), in: dir)
            #expect(written.status == 0, "\(written.err)")
            #expect(written.out.isEmpty)
            #expect(try String(contentsOfFile: dir.path + "/out.file", encoding: .utf8) == printed.out)
        }
        let after = Self.run(Array(arguments.prefix(2)) + ["-o", dir.path + "/abs.file"] + Array(arguments.dropFirst(2)), in: dir)
        #expect(after.status == 0, "\(after.err)")
        #expect(try String(contentsOfFile: dir.path + "/abs.file", encoding: .utf8) == printed.out)
    }

    @Test("an existing file is replaced whole; a missing directory is one line, exit 2, the old file kept")
    func replaces() throws {
        let dir = TemporaryDirectory()
        let target = dir.write("pod.yaml", "old\n")
        #expect(Self.run(["k8s", "-o", target] + Self.k8s.dropFirst(), in: dir).status == 0)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("apiVersion: v1\nkind: Pod\n"), "\(text)")
        let missing = Self.run(["compose", "-o", "no/such/dir/c.yaml"] + Self.compose.dropFirst(), in: dir)
        #expect(missing.status == 2)
        #expect(missing.err.hasPrefix("harden: no/such/dir/c.yaml: cannot create "), "\(missing.err)")
        #expect(missing.err.hasSuffix("; the previous file, if any, is unchanged\n"))
        #expect(missing.err.filter { $0 == "\n" }.count == 1)
    }

    @Test("a refused launch writes no file")
    func refusedWritesNothing() {
        let dir = TemporaryDirectory()
        let result = Self.run(["compose", "web", "--service", "web", "-o", "c.yaml", "--privileged", "img:1"], in: dir)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/c.yaml"))
    }

    @Test("kubectl's -o yaml, -o json, -o wide: one line telling --format, exit 2, no file", arguments: [
        ("k8s", "yaml", "yaml"), ("k8s", "json", "json"), ("k8s", "wide", "yaml"), ("k8s", "jsonpath={.spec}", "json"),
        ("compose", "yaml", "yaml"), ("compose", "JSON", "json"), ("k8s", "name", "yaml"),
    ])
    func kubectlFormat(command: String, value: String, format: String) {
        let dir = TemporaryDirectory()
        let arguments = command == "k8s" ? Self.k8s : Self.compose
        let result = Self.run(Array(arguments.prefix(2)) + ["-o", value] + Array(arguments.dropFirst(2)), in: dir)
        #expect(result.status == 2)
        #expect(result.err == "harden: -o \(value) (argument 3) is kubectl's output format; harden \(command)'s -o names a file: use --format \(format) (and -o FILE to write it to a file; ./\(value) for a file of that name)\n")
        #expect(result.out.isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.contains(value) != true)
    }

    @Test("./yaml is a file of that name")
    func fileNamedLikeAFormat() throws {
        let dir = TemporaryDirectory()
        #expect(Self.run(["k8s", "-o", "./yaml"] + Self.k8s.dropFirst(), in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/yaml"))
    }

    @Test("-h and --help work on every command: exit 0, its usage on standard output, nothing on standard error",
          arguments: HardenCLI.commands.map(\.name))
    func help(command: String) throws {
        let usage = try #require(HardenCLI.command(named: command)).usage
        for spelling in ["-h", "--help"] {
            let result = CapturedConsole.run([command, spelling])
            #expect(result.status == 0, "\(command) \(spelling): \(result.err)")
            #expect(result.out.hasPrefix("usage: \(usage)\n"), "\(command) \(spelling)")
            #expect(result.err.isEmpty)
        }
        let viaHelp = CapturedConsole.run(["help", command])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.out == CapturedConsole.run([command, "--help"]).out)
    }
}
