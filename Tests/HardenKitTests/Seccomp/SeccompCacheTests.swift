import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The cache of generated filters")
struct SeccompCacheTests {
    @Test("directories: XDG_CACHE_HOME, then ~/.cache, then the temporary directory; relative values are ignored")
    func candidates() {
        #expect(SeccompCache.candidates(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h/", "TMPDIR": "/t"], uid: 7) == [
            .init(directory: "/x/harden/seccomp"), .init(directory: "/h/.cache/harden/seccomp", base: "/h"),
            .init(directory: "/t/harden-7/seccomp", base: "/t"),
        ])
        #expect(SeccompCache.candidates(environment: ["XDG_CACHE_HOME": "rel", "HOME": "rel", "TMPDIR": "rel"], uid: 7)
                == [.init(directory: "/tmp/harden-7/seccomp", base: "/tmp")])
    }

    @Test("a home that does not exist is never created")
    func missingHome() throws {
        let directory = TemporaryDirectory()
        let home = directory.path + "/no-such-home"
        let path = try SeccompCache.store("{}\n", environment: ["HOME": home, "TMPDIR": directory.path])
        #expect(path.hasPrefix(directory.path + "/harden-\(getuid())/seccomp/"))
        #expect(!FileManager.default.fileExists(atPath: home))
    }

    @Test("a filter is stored under its SHA-256 and reused when the content matches")
    func contentAddressed() throws {
        let directory = TemporaryDirectory()
        let environment = ["XDG_CACHE_HOME": directory.path]
        let path = try SeccompCache.store("{}\n", environment: environment)
        #expect(path == directory.path + "/harden/seccomp/" + SHA256.hex("{}\n") + ".json")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
        try "tampered".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try SeccompCache.store("{}\n", environment: environment) == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n", "a file that is not what its name promises is rewritten")
    }

    @Test("an unusable cache home falls back to the next directory")
    func fallback() throws {
        let directory = TemporaryDirectory()
        let path = try SeccompCache.store("{}\n", environment: ["XDG_CACHE_HOME": "/dev/null/cache", "HOME": directory.path])
        #expect(path.hasPrefix(directory.path + "/.cache/harden/seccomp/"))
    }

    @Test("a temporary directory someone else owns is passed over, and the error names every place tried")
    func foreignTemporaryDirectory() throws {
        let directory = TemporaryDirectory()
        let uid = getuid() &+ 4242
        // Created by this process, so owned by our real uid, which is not the uid harden is told it runs as.
        try FileManager.default.createDirectory(atPath: directory.path + "/harden-\(uid)", withIntermediateDirectories: false)
        do {
            _ = try SeccompCache.store("{}\n", environment: ["HOME": "/dev/null", "TMPDIR": directory.path], uid: uid)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("cannot write the generated seccomp filter (/dev/null/.cache/harden/seccomp: /dev/null is not an existing directory; "))
            #expect(error.message.contains("\(directory.path)/harden-\(uid)/seccomp: \(directory.path)/harden-\(uid) belongs to uid \(getuid()), not \(uid); remove it"))
            #expect(error.message.hasSuffix("set XDG_CACHE_HOME to a writable directory, or write it with `harden seccomp PROFILE > FILE` and pass --security-opt seccomp=FILE"))
            #expect(!error.message.contains("\n"))
        }
    }

    /// Counts calls to the generator, to tell a reuse from a regeneration.
    final class Generator: @unchecked Sendable {
        var calls = 0
        let text: String
        init(_ text: String) { self.text = text }
        func callAsFunction() -> String { calls += 1; return text }
    }

    @Test("a filter generated from the same inputs is found by its key, without generating it again")
    func keyed() throws {
        let directory = TemporaryDirectory()
        let environment = ["XDG_CACHE_HOME": directory.path]
        let generate = Generator("{\"defaultAction\": \"SCMP_ACT_ERRNO\"}\n")
        let first = try SeccompCache.store(key: "k1", environment: environment) { generate() }
        #expect(first == directory.path + "/harden/seccomp/" + SHA256.hex(generate.text) + ".json")
        #expect(generate.calls == 1)
        #expect(try SeccompCache.store(key: "k1", environment: environment) { generate() } == first)
        #expect(generate.calls == 1, "the second run reused the file through by-input/k1")
        #expect(try SeccompCache.store(key: "k2", environment: environment) { generate() } == first)
        #expect(generate.calls == 2, "another key generates")
    }

    @Test("a keyed file that no longer matches its name, or is gone, is generated and written again")
    func keyedDamage() throws {
        let directory = TemporaryDirectory()
        let environment = ["XDG_CACHE_HOME": directory.path]
        let generate = Generator("{}\n")
        let path = try SeccompCache.store(key: "k", environment: environment) { generate() }
        try "tampered".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try SeccompCache.store(key: "k", environment: environment) { generate() } == path)
        #expect(generate.calls == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
        try FileManager.default.removeItem(atPath: path)
        #expect(try SeccompCache.store(key: "k", environment: environment) { generate() } == path)
        #expect(generate.calls == 3)
        #expect(FileManager.default.fileExists(atPath: path))
        // A link that leads anywhere but to a file of the cache is not followed.
        let links = directory.path + "/harden/seccomp/by-input"
        try FileManager.default.removeItem(atPath: links + "/k")
        try FileManager.default.createSymbolicLink(atPath: links + "/k", withDestinationPath: "/etc/passwd")
        #expect(try SeccompCache.store(key: "k", environment: environment) { generate() } == path)
        #expect(generate.calls == 4)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: links + "/k") == "../" + SHA256.hex("{}\n") + ".json")
    }

    @Test("a file older than its link is trusted without hashing it; one changed after the link is hashed")
    func changeTimes() throws {
        let directory = TemporaryDirectory()
        let environment = ["XDG_CACHE_HOME": directory.path]
        let generate = Generator("{}\n")
        let path = try SeccompCache.store(key: "k", environment: environment) { generate() }
        // Damage made before the link: only someone who also remakes the link can do this, and
        // the cache belongs to the user (see SeccompCache); it shows the hash is skipped.
        try "edited".write(toFile: path, atomically: false, encoding: .utf8)
        usleep(20_000)
        SeccompCache.link("k", to: (path as NSString).lastPathComponent, in: directory.path + "/harden/seccomp")
        #expect(try SeccompCache.store(key: "k", environment: environment) { generate() } == path)
        #expect(generate.calls == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "edited")
        // Changed after the link: hashed, found wrong, written again.
        usleep(20_000)
        try "edited again".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try SeccompCache.store(key: "k", environment: environment) { generate() } == path)
        #expect(generate.calls == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
    }

    @Test("the input key changes with every input of the generator, and there is none without a build ID")
    func inputKey() {
        var policy = Profile.SeccompPolicy()
        policy.allow = ["@basic-io", "read"]
        let base = SeccompCache.inputKey(policy, noNewPrivileges: true, format: .docker, build: "b1")
        #expect(base != nil && base == SeccompCache.inputKey(policy, noNewPrivileges: true, format: .docker, build: "b1"))
        var variants: [String?] = [
            SeccompCache.inputKey(policy, noNewPrivileges: false, format: .docker, build: "b1"),
            SeccompCache.inputKey(policy, noNewPrivileges: true, format: .oci, build: "b1"),
            SeccompCache.inputKey(policy, noNewPrivileges: true, format: .docker, build: "b2"),
        ]
        var changed = policy; changed.allow = ["@basic-io"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.allow = ["@basic-ioread"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.deny = ["read"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.defaultAction = "log"; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.socketFamilies = []; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.socketFamilies = ["unix"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        #expect(Set(variants + [base]).count == variants.count + 1, "every change gives another key")
        #expect(SeccompCache.inputKey(policy, noNewPrivileges: true, format: .docker, build: nil) == nil)
        // A field added to the seccomp section must be added to the key too (and counted here).
        changed = policy; changed.add = ["@sync"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        changed = policy; changed.remove = ["@sync"]; variants.append(SeccompCache.inputKey(changed, noNewPrivileges: true, format: .docker, build: "b1"))
        #expect(Set(variants + [base]).count == variants.count + 1, "add and remove change the key too")
        #expect(Mirror(reflecting: policy).children.map(\.label) == ["allow", "deny", "add", "remove", "defaultAction", "socketFamilies"])
    }
}
