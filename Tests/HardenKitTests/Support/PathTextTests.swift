import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// NSString is the oracle: PathText replaces it so the shipped binary need not link full
/// Foundation, and the callers relied on exactly what it did.
@Suite("Path text agrees with NSString")
struct PathTextTests {
    static let paths = [
        "", "/", "//", "ab", "ab/", "/a", "/a/", "/a/b", "/a//b//", "a/b", "..", "../a", "/..", "/../a", "a/../b",
        "/a/./b/../c", "./a", "x.json", "/a/b.json/", "/a/b/..", "/a/b/../..", "/a/b/../../..", "rel/../../x",
        "a/./b/", "/étoile/ü.json", "/a b/c d",
    ]

    @Test("the last component", arguments: paths)
    func lastComponent(path: String) {
        #expect(PathText.lastComponent(path) == (path as NSString).lastPathComponent)
    }

    // NSString traps on a one-character relative path ("a", "."), so those are checked apart.
    @Test("the path without its last component", arguments: paths)
    func deletingLastComponent(path: String) {
        #expect(PathText.deletingLastComponent(path) == (path as NSString).deletingLastPathComponent)
    }

    @Test("a one-character relative path has no directory part", arguments: ["a", ".", "~", "a/", ".//"])
    func singleCharacter(path: String) {
        #expect(PathText.deletingLastComponent(path) == "")
        #expect(PathText.lastComponent(path) == String(path.prefix(1)))
    }

    @Test("appending a component", arguments: [("", "a"), ("a", ""), ("/", "a"), ("/a", "b"), ("/a/", "b"), ("a", "b/c")])
    func appending(path: String, component: String) {
        #expect(PathText.appending(path, component) == (path as NSString).appendingPathComponent(component))
    }

    @Test("standardizing text", arguments: paths)
    func standardizedText(path: String) {
        #expect(PathText.standardized(path) == (path as NSString).standardizingPath)
    }

    @Test("standardizing follows symbolic links, relative and absolute, and chains of them")
    func standardizedLinks() throws {
        let directory = TemporaryDirectory()
        let root = directory.path
        try FileManager.default.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/relative", withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: root + "/absolute", withDestinationPath: root + "/real/sub")
        try FileManager.default.createSymbolicLink(atPath: root + "/chain", withDestinationPath: "relative")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: "loop")
        for path in ["/absolute", "/absolute/..", "/absolute/x/../y", "/./real//sub/", "/loop/x", "/real/sub/../.."].map({ root + $0 }) {
            #expect(PathText.standardized(path) == (path as NSString).standardizingPath, "\(path)")
        }
        // NSString takes a relative target from the current directory rather than the link's own,
        // so it resolves these only when run from `root`; PathText takes the link's directory.
        let relative = [
            ("/relative/sub", "/real/sub"), ("/relative/sub/..", "/real"), ("/relative/../x", "/x"), ("/chain/sub/p.json", "/real/sub/p.json"),
            ("/real/sub/../../relative", "/real"), ("//relative/", "/real"), ("/missing/../relative", "/real"),
        ]
        for (path, expected) in relative {
            #expect(PathText.standardized(root + path) == root + expected, "\(path)")
        }
    }

    @Test("the home directory from the password database is the one getpwuid names")
    func passwordHome() {
        let expected = getpwuid(getuid()).map { String(cString: $0.pointee.pw_dir) }
        #expect(PathText.passwordHome() == expected)
        #expect(PathText.passwordHome()?.hasPrefix("/") == true)
    }
}
