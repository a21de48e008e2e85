import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Every door's bad input and the exact line harden answers with. Each message names the input
/// (file:line:column, or the argument's position), what was expected, and how to fix it; a change
/// to any of them is a change users see, so it shows up here.
@Suite("Error messages: bad input, exact answer")
struct ErrorMessageTableTests {
    struct BadInput: CustomTestStringConvertible, Sendable {
        var files: [String: [UInt8]]
        var arguments: [String]
        /// The whole line on stderr, without "harden: " and the newline; `$DIR` is the scratch directory.
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }

        init(_ arguments: [String], _ message: String) {
            self.init(arguments, [:], message)
        }

        init(_ arguments: [String], _ files: [String: String], _ message: String) {
            self.arguments = arguments
            self.files = files.mapValues { Array($0.utf8) }
            self.message = message
        }

        init(_ arguments: [String], bytes files: [String: [UInt8]], _ message: String) {
            self.arguments = arguments
            self.files = files
            self.message = message
        }
    }

    static let profiles: [BadInput] = [
        BadInput(["show", "--profiles", "$DIR/p", "typo"], ["p/typo.json": #"{"name": "typo", "capabilites": {"drop": ["ALL"]}}"#],
                 #"$DIR/p/typo.json:1:18: capabilites: unknown key; did you mean "capabilities"?"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": "{\"name\": \"t\",\n  \"user\": 65532}"],
                 "$DIR/p/t.json:2:11: user: expected a string, found number"),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "resources": {"memory": "lots"}}"#],
                 #"$DIR/p/t.json:1:39: resources.memory: "lots" is not a size; use a number with a unit b, k, m or g, e.g. 512m"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": "{\"name\": \"t\", \"user\": \"1000\"\n"],
                 "$DIR/p/t.json:2:1: unexpected end of input, expected ',' or '}' after object member"),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "user": "1", "user": "2"}"#],
                 #"$DIR/p/t.json:1:28: duplicate key "user" (first defined at line 1)"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "capabilities": {"add": ["NET_BIND_SERVCE"]}}"#],
                 #"$DIR/p/t.json:1:40: capabilities.add.0: "NET_BIND_SERVCE" is not a Linux capability; did you mean NET_BIND_SERVICE?"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "resources": {"pids": -5}}"#],
                 "$DIR/p/t.json:1:37: resources.pids: -5 is out of range; expected 1 to 4194304"),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "other"}"#],
                 #"$DIR/p/t.json:1:10: name: "other" does not match the file name t.json; rename one so they agree"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "tmpfs": {"tmp": "size=1m"}}"#],
                 #"$DIR/p/t.json:1:25: tmpfs.tmp: "tmp" is not a target path; use an absolute path inside the container, e.g. /tmp"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": "{\"name\": \"t\",\n  \"extends\": \"nosuch\"}"],
                 #"$DIR/p/t.json:2:14: extends: no profile named "nosuch" on the search path; check the name or add its directory with --profiles"#),
        BadInput(["show", "--profiles", "$DIR/p", "t"], bytes: ["p/t.json": Array("{\"name\": \"t\",\n  \"description\": \"caf".utf8) + [0xE9] + Array("\"}".utf8)],
                 "$DIR/p/t.json:2:22: byte 0xE9 is not UTF-8; save the file as UTF-8 text"),
        BadInput(["show", "--profiles", "$DIR/p", "t"], ["p/t.json": #"{"name": "t", "description": "# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}"],
                 "$DIR/p/t.json:1:285: nesting is deeper than the limit of 256 levels; no harden input needs that many, so look for unclosed brackets or generate flatter JSON"),
        BadInput(["show", "--profiles", "$DIR/p", "c0"], Dictionary(uniqueKeysWithValues: (0...70).map { ("p/c\($0).json", #"{"name": "c\#($0)", "extends": "c\#($0 + 1)"}"#) } + [("p/c71.json", #"{"name": "c71"}"#)]),
                 "$DIR/p/c0.json:1:27: extends: the chain from c0 is longer than 64 profiles (c0 → c1 → c2 → … → c63 → c64); merge some of its links so it is at most 64 deep"),
        BadInput(["show", "--profiles", "$DIR/p", "wbe"], ["p/x.json": #"{"name": "x"}"#],
                 #"no profile named "wbe" on the search path; did you mean "web"?"#),
        BadInput(["show", "--profiles", "missing", "web"],
                 "profile directory missing does not exist; check --profiles and HARDEN_PROFILE_PATH"),
    ]

    static let documents: [BadInput] = [
        BadInput(["run", "--policy", "policy.json", "--dry-run", "web", "img"], ["policy.json": #"{"rules": {"a": "error"}}"#],
                 "policy.json:1:2: rules: unknown key; allowed keys: description, severities, require, capabilities, registries, hooks, exceptions, broker"),
        BadInput(["check", "config.json"], ["config.json": #"{"ociVersion": "1.0.2", "process": {"args": "sh"}}"#],
                 "config.json:1:45: process.args: expected an array of strings, found string"),
        BadInput(["check", "compose.json"], ["compose.json": #"{"services": {"app": {"image": "x", "privileged": "maybe"}}}"#],
                 "compose.json:1:51: services.app.privileged: \"maybe\" is not a boolean compose reads; write true or false"),
        BadInput(["check", "other.json"], ["other.json": #"{"neither": true}"#],
                 #"other.json:1:1: neither an OCI config (no "ociVersion"), a compose file (no "services") nor a Kubernetes manifest (no "apiVersion" and "kind"); for docker run command lines use --file"#),
        BadInput(["check", "broken.json"], ["broken.json": "["],
                 "broken.json:1:2: not JSON: unexpected end of input, expected a value; for docker run command lines use --file"),
        BadInput(["check", "--file", "lines.txt"], ["lines.txt": "docker run --rm busybox\ndocker run --memory lots busybox\n"],
                 #"lines.txt:2: --memory "lots" (argument 3): not a size; use e.g. 512m or 1g"#),
        BadInput(["check", "--file", "lines.txt"], bytes: ["lines.txt": Array("docker run ".utf8) + [0xC3, 0x28] + Array("img\n".utf8)],
                 "lines.txt:1:12: byte 0xC3 is not UTF-8; save the file as UTF-8 text"),
        BadInput(["check", "missing.json"], "missing.json: cannot read the file; check the path"),
    ]

    static let dockerOptions: [BadInput] = [
        BadInput(["run", "web", "--dry-run", "--memory", "lots", "img"], #"--memory "lots" (argument 4): not a size; use e.g. 512m or 1g"#),
        BadInput(["run", "web", "--dry-run", "-p", "99999:80", "img"], #"--publish "99999:80" (argument 4): ports are numbers from 1 to 65535, or ranges such as 8000-8010"#),
        BadInput(["run", "web", "--dry-run", "--nosuchflag", "img"], "unknown docker run option '--nosuchflag' (argument 4); see `docker run --help`"),
        BadInput(["run", "web", "--dry-run", "--cap-add", "SYS_ADMN", "img"], #"--cap-add "SYS_ADMN" (argument 4): "SYS_ADMN" is not a Linux capability; did you mean SYS_ADMIN?"#),
        BadInput(["run", "web", "--dry-run"], "missing image (argument 4): docker run needs an image after its options, as in `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`"),
        BadInput(["run", "web", "--dry-run", "--publish", "img"], #"missing image (argument 6): docker run needs an image after its options, as in `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`; the last option, --publish, took "img" as its value, so give that option its value before the image"#),
        BadInput(["run", "web", "--dry-run", "--tmpfs", "relative", "img"], #"--tmpfs "relative" (argument 4): a tmpfs target must be an absolute path, e.g. /tmp:size=64m"#),
        BadInput(["run", "web", "--dry-run", "--mount", "type=bind,src=/a", "img"], #"--mount "type=bind,src=/a" (argument 4): a mount needs target=/path inside the container"#),
        BadInput(["run", "web", "--dry-run", "--cpus", "-1", "img"], #"--cpus "-1" (argument 4): not a CPU count; use a number from 0.01 to 4096 with at most nine decimals, such as 1 or 0.5"#),
        BadInput(["run", "web", "--dry-run", "--ulimit", "nofile=abc", "img"], #"--ulimit "nofile=abc" (argument 4): expected NAME=SOFT[:HARD] with SOFT at most HARD, e.g. nofile=1024:2048"#),
    ]

    static let hardenOptions: [BadInput] = [
        BadInput(["run", "--engine", "rocket", "web", "--dry-run", "img"], #"--engine "rocket" (argument 2) is not an engine harden drives; use docker, podman or nerdctl"#),
        BadInput(["run", "web", "--dry-run", "--secret", "foo", "img"], #"--secret "foo" (argument 4): expected NAME=FILE, a name and the file holding the value, e.g. --secret db-password=./db-password.txt"#),
        BadInput(["run", "web", "--dry-run", "--secret", "foo=missing.txt", "img"], "--secret foo=missing.txt (argument 4): $DIR/missing.txt does not exist; write the value to a file first (umask 077 while you do) and pass its path"),
        BadInput(["check", "--format", "xml", "--", "docker", "run", "img"], #"--format "xml" (argument 2) is not a format; use text, json, sarif or junit"#),
        BadInput(["seccomp", "web", "--arch", "sparc"], #"--arch "sparc" (argument 3) is not an architecture harden writes filters for; use x86_64 or aarch64"#),
        BadInput(["frobnicate"], #"unknown command "frobnicate"; `harden --help` lists the commands"#),
        BadInput(["explain", "nosuch-rule"], #"no rule named "nosuch-rule" (argument 2); `harden rules` lists them"#),
        BadInput(["oci", "web", "--"], "no command to run; give it after --, e.g. harden oci web -- /bin/sh -c 'exec httpd -f -p 8080'"),
        BadInput(["diff", "web"], "expected two profiles, or one at a revision (NAME@REV); usage: harden diff [--fail-on-loosen] [--profiles DIR]... A [B]"),
        BadInput(["validate", "missing-dir"], "missing-dir: no such directory; give the directory that holds the profiles"),
    ]

    @Test("profiles", arguments: profiles)
    func profile(_ input: BadInput) { Self.check(input) }

    @Test("policies, OCI configs, compose files and docker run lists", arguments: documents)
    func document(_ input: BadInput) { Self.check(input) }

    @Test("docker run options", arguments: dockerOptions)
    func dockerOption(_ input: BadInput) { Self.check(input) }

    @Test("harden's own options and commands", arguments: hardenOptions)
    func hardenOption(_ input: BadInput) { Self.check(input) }

    @Test("an output file in a missing directory: the path, the reason, what to do, and that nothing was replaced")
    func unwritableOutput() {
        let directory = TemporaryDirectory()
        let captured = CapturedConsole()
        let status = HardenCLI.main(["oci", "web", "-o", "missing-dir/config.json", "--", "sh"], console: captured.console(cwd: directory.path))
        #expect(status == 2)
        let errors = captured.err.split(separator: "\n").filter { !$0.hasPrefix("harden: warning:") }
        #expect(errors.count == 1)
        let prefix = "harden: \(directory.path)/missing-dir/config.json: cannot create \(directory.path)/missing-dir/.config.json.tmp-"
        #expect(errors.first?.hasPrefix(prefix) == true, "\(captured.err)")
        #expect(errors.first?.hasSuffix(": No such file or directory; create the directory first, or write somewhere that exists; the previous file, if any, is unchanged") == true)
    }

    static func check(_ input: BadInput) {
        let directory = TemporaryDirectory()
        for (path, bytes) in input.files {
            let file = directory.path + "/" + path
            try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        }
        let captured = CapturedConsole()
        // Profile directories are searched relative to the process's directory, not the console's,
        // so the table names them absolutely.
        let arguments = input.arguments.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) }
        let status = HardenCLI.main(arguments, console: captured.console(cwd: directory.path))
        #expect(status == 2, "exit \(status); stderr: \(captured.err)")
        let errors = captured.err.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { !$0.hasPrefix("harden: warning:") }
        let expected = "harden: " + input.message.replacingOccurrences(of: "$DIR", with: directory.path)
        #expect(errors == [Substring(expected)])
        #expect(captured.err.hasSuffix("\n"))
    }
}
