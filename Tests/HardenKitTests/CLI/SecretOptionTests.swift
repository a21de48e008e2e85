import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `--secret NAME=FILE` on the commands that launch: the file becomes a read-only mount at
/// /run/secrets/NAME, and its value appears nowhere harden writes.
@Suite("--secret on run and oci")
struct SecretOptionTests {
    static let value = "s3cr3t-VALUE-4711"

    /// A secret file this test process can hand to a container running as its own ids.
    static func secretFile(_ directory: TemporaryDirectory, mode: Int = 0o400, name: String = "db.txt") throws -> String {
        let path = directory.write(name, value)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static let me = "\(getuid()):\(getgid())"

    static func run(_ arguments: [String], cwd: String) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(cwd: cwd))
        return (status, captured.out, captured.err)
    }

    @Test("run mounts the file read-only at /run/secrets/NAME by its absolute path, wherever --secret stands", arguments: [
        ["run", "--dry-run", "--secret", "db=db.txt", "worker", "--user", me, "img:1"],
        ["run", "--dry-run", "worker", "--secret=db=./db.txt", "--user", me, "img:1"],
        ["run", "worker", "--user", me, "--dry-run", "--secret", "db=sub/../db.txt", "img:1"],
    ])
    func run(arguments: [String]) throws {
        let directory = TemporaryDirectory()
        let path = try Self.secretFile(directory)
        let result = Self.run(arguments, cwd: directory.path)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains(" --mount type=bind,source=\(path),target=/run/secrets/db,readonly "), "\(result.out)")
        #expect(!result.out.contains(Self.value) && !result.err.contains(Self.value))
    }

    @Test("the docker argument vector carries the path only, quoted for Docker's CSV reader when it holds a comma")
    func commaInPath() throws {
        let directory = TemporaryDirectory()
        let path = try Self.secretFile(directory, name: "a,b.txt")
        let result = Self.run(["run", "--dry-run", "worker", "--user", Self.me, "--secret", "db=a,b.txt", "img:1"], cwd: directory.path)
        #expect(result.status == 0, "\(result.err)")
        let words = try ShellQuote.split(String(result.out.dropLast()))
        let mount = try #require(words.firstIndex(of: "--mount").map { words[$0 + 1] })
        #expect(mount == "type=bind,\"source=\(path)\",target=/run/secrets/db,readonly")
        #expect(try MountSpec.parse(mount).source == path, "docker reads back the path harden wrote")
    }

    @Test("oci writes a read-only, noexec bind of the file, and the config holds the path, never the value")
    func oci() throws {
        let directory = TemporaryDirectory()
        let path = try Self.secretFile(directory)
        let result = Self.run(["oci", "worker", "--user", Self.me, "--secret", "db=db.txt", "--bundle", "b", "--", "cat", "/run/secrets/db"], cwd: directory.path)
        #expect(result.status == 0, "\(result.err)")
        let text = try String(contentsOfFile: directory.path + "/b/config.json", encoding: .utf8)
        #expect(!text.contains(Self.value) && !result.err.contains(Self.value))
        let mount = try #require(try JSONParser.parse(text)["mounts"]?.arrayValue?.first { $0["destination"]?.stringValue == "/run/secrets/db" })
        #expect(mount.compact == #"{"destination":"/run/secrets/db","type":"bind","source":"\#(path)","options":["bind","rprivate","ro","nosuid","nodev","noexec"]}"#)
    }

    @Test("a file the container's user cannot read refuses the launch with the chgrp and chmod that fix it")
    func unreadable() throws {
        let directory = TemporaryDirectory()
        let path = try Self.secretFile(directory, mode: 0o600)
        let owner = try #require(FileStatus.of(path))
        guard owner.uid != 65532 else { return }
        for command in [["run", "--dry-run", "worker"], ["oci", "worker"]] {
            let position = command.count + 1
            let result = Self.run(command + ["--secret", "db=db.txt", "--", "cat"], cwd: directory.path)
            #expect(result.status == 1, "\(command): \(result.err)")
            #expect(result.err == "harden: refusing to run: secret-unreadable: the container's user 65532:65532 cannot read the secret db: \(path) is owned by \(owner.uid):\(owner.gid) with mode 0600 at argument \(position); fix: chgrp 65532 \(path) && chmod 0440 \(path): the container's group reads it, other host users do not; where the engine remaps ids (userns-remap, a rootless engine) use the ids it maps them to, and set secret-unreadable to warning in the policy\n")
            #expect(result.out.isEmpty)
        }
    }

    @Test("a file every host user can read is a warning, and the launch goes ahead")
    func worldReadable() throws {
        let directory = TemporaryDirectory()
        let path = try Self.secretFile(directory, mode: 0o644)
        let result = Self.run(["run", "--dry-run", "worker", "--secret", "db=db.txt", "img:1"], cwd: directory.path)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err == "harden: warning: secret-readable-by-others: every user of this host can read the secret db: \(path) has mode 0644 at argument 4; fix: chgrp 65532 \(path) && chmod 0440 \(path): the container's group reads it, other host users do not\n")
    }

    @Test("a profile's required secret must be passed; an optional one need not")
    func required() throws {
        let directory = TemporaryDirectory()
        directory.write("profiles/api.json", #"{"extends": "worker", "user": "\#(Self.me)", "secrets": {"db-password": {}, "cache": {"required": false}}}"#)
        let missing = Self.run(["run", "--dry-run", "--profiles", directory.path + "/profiles", "api", "img:1"], cwd: directory.path)
        #expect(missing.status == 2)
        #expect(missing.err == "harden: the profile api requires the secret db-password; pass --secret db-password=FILE with FILE holding the value (the container reads it at /run/secrets/NAME)\n")
        _ = try Self.secretFile(directory)
        let given = Self.run(["run", "--dry-run", "--profiles", directory.path + "/profiles", "api", "--secret", "db-password=db.txt", "img:1"], cwd: directory.path)
        #expect(given.status == 0, "\(given.err)")
        let show = Self.run(["show", "--profiles", directory.path + "/profiles", "api"], cwd: directory.path)
        #expect(show.out.contains("secrets[\"db-password\"]") || show.out.contains("secrets.cache.required"), "\(show.out)")
    }

    @Test("malformed --secret values and secrets given to commands that launch nothing are one-line errors", arguments: [
        (["run", "--dry-run", "worker", "--secret", "db", "img:1"], "harden: --secret \"db\" (argument 4): expected NAME=FILE, a name and the file holding the value, e.g. --secret db-password=./db-password.txt\n"),
        (["run", "--dry-run", "worker", "--secret", "../x=f", "img:1"], "harden: --secret \"../x=f\" (argument 4): \"../x\" is not a secret name; start it with a letter or digit, e.g. --secret db-password=FILE\n"),
        (["run", "--dry-run", "worker", "--secret", "db=", "img:1"], "harden: --secret \"db=\" (argument 4): no file after db=; give the file that holds the value, e.g. --secret db=./db.txt\n"),
        (["run", "--secret", "a=x", "--dry-run", "worker", "--secret=a=y", "img:1"], "harden: --secret a (argument 6) is given twice (first at argument 2); pass each secret once\n"),
        (["show", "--secret", "a=x", "web"], "harden: --secret (argument 2) has no meaning for harden show; it belongs to harden run, oci, compose and k8s; leave it out\n"),
        (["check", "--secret", "a=x", "--", "img:1"], nil),
        (["validate", "--secret", "a=x"], nil),
        (["diff", "--secret", "a=x", "web", "worker"], nil),
        (["seccomp", "--secret", "a=x", "web"], "harden: --secret (argument 2) has no meaning for harden seccomp; it belongs to harden run, oci, compose and k8s; leave it out\n"),
    ] as [([String], String?)])
    func usage(arguments: [String], message: String?) {
        let result = Self.run(arguments, cwd: "/nonexistent")
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: ") && result.err.filter { $0 == "\n" }.count == 1, "\(result.err)")
        if let message { #expect(result.err == message) }
    }

    @Test("a value after -e that looks like --secret stays docker's")
    func envValue() {
        let result = Self.run(["run", "--dry-run", "worker", "-e", "--secret=x", "img:1"], cwd: "/nonexistent")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("--env=--secret=x"))
    }
}
