import Foundation
import Testing
@testable import HardenKit

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
}
