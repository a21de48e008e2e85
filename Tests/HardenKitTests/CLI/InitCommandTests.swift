import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden init")
struct InitCommandTests {
    @Test("a new user's first steps: init a directory, then validate inside it, passes")
    func newUser() throws {
        let parent = TemporaryDirectory()
        let repo = parent.path + "/profiles"
        let made = ValidateCommandTests.run(["init", repo])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out.hasPrefix("harden init: a profile repository in \(repo)\n  \(repo)/README.md "))
        #expect(made.out.contains("cd \(repo) && harden validate"))
        let checked = ValidateCommandTests.run(["validate"], cwd: repo)
        #expect(checked.status == 0, "\(checked.out)")
        #expect(checked.out.hasSuffix("harden validate: 4 profiles and 1 policy: 0 rejected, 5 accepted; 0 errors, 0 warnings: accepted\n"))
    }

    @Test("every file is written, the CI scripts executable, nothing left behind")
    func files() throws {
        let dir = TemporaryDirectory()
        let written = try Scaffold.write(into: dir.path, shown: ".")
        #expect(written == Scaffold.files.map(\.path))
        for file in Scaffold.files {
            let path = dir.path + "/" + file.path
            #expect(try String(contentsOfFile: path, encoding: .utf8) == file.text)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o111 != 0 } == file.executable, "\(file.path)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test("it never overwrites: one existing file and nothing is written")
    func refuses() throws {
        let dir = TemporaryDirectory()
        dir.write("README.md", "ours\n")
        let result = ValidateCommandTests.run(["init", dir.path])
        #expect(result.status == 2)
        #expect(result.err == "harden: \(dir.path)/README.md already exists; harden init never overwrites a file, so it wrote nothing: move it aside or choose another directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["README.md"])
        #expect(try String(contentsOfFile: dir.path + "/README.md", encoding: .utf8) == "ours\n")
    }

    @Test("the team's base sits under the built-ins: web resolves through it")
    func chain() throws {
        let dir = TemporaryDirectory()
        _ = try Scaffold.write(into: dir.path, shown: dir.path)
        let web = try ProfileRepository(searchPath: SearchPath(entries: [.init(directory: dir.path, explicit: true)])).resolve("web")
        #expect(web.chain.map(\.location) == ["\(dir.path)/web.json", "builtin:web.json", "\(dir.path)/base.json", "builtin:base.json"])
        #expect(web.profile.rationale["capabilities"]?.hasPrefix("none: ports below 1024 come from") == true)
    }

    @Test("usage errors exit 2", arguments: [
        (["init"], "harden: expected one directory; usage: harden init DIR\n"),
        (["init", "a", "b"], "harden: expected one directory; usage: harden init DIR\n"),
        (["init", "--force"], "harden: unknown init option --force (argument 2); the options are --help\n"),
        (["init", "--", "-x"], "harden: \"-x\" (argument 3) starts with '-', which the commands printed for it would read as an option; give it as ./-x\n"),
    ])
    func usage(arguments: [String], message: String) {
        let result = ValidateCommandTests.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("a write that fails names the file")
    func failure() {
        #expect(throws: HardenError.self) { try Scaffold.write(into: "/proc/harden-cannot-write", shown: "/proc/harden-cannot-write") }
    }
}
