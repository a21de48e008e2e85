import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The additive seccomp form: a team profile extends its parent's filter instead of replacing it.
@Suite("Seccomp add and remove along extends")
struct SeccompAdditionsTests {
    static func resolve(_ documents: [String: String], _ name: String) throws(HardenError) -> ResolvedProfile {
        let sources = documents.map { ProfileSource(name: $0.key, location: "/team/\($0.key).json", text: $0.value, rank: 0) }
            + BuiltinProfiles.sources
        return try ProfileRepository(searchPath: SearchPath(entries: []), builtins: []).resolve(sources.first { $0.name == name }!, in: sources)
    }

    static func allowed(_ policy: Profile.SeccompPolicy?) -> Set<String> {
        SyscallCatalogue.expand(policy?.allow ?? []).subtracting(SyscallCatalogue.expand(policy?.deny ?? []))
    }

    /// The issue's case: a profile on base's filter (as web was) adding @sync. The built-in web
    /// now adds @sync itself, so a team's web adds @timer to it the same way.
    @Test("a team profile adding @sync keeps its parent's filter and adds @sync", arguments: [("builtin:base", "@sync"), ("builtin:web", "@timer")])
    func addGroup(parent: String, group: String) throws {
        let team = try Self.resolve(["team-web": #"{"extends": "\#(parent)", "seccomp": {"add": ["\#(group)"]}}"#], "team-web")
        let inherited = try Self.resolve([:], String(parent.dropFirst("builtin:".count)))
        let teamAllowed = Self.allowed(team.profile.seccomp), parentAllowed = Self.allowed(inherited.profile.seccomp)
        #expect(teamAllowed.isSuperset(of: parentAllowed))
        #expect(teamAllowed.subtracting(parentAllowed) == SyscallCatalogue.expand([group]).subtracting(parentAllowed))
        #expect(!teamAllowed.subtracting(parentAllowed).isEmpty)
        #expect(teamAllowed.contains("execve"))
        #expect(team.profile.seccomp?.deny == inherited.profile.seccomp?.deny)
        #expect(team.profile.seccomp?.add == [], "folded into allow by the merge")
        let origin = try #require(team.seccompOrigins.first { $0.entry == group })
        #expect(origin == SeccompEntryOrigin(list: .allow, entry: group, file: "/team/team-web.json", how: .add))
        #expect(team.provenance["seccomp.allow"] == "/team/team-web.json")
    }

    @Test("the built-in web is base's filter plus @sync, written as an add")
    func builtinWeb() throws {
        let web = try Self.resolve([:], "web")
        #expect(web.profile.seccomp?.allow == ["@system-service", "@sync"])
        #expect(web.seccompOrigins.first { $0.entry == "@sync" }?.how == .add)
    }

    @Test("the replacing form still replaces: allow [@sync] alone is six syscalls")
    func replacingStillReplaces() throws {
        let team = try Self.resolve(["team-web": #"{"extends": "builtin:web", "seccomp": {"allow": ["@sync"]}}"#], "team-web")
        #expect(team.profile.seccomp?.allow == ["@sync"])
        #expect(!Self.allowed(team.profile.seccomp).contains("execve"))
    }

    @Test("add chains: a grandchild's add joins its parent's")
    func chained() throws {
        let team = try Self.resolve([
            "a": #"{"extends": "builtin:base", "seccomp": {"add": ["@sync"]}}"#,
            "b": #"{"extends": "a", "seccomp": {"add": ["@timer"]}}"#,
        ], "b")
        #expect(team.profile.seccomp?.allow == ["@system-service", "@sync", "@timer"])
        #expect(team.seccompOrigins.filter { $0.how == .add }.map(\.file) == ["/team/a.json", "/team/b.json"])
    }

    @Test("remove takes an entry out of allow, and denies a name a group still allows")
    func remove() throws {
        let team = try Self.resolve(["w": #"{"extends": "builtin:worker", "seccomp": {"remove": ["@sync", "flock"]}}"#], "w")
        #expect(team.profile.seccomp?.allow == ["@system-service"])
        #expect(team.profile.seccomp?.deny.last == "flock")
        let allowed = Self.allowed(team.profile.seccomp)
        #expect(!allowed.contains("fsync") && !allowed.contains("flock") && allowed.contains("read"))
        #expect(team.seccompOrigins.contains(SeccompEntryOrigin(list: .deny, entry: "flock", file: "/team/w.json", how: .remove)))
    }

    @Test("add lifts a deny spelled the same; a group deny that covers it is reported")
    func denies() throws {
        let lifted = try Self.resolve(["w": #"{"extends": "builtin:web", "seccomp": {"add": ["@keyring"]}}"#], "w")
        #expect(!(lifted.profile.seccomp?.deny.contains("@keyring") ?? true))
        #expect(Self.allowed(lifted.profile.seccomp).contains("keyctl"))
        let shadowed = try Self.resolve(["w": #"{"extends": "builtin:web", "seccomp": {"add": ["ptrace"]}}"#], "w")
        #expect(!Self.allowed(shadowed.profile.seccomp).contains("ptrace"))
        let note = try #require(shadowed.seccompNotes.first)
        #expect(note.file == "/team/w.json")
        #expect(note.message.contains("seccomp.add \"ptrace\": deny @debug (builtin:base.json) still refuses it (deny wins)"))
    }

    @Test("strict decoding: unknown names, unknown keys and an entry both added and removed are errors")
    func strict() throws {
        #expect(throws: HardenError.self) { try Self.resolve(["w": #"{"extends": "web", "seccomp": {"add": ["@sinc"]}}"#], "w") }
        do {
            _ = try Self.resolve(["w": #"{"extends": "web", "seccomp": {"add": ["@sinc"]}}"#], "w")
        } catch {
            #expect(error.message.contains("\"@sinc\" is not a syscall group; did you mean \"@sync\"?"))
        }
        do {
            _ = try Self.resolve(["w": #"{"extends": "web", "seccomp": {"append": ["@sync"]}}"#], "w")
            Issue.record("an unknown key decoded")
        } catch {
            #expect(error.message.contains("append"))
        }
        do {
            _ = try Self.resolve(["w": #"{"extends": "web", "seccomp": {"add": ["fsync"], "remove": ["fsync"]}}"#], "w")
            Issue.record("add and remove of one entry decoded")
        } catch {
            #expect(error.message.contains("\"fsync\" is both added and removed"))
        }
    }

    @Test("harden show lists each seccomp entry with the file that added it; the replacing form prints no such section")
    func show() throws {
        let dir = TemporaryDirectory()
        dir.write("team/web.json", #"{"name": "web", "extends": "builtin:web", "seccomp": {"add": ["@timer"]}}"#)
        let out = ValidateCommandTests.run(["show", "--profiles", dir.path + "/team", "web"]).out
        #expect(out.contains("seccomp, entry by entry\n  allow @system-service  builtin:base.json\n  allow @sync            builtin:web.json (add)\n  allow @timer           \(dir.path)/team/web.json (add)\n"))
        #expect(!ValidateCommandTests.run(["show", "worker"]).out.contains("entry by entry"))
    }
}
