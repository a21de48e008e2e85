import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The small fixes of issue 20: one search path, no noise for what the user asked for, fix texts
/// that fit the finding, and messages that say what is true.
@Suite("Issue 20: search path, noise and true messages")
struct IssueTwentyFixesTests {
    static func run(_ arguments: [String], cwd: String) -> (status: Int32, out: String, err: String) {
        ValidateCommandTests.run(arguments, cwd: cwd)
    }

    /// A team repository as `harden init` leaves it: policy.json beside the profiles.
    static func repository(policy: Bool = true) -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        if policy { directory.write("policy.json", "{}") }
        directory.write("app.json", #"{"name": "app", "extends": "web", "resources": {"memory": "256m"}}"#)
        return directory
    }

    @Test("inside a repository every command finds its profiles, as validate does",
          arguments: [["show", "app"], ["diff", "web", "app"], ["run", "--dry-run", "app", "img:1"], ["seccomp", "app"],
                      ["oci", "app", "--", "/bin/sh"], ["compose", "app", "--service", "a", "img:1"], ["k8s", "app", "--name", "a", "img:1"]])
    func searchPath(arguments: [String]) {
        let repository = Self.repository(), plain = Self.repository(policy: false)
        let inside = Self.run(arguments, cwd: repository.path)
        #expect(inside.status == 0, "\(arguments): \(inside.err)")
        let outside = Self.run(arguments, cwd: plain.path)
        #expect(outside.status == 2 && outside.err.contains("no profile named \"app\""), "\(arguments): \(outside.err)")
    }

    @Test("the current directory joins the search path after the named ones only when it holds policy.json")
    func searchPathEntries() {
        let repository = Self.repository()
        let path = SearchPath.standard(flags: ["/a"], environment: ["HOME": "/h"], currentDirectory: repository.path)
        #expect(path.entries.map(\.directory).prefix(3) == ["/a", repository.path, repository.path + "/.harden/profiles"])
        #expect(path.entries[1].explicit == false)
        let plain = SearchPath.standard(flags: [], environment: ["HOME": "/h"], currentDirectory: "/nonexistent")
        #expect(!plain.entries.map(\.directory).contains("/nonexistent"))
    }

    @Test("--rm and oci say nothing of the profile's restart policy")
    func noRestartNoise() {
        let scratch = TemporaryDirectory(), cwd = scratch.path
        let run = Self.run(["run", "--dry-run", "worker", "--rm", "img:1"], cwd: cwd)
        #expect(run.status == 0 && !run.err.contains("restart"), "\(run.err)")
        #expect(!run.out.contains("--restart"), "docker refuses --rm with a restart policy: \(run.out)")
        let oci = Self.run(["oci", "web", "--", "/bin/sh"], cwd: cwd)
        #expect(oci.status == 0 && !oci.err.contains("restart"), "\(oci.err)")
        let help = Self.run(["oci", "--help"], cwd: cwd)
        #expect(help.out.contains("A profile's restart policy is not in the config"))
    }

    @Test("a host namespace other than the network's gets a fix for that namespace", arguments: [
        ("pid", "--pid container:NAME"), ("ipc", "--ipc shareable"), ("uts", "--hostname"), ("cgroupns", "--cgroupns private"),
    ])
    func namespaceFix(namespace: String, fragment: String) {
        let scratch = TemporaryDirectory()
        let result = Self.run(["run", "--dry-run", "web", "--\(namespace)", "host", "img:1"], cwd: scratch.path)
        #expect(result.status == 1 && result.err.contains("host-namespace: the \(namespace) namespace is the host's"), "\(result.err)")
        #expect(result.err.contains(fragment) && !result.err.contains("publish ports"), "\(result.err)")
    }

    @Test("compose --help says a relative seccomp path is read from where docker-compose runs, and an absolute one is written as given")
    func composeRelativeSeccomp() {
        let cwd = TemporaryDirectory()
        let help = Self.run(["compose", "--help"], cwd: cwd.path)
        #expect(help.out.contains("docker-compose reads a relative\n") && help.out.contains("give an absolute DIR to run"), "\(help.out)")
        let absolute = Self.run(["compose", "web", "--service", "a", "--seccomp-dir", cwd.path + "/sc", "img:1"], cwd: cwd.path)
        #expect(absolute.status == 0, "\(absolute.err)")
        #expect(absolute.out.contains("seccomp:\(cwd.path)/sc/web.json"), "\(absolute.out)")
        #expect(FileManager.default.fileExists(atPath: cwd.path + "/sc/web.json"))
    }

    @Test("a rootless bundle says its network namespace has loopback only")
    func rootlessNetwork() throws {
        let spec = try OCIFixtures.convert(try OCIFixtures.plan("web", []), profile: "web").spec
        let host = OCIFixtures.host(subordinate: true)
        let notes = OCIRootless.apply(spec, user: host.user, cgroup: host.cgroup).notes
        #expect(notes.contains { $0.hasPrefix("--rootless leaves the container a network namespace with loopback only") }, "\(notes)")
        let hostNetwork = try OCIFixtures.convert(try OCIFixtures.plan("web", ["--network", "host"]), profile: "web").spec
        #expect(!OCIRootless.apply(hostNetwork, user: host.user, cgroup: host.cgroup).notes.contains { $0.contains("loopback only") })
    }

    @Test("validate reports a misspelt parent beside a file's decoding errors, and a name mismatch beside the validator's findings")
    func everyProblem() {
        let directory = TemporaryDirectory()
        directory.write("policy.json", "{}")
        directory.write("one.json", #"{"name": "one", "extends": "wbe", "colour": "red"}"#)
        directory.write("two.json", #"{"name": "other", "extends": "web", "capabilities": {"add": ["SYS_ADMIN"]}}"#)
        let result = Self.run(["validate"], cwd: directory.path)
        #expect(result.status == 1)
        #expect(result.out.contains("one.json:1:35: error invalid-profile: colour: unknown key"), "\(result.out)")
        #expect(result.out.contains("error unknown-parent: extends \"wbe\": no profile of that name on the search path; did you mean \"web\"?"), "\(result.out)")
        #expect(result.out.contains("two.json:1:10: error name-mismatch"), "\(result.out)")
        #expect(result.out.contains("error dangerous-capability: SYS_ADMIN is added"), "\(result.out)")
    }

    @Test("a child's reason for a whole setting explains its parent's rows, not a grandparent's")
    func rationaleOwner() {
        let directory = TemporaryDirectory()
        directory.write("site.json", #"{"extends": "web", "rationale": {"tmpfs": "nginx writes here"}}"#)
        let page = Self.run(["docs", directory.path], cwd: directory.path).out
        #expect(page.contains("| tmpfs `/tmp` | 64m, mode 1777, noexec, nosuid, nodev | `built-in base` | \(SettingRationale.generic["tmpfs"]!) |"), "\(page)")
        #expect(page.contains("| tmpfs `/run` | 8m, noexec, nosuid, nodev | `built-in web` | nginx writes here |"), "\(page)")
    }

    @Test("harden init's pre-commit configuration works as written: a local hook on the installed harden, the source hook pinned to a release")
    func preCommitScaffold() throws {
        let text = ScaffoldCI.preCommit
        let root = try #require(try YAMLReader.load(text).first?.root)
        let repos = try #require(root["repos"]?.arrayValue)
        #expect(repos.count == 1)
        #expect(repos[0]["repo"]?.stringValue == "local")
        let hook = try #require(repos[0]["hooks"]?.arrayValue?.first)
        #expect(hook["id"]?.stringValue == "harden-validate-system")
        #expect(hook["entry"]?.stringValue == "harden validate")
        #expect(hook["language"]?.stringValue == "system")
        #expect(hook["pass_filenames"]?.boolValue == false)
        #expect(!text.contains("rev: main"))
        #expect(text.contains("#    rev: v\(HardenVersion.current)\n"))
        #expect(!ScaffoldCI.workflow.contains("HARDEN_REF: main"))
        let hooks = try String(contentsOfFile: ExampleRepositoryTests.project + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(hooks.contains("- id: harden-validate-system\n") && hooks.contains("- id: harden-validate\n"))
        let example = try String(contentsOfFile: ExampleRepositoryTests.project + "/Examples/team-repo/.pre-commit-config.yaml", encoding: .utf8)
        #expect(example == text, "Examples/team-repo/.pre-commit-config.yaml differs from ScaffoldCI.preCommit; copy one to the other")
    }
}
