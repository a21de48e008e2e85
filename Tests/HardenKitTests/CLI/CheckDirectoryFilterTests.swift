import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check DIR --include/--exclude")
struct CheckDirectoryFilterTests {
    static let compose = "services:\n  web:\n    image: x:1\n"

    /// compose files at three depths and a Kubernetes manifest.
    static func tree() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("compose.yaml", compose)
        dir.write("deploy/prod/compose.yaml", compose)
        dir.write("deploy/test/docker-compose.yml", compose)
        dir.write("vendor/lib/compose.yaml", compose)
        dir.write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n")
        return dir
    }

    /// The files check reads, relative to the directory.
    static func found(_ options: [String]) throws -> [String] {
        let dir = tree()
        let result = CapturedConsole.run(["check", "--format", "json"] + options + [dir.path])
        #expect(result.err.isEmpty, "\(result.err)")
        let launches = try JSONParser.parse(result.out)["launches"]?.arrayValue ?? []
        return launches.compactMap { $0["name"]?.stringValue }.map {
            String($0.dropFirst(dir.path.count + 1).prefix { $0 != " " })
        }
    }

    @Test("globs choose among the files found, on the path relative to DIR", arguments: [
        ([], ["compose.yaml", "deploy/prod/compose.yaml", "deploy/test/docker-compose.yml", "k8s/pod.yaml", "vendor/lib/compose.yaml"]),
        (["--include", "deploy/**"], ["deploy/prod/compose.yaml", "deploy/test/docker-compose.yml"]),
        (["--include", "**/compose.yaml"], ["compose.yaml", "deploy/prod/compose.yaml", "vendor/lib/compose.yaml"]),
        (["--include", "deploy/*/compose.yaml"], ["deploy/prod/compose.yaml"]),
        (["--include", "*.yml"], ["deploy/test/docker-compose.yml"]),
        (["--include", "k8s/**", "--include", "compose.yaml"], ["compose.yaml", "deploy/prod/compose.yaml", "k8s/pod.yaml", "vendor/lib/compose.yaml"]),
        (["--exclude", "vendor/"], ["compose.yaml", "deploy/prod/compose.yaml", "deploy/test/docker-compose.yml", "k8s/pod.yaml"]),
        (["--exclude", "vendor", "--exclude", "deploy/t?st/**"], ["compose.yaml", "deploy/prod/compose.yaml", "k8s/pod.yaml"]),
        (["--include", "**/*.y*ml", "--exclude", "**/[dv]*/**"], ["compose.yaml", "k8s/pod.yaml"]),
        (["--include", "./deploy/**/compose.yaml"], ["deploy/prod/compose.yaml"]),
    ] as [([String], [String])])
    func choose(options: [String], expected: [String]) throws {
        #expect(try Self.found(options) == expected)
    }

    @Test("check . and check .. are the directories, options after them included, not a shell's . builtin", arguments: [".", ".."])
    func dot(operand: String) throws {
        let dir = Self.tree()
        let captured = CapturedConsole()
        let status = HardenCLI.main(["check", operand, "--exclude", "vendor/", "--format", "json"], console: captured.console(cwd: dir.path + "/k8s"))
        #expect(status != 2, "\(captured.out)\(captured.err)")
        #expect(captured.err.isEmpty)
        let names = try JSONParser.parse(captured.out)["launches"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(operand == "." ? names.count == 1 && names[0].hasPrefix("./pod.yaml") : names.count == 4, "\(names)")
        #expect(!names.contains { $0.contains("vendor") || $0.contains("docker run") })
    }

    @Test("a glob that cannot be one, or globs without a directory, are exit 2 with one line")
    func refusals() {
        let dir = Self.tree()
        let bad = CapturedConsole.run(["check", "--include", "deploy/[ab", dir.path])
        #expect(bad.status == 2)
        #expect(bad.err == "harden: --include (argument 2): \"deploy/[ab\" is not a glob: a [ without its ]; write \\[ for a bracket\n")
        let file = CapturedConsole.run(["check", "--exclude", "*.yml", dir.path + "/compose.yaml"])
        #expect(file.status == 2)
        #expect(file.err.hasPrefix("harden: --exclude \"*.yml\" chooses among the files below a directory, and no DIR was given; "))
        #expect(file.out.isEmpty)
    }

    @Test("glob matching: ** is any number of names, * and ? stay within one, sets and escapes", arguments: [
        ("**/a.yaml", "a.yaml", true), ("**/a.yaml", "x/y/a.yaml", true), ("x/**", "x/y/z", true), ("x/**/z", "x/z", true),
        ("x/*", "x/y/z", false), ("*.yaml", "deep/down/b.yaml", true), ("a?c", "abc", true), ("a?c", "a/c", false),
        ("[!a]*", "bcd", true), ("[!a]*", "abc", false), ("[a-c]x", "bx", true), ("[a-c]x", "dx", false),
        ("\\*.yaml", "*.yaml", true), ("\\*.yaml", "a.yaml", false), ("x/**/**/y", "x/y", true),
        ("a*b*c*d*e*f*g*h", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
    ])
    func glob(pattern: String, path: String, matches: Bool) throws {
        #expect(try PathGlob(pattern).matches(path) == matches)
    }
}
