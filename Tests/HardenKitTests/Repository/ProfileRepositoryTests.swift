import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Profiles resolve along the search path and through extends")
struct ProfileRepositoryTests {
    func repository(_ dirs: [String], environment: [String: String] = [:], cwd: String = "/nonexistent") -> ProfileRepository {
        ProfileRepository(searchPath: SearchPath.standard(flags: dirs, environment: environment.merging(["HOME": "/nonexistent"]) { a, _ in a }, currentDirectory: cwd))
    }

    @Test("the search path is flags, HARDEN_PROFILE_PATH, ./.harden, XDG config, /etc, in that order")
    func searchPathOrder() {
        let path = SearchPath.standard(flags: ["/a", "/b"], environment: ["HARDEN_PROFILE_PATH": "/c:/d", "XDG_CONFIG_HOME": "/x", "HOME": "/h"], currentDirectory: "/w")
        #expect(path.entries.map(\.directory) == ["/a", "/b", "/c", "/d", "/w/.harden/profiles", "/x/harden/profiles", "/etc/harden/profiles"])
        #expect(path.entries.map(\.explicit) == [true, true, true, true, false, false, false])
        let fallback = SearchPath.standard(flags: [], environment: ["HOME": "/h"], currentDirectory: "/w")
        #expect(fallback.entries.map(\.directory).contains("/h/.config/harden/profiles"))
    }

    @Test("the first match by name wins, and built-ins come last")
    func precedence() throws {
        let a = TemporaryDirectory(), b = TemporaryDirectory()
        a.write("web.json", #"{"user": "1:1"}"#)
        b.write("web.json", #"{"user": "2:2"}"#)
        #expect(try repository([a.path, b.path]).resolve("web").profile.user == "1:1")
        #expect(try repository([b.path, a.path]).resolve("web").profile.user == "2:2")
        #expect(try repository([], environment: ["HARDEN_PROFILE_PATH": b.path]).resolve("web").profile.user == "2:2")
        #expect(try repository([]).resolve("web").chain.first?.location == "builtin:web.json")
    }

    @Test("./.harden/profiles is searched from the current directory")
    func projectDirectory() throws {
        let project = TemporaryDirectory()
        project.write(".harden/profiles/api.json", #"{"extends": "web", "user": "7:7"}"#)
        let resolved = try repository([], cwd: project.path).resolve("api")
        #expect(resolved.profile.user == "7:7")
        #expect(resolved.profile.readOnlyRootFilesystem == true)
    }

    @Test("extends works across directories and records where each value came from")
    func extendsAcrossDirectories() throws {
        let team = TemporaryDirectory(), app = TemporaryDirectory()
        let teamFile = team.write("company.json", #"{"extends": "base", "resources": {"memory": "256m"}}"#)
        let appFile = app.write("api.json", #"{"extends": "company", "resources": {"pids": 64}, "tmpfs": {"/tmp": null}}"#)
        let resolved = try repository([app.path, team.path]).resolve("api")
        #expect(resolved.chain.map(\.location) == [appFile, teamFile, "builtin:base.json"])
        #expect(resolved.profile.resources.memory == 256 << 20)
        #expect(resolved.profile.resources.pids == 64)
        #expect(resolved.profile.resources.cpus == 1)
        #expect(resolved.profile.tmpfs.isEmpty, "null removes the parent's carve-out")
        #expect(resolved.provenance["resources.memory"] == teamFile)
        #expect(resolved.provenance["resources.pids"] == appFile)
        #expect(resolved.provenance["user"] == "builtin:base.json")
        #expect(resolved.provenance["tmpfs[\"/tmp\"].size"] == nil)
    }

    @Test("a team profile can extend the built-in of the same name")
    func extendsSameName() throws {
        let team = TemporaryDirectory()
        team.write("web.json", #"{"extends": "web", "resources": {"memory": "128m"}}"#)
        let resolved = try repository([team.path]).resolve("web")
        #expect(resolved.chain.map(\.location).suffix(2) == ["builtin:web.json", "builtin:base.json"])
        #expect(resolved.profile.capabilities?.drop == ["ALL"] && resolved.profile.capabilities?.add == [])
        #expect(resolved.profile.network.unprivilegedPortStart == 0)
        #expect(resolved.profile.resources.memory == 128 << 20)
        team.write("web.json", #"{"extends": "builtin:web"}"#)
        #expect(try repository([team.path]).resolve("web").chain.count == 3)
    }

    @Test("a cycle is an error naming every profile in it")
    func cycle() throws {
        let dir = TemporaryDirectory()
        dir.write("a.json", #"{"extends": "b"}"#)
        dir.write("b.json", #"{"extends": "c"}"#)
        dir.write("c.json", #"{"extends": "a"}"#)
        #expect {
            try repository([dir.path]).resolve("a")
        } throws: { error in
            let message = (error as! HardenError).message
            return message.hasPrefix("profile cycle through extends: a (") && message.contains("→ b (") && message.contains("→ c (") && message.contains("→ a (")
        }
    }

    @Test("an unknown parent names the file that asked for it")
    func unknownParent() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("a.json", #"{"extends": "nosuch"}"#)
        #expect(throws: HardenError.input("\(file):1:13: extends: no profile named \"nosuch\" on the search path; check the name or add its directory with --profiles")) {
            try repository([dir.path]).resolve("a")
        }
    }

    @Test("a misspelt key in a parent fails with that parent's file and line")
    func errorInParent() throws {
        let dir = TemporaryDirectory()
        let parent = dir.write("p.json", "{\n  \"readOnlyRootFilesytem\": true\n}")
        dir.write("c.json", #"{"extends": "p"}"#)
        #expect(throws: HardenError.input("\(parent):2:3: readOnlyRootFilesytem: unknown key; did you mean \"readOnlyRootFilesystem\"?")) {
            try repository([dir.path]).resolve("c")
        }
    }

    @Test("a merged profile that does not decode names the file that set the key, not the child's")
    func mergedErrorNamesItsFile() throws {
        let dir = TemporaryDirectory()
        let parent = dir.write("small.json", "{\n  \"resources\": {\"memory\": \"64m\", \"memorySwap\": \"64m\"}\n}")
        dir.write("big.json", #"{"extends": "small", "resources": {"memory": "1g"}}"#)
        #expect(throws: HardenError.input("\(parent):2:48: resources.memorySwap: memorySwap (memory plus swap) must be at least memory (1g) (in profile big, which inherits it)")) {
            try repository([dir.path]).resolve("big")
        }
    }

    @Test("a name that disagrees with its file name is an error")
    func nameMismatch() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("a.json", #"{"name": "b"}"#)
        #expect(throws: HardenError.input("\(file):1:10: name: \"b\" does not match the file name a.json; rename one so they agree")) {
            try repository([dir.path]).resolve("a")
        }
    }

    @Test("a profile that needs a newer harden says so instead of calling its keys misspelt")
    func requiresNewer() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("a.json", #"{"requires": "99.0", "futureKey": 1}"#)
        #expect(throws: HardenError.input("\(file):1:14: requires: this profile needs harden 99.0 or newer, and this is harden \(HardenVersion.current); upgrade harden")) {
            try repository([dir.path]).resolve("a")
        }
    }

    @Test("a --profiles directory that does not exist is an error; a conventional one is skipped")
    func missingDirectory() {
        #expect(throws: HardenError.self) { try repository(["/no/such/dir"]).resolve("web") }
        #expect((try? repository([]).resolve("web")) != nil)
    }

    @Test("an unknown profile suggests the nearest name")
    func unknownProfile() {
        #expect(throws: HardenError.input("no profile named \"wbe\" on the search path; did you mean \"web\"?")) {
            try repository([]).resolve("wbe")
        }
    }
}
