import Testing
@testable import HardenFormats
@testable import HardenModel

/// `$PWD` in a list line is the directory the line runs in; every other expansion still needs a shell.
@Suite("$PWD and $(pwd) in a list line read as the working directory")
struct ShellWorkingDirectoryTests {
    static func entry(_ line: String, directory: String? = "/srv/app") -> DockerLineReader.ListEntry? {
        DockerLineReader.entry(line, file: "list", line: 1, workingDirectory: directory)
    }

    static func bind(_ entry: DockerLineReader.ListEntry?) -> String? {
        guard case .launch(let launch)? = entry, launch.plan.notUnderstood.isEmpty else { return nil }
        return launch.plan.mounts.first.flatMap(\.source)
    }

    @Test("each form, bare or in double quotes, becomes the directory", arguments: [
        "docker run -v $PWD/conf:/etc/app img", "docker run -v \"$PWD/conf\":/etc/app img", "docker run -v ${PWD}/conf:/etc/app img",
        "docker run -v $(pwd)/conf:/etc/app img", "docker run -v \"$(pwd)\"/conf:/etc/app img", "docker run -v `pwd`/conf:/etc/app img",
    ])
    func forms(line: String) {
        #expect(Self.bind(Self.entry(line)) == "/srv/app/conf")
    }

    @Test("the fast path's byte scan finds every form, and passes over lines with none", arguments: [
        ("docker run -v $PWD/conf:/etc/app img", true), ("docker run -v ${PWD}:/app img", true), ("docker run -v $(pwd):/app img", true),
        ("docker run -v `pwd`:/app img", true), ("echo $PWD", true), ("docker run -e A=$HOME img", false), ("docker run img; rm -rf /", false),
    ])
    func byteScan(line: String, names: Bool) {
        let found = Array(line.utf8).withUnsafeBufferPointer { ShellWorkingDirectory.mayName($0) }
        #expect(found == names, "\(line)")
    }

    @Test("single quotes, escapes, longer names and other commands are not the working directory", arguments: [
        "docker run -v '$PWD':/app img", "docker run -v \\$PWD:/app img", "docker run -v $PWDX:/app img",
        "docker run -v $(pwd -P):/app img", "docker run -v $HOME:/app img", "docker run -v $PWD:/app img; rm -rf /",
    ])
    func notTheDirectory(line: String) {
        guard case .launch(let launch)? = Self.entry(line) else { Issue.record("\(line) was not read"); return }
        let stillLiteral = launch.plan.mounts.first?.source?.contains("$") == true || launch.plan.mounts.first?.kind == .volume
        #expect(!launch.plan.notUnderstood.isEmpty || stillLiteral, "\(line) read as \(launch.plan.mounts)")
    }

    @Test("a directory sh would split or glob is not put in: the line stays refused")
    func plainDirectoriesOnly() {
        for directory in ["/my dir", "/srv/a*b", "/srv/$x", "relative", "/srv/'q'"] {
            guard case .launch(let launch)? = Self.entry("docker run -v $PWD:/app img", directory: directory) else {
                Issue.record("\(directory): not read"); continue
            }
            #expect(launch.plan.notUnderstood.first?.contains("needs a shell") == true, "\(directory)")
        }
        #expect(Self.bind(Self.entry("docker run -v $PWD:/app img", directory: nil)) == nil)
    }

    @Test("a construct after the expansion is still refused, at its column in the line as written")
    func columnAsWritten() {
        guard case .launch(let launch)? = Self.entry("docker run -v $PWD:/app img > out.txt") else { Issue.record("not read"); return }
        #expect(launch.plan.notUnderstood.first?.contains("(column 29)") == true, "\(launch.plan.notUnderstood)")
    }

    @Test("the socket behind $PWD is found, not hidden")
    func socketStillRejected() {
        guard case .launch(let launch)? = Self.entry("docker run -v $PWD/x:/x -v /var/run/docker.sock:/var/run/docker.sock img") else {
            Issue.record("not read"); return
        }
        let findings = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources)
        #expect(findings.contains { $0.ruleID == "runtime-socket" })
    }
}
