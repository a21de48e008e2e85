import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden run")
struct RunCommandTests {
    @Test("--dry-run prints a hardened docker run for the web profile")
    func dryRunWeb() {
        let result = CapturedConsole.run(["run", "web", "--dry-run", "-p", "8080:80", "--", "nginx:1.27"])
        #expect(result.status == 0, "\(result.err)")
        let line = result.out
        for wanted in ["docker run ", "--cap-drop ALL", "--sysctl net.ipv4.ip_unprivileged_port_start=0", "--security-opt no-new-privileges:true",
                       "--read-only", "--tmpfs /tmp:noexec,nosuid,nodev,size=64m,mode=1777,uid=65532,gid=65532",
                       "--user 65532:65532", "--memory 512m", "--memory-swap 512m", "--cpus 1", "--pids-limit 256",
                       "--publish 127.0.0.1:8080:80", " nginx:1.27\n"] {
            #expect(line.contains(wanted), "missing \(wanted) in \(line)")
        }
    }

    @Test("harden options may come before the profile or among the docker options")
    func optionPlacement() {
        let before = CapturedConsole.run(["run", "--dry-run", "--engine", "podman", "worker", "img"])
        let after = CapturedConsole.run(["run", "worker", "--engine=podman", "--dry-run", "img"])
        #expect(before.status == 0 && after.status == 0)
        #expect(before.out == after.out)
        #expect(before.out.hasPrefix("podman run "))
        let value = CapturedConsole.run(["run", "--dry-run", "worker", "-e", "--dry-run", "img"])
        #expect(value.out.contains("--env=--dry-run"), "a value that looks like harden's option stays docker's")
    }

    @Test("--dry-run quoting survives spaces, quotes, $ and newlines in a real shell")
    func quoting() throws {
        let nasty = ["a b", "it's", "\"q\"", "$HOME", "`id`", "line1\nline2", "back\\slash", "", "*", "ünï"]
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "-e", "X=$(id)", "busybox", "echo"] + nasty)
        #expect(result.status == 0)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf '%s\\0' " + result.out.dropLast()]
        let pipe = Pipe()
        shell.standardOutput = pipe
        try shell.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        let words = String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(Array(words.suffix(nasty.count + 2)) == ["busybox", "echo"] + nasty)
        #expect(words.contains("X=$(id)"))
    }

    @Test("privileged and runtime-socket requests are refused with exit 1", arguments: [
        ["--privileged", "img"], ["--privileged=true", "img"], ["-v", "/var/run/docker.sock:/var/run/docker.sock", "img"],
        ["-v", "/run//docker.sock:/s:ro", "img"], ["--volume=/var/run/../run/containerd/containerd.sock:/c", "img"],
        ["--mount", "type=bind,src=/run/podman/podman.sock,dst=/p", "img"], ["-v", "/var/run:/host-run", "img"],
        ["--mount", "type=volume,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/run", "img"],
        ["-v", "/:/host", "img"],
    ])
    func refusals(arguments: [String]) {
        let result = CapturedConsole.run(["run", "--dry-run", "web"] + arguments)
        #expect(result.status == 1, "\(arguments): \(result.err)")
        #expect(result.err.hasPrefix("harden: refusing to run: "))
        #expect(result.out.isEmpty)
    }

    @Test("look-alikes of refused requests still run", arguments: [
        ["-v", "/srv/docker-data:/data", "img"], ["-v", "docker:/data", "img"], ["docker:27-cli"],
        ["-e", "DOCKER_HOST=tcp://proxy:2375", "img"], ["img", "--privileged"], ["--privileged=false", "img"],
    ])
    func lookAlikes(arguments: [String]) {
        let result = CapturedConsole.run(["run", "--dry-run", "web"] + arguments)
        #expect(result.status == 0, "\(arguments): \(result.err)")
    }

    @Test("a missing engine is a one-line error naming it")
    func missingEngine() {
        let result = CapturedConsole.run(["run", "--engine", "nerdctl", "worker", "img:1"], environment: ["HOME": "/nonexistent", "PATH": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.err == "harden: engine \"nerdctl\" was not found on PATH; install it, or choose another with --engine docker|podman|nerdctl (or HARDEN_ENGINE)\n")
    }

    @Test("HARDEN_ENGINE chooses the engine")
    func engineFromEnvironment() {
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "img"], environment: ["HOME": "/nonexistent", "HARDEN_ENGINE": "nerdctl"])
        #expect(result.out.hasPrefix("nerdctl run "))
    }

    @Test("usage errors are one line on stderr with exit 2", arguments: [
        (["run"], "harden: missing the profile name; usage: harden run [harden options] PROFILE [docker run options] [--] IMAGE [COMMAND...]\n"),
        (["run", "web", "--bogus", "img"], nil),
        (["run", "web"], nil),
        (["run", "--engine", "lxc", "web", "img"], "harden: --engine \"lxc\" (argument 2) is not an engine harden drives; use docker, podman or nerdctl\n"),
        (["frobnicate"], "harden: unknown command \"frobnicate\"; `harden --help` lists the commands\n"),
    ] as [([String], String?)])
    func usageErrors(arguments: [String], message: String?) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: ") && result.err.filter { $0 == "\n" }.count == 1, "\(result.err)")
        if let message { #expect(result.err == message) }
    }

    @Test("a profile with user namespace mappings warns that docker cannot apply them")
    func fidelity() throws {
        let dir = TemporaryDirectory()
        dir.write("mapped.json", #"{"extends": "worker", "userNamespace": {"uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}}"#)
        let result = CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "mapped", "img"])
        #expect(result.status == 0)
        #expect(result.err.contains("harden: warning: userNamespace mappings are not applied by docker"))
    }

    @Test("the built-in profiles run without errors or warnings when the image is pinned", arguments: ["web", "worker", "db"])
    func builtinsAreQuiet(profile: String) {
        let result = CapturedConsole.run(["run", "--dry-run", profile, "-p", "8080:8080", "registry.example/app:1.2"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty, "\(result.err)")
    }

    @Test("warnings are printed one per line with their rule id, and the launch goes ahead")
    func warnings() {
        let result = CapturedConsole.run(["run", "--dry-run", "web", "-p", "0.0.0.0:80:8080", "-e", "API_TOKEN=abc", "nginx"])
        #expect(result.status == 0)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.split(separator: ":").prefix(3).joined(separator: ":") } == [
            "harden: warning: ports-on-all-interfaces", "harden: warning: privileged-host-port",
            "harden: warning: unpinned-image", "harden: warning: secret-in-environment",
        ])
        #expect(lines[0].contains(" at argument 4; fix: "))
        #expect(result.out.hasPrefix("docker run "))
    }

    @Test("a refusal lists every error on one line, each with its rule, place and fix")
    func refusalMessage() {
        let result = CapturedConsole.run(["run", "--dry-run", "worker", "--pid=host", "--device", "/dev/sda", "img:1"])
        #expect(result.status == 1)
        #expect(result.err == "harden: refusing to run: host-namespace: the pid namespace is the host's (pid host): the container shares the host's processes: it can see and signal them at argument 4; fix: drop the host pid namespace (--pid host, pid: host, hostPID); to see another container's processes join its namespace (--pid container:NAME), and debug host processes from the host; and host-device: --device /dev/sda gives the container the host's device /dev/sda at argument 5; fix: remove --device and --device-cgroup-rule; share data through a volume, or grant the one device in the policy's exceptions with a reason\n")
    }

    @Test("a profile that would be rejected is refused when loaded, naming its file, line and column")
    func rejectedProfile() {
        let dir = TemporaryDirectory()
        dir.write("ops.json", """
        {
          "extends": "worker",
          "volumes": {"/host": {"type": "bind", "source": "/", "readOnly": true}}
        }
        """)
        let result = CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "ops", "img:1"])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("harden: the profile ops is rejected: runtime-socket: the mount /:/host:ro exposes a container runtime socket (/ is a directory holding /run/docker.sock (Docker)) at \(dir.path)/ops.json:3:24 (profile ops: volumes[\"/host\"]); fix: "))
        #expect(result.out.isEmpty)
    }

    @Test("a policy exception lets one profile through, and no other")
    func exceptionForProfile() {
        let dir = TemporaryDirectory()
        dir.write("policy.json", #"{"exceptions": [{"rule": "host-device", "profile": "worker", "reason": "FUSE mounts", "expires": "2099-12-31"}]}"#)
        #expect(CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "worker", "--device", "/dev/fuse", "img:1"]).status == 0)
        #expect(CapturedConsole.run(["run", "--dry-run", "--profiles", dir.path, "web", "--device", "/dev/fuse", "img:1"]).status == 1)
    }

    @Test("the profile's filter is generated into the cache and passed to the engine")
    func generatedSeccomp() throws {
        let directory = TemporaryDirectory()
        let result = CapturedConsole.run(["run", "--dry-run", "web", "img"], environment: ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": directory.path])
        #expect(result.status == 0, "\(result.err)")
        let text = SeccompJSON.text(BuiltinFilters.filter("web"), format: .docker)
        let path = directory.path + "/harden/seccomp/" + SHA256.hex(text) + ".json"
        #expect(result.out.contains(" --security-opt seccomp=\(path) "), "\(result.out)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("nerdctl gets the OCI format, which containerd reads")
    func nerdctlFormat() throws {
        let directory = TemporaryDirectory()
        let result = CapturedConsole.run(["run", "--dry-run", "--engine", "nerdctl", "web", "img"], environment: ["PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": directory.path])
        let text = SeccompJSON.text(BuiltinFilters.filter("web"), format: .oci, architecture: .host)
        #expect(result.out.contains("seccomp=\(directory.path)/harden/seccomp/\(SHA256.hex(text)).json "), "\(result.out)")
    }

    @Test("your own --security-opt seccomp file replaces the generated filter, with a warning", arguments: ["/etc/mine.json", "/srv/a b.json"])
    func userSeccompWins(value: String) {
        let result = CapturedConsole.run(["run", "--dry-run", "web", "--security-opt", "seccomp=\(value)", "img"])
        #expect(result.status == 0)
        #expect(result.out.contains(ShellQuote.quote("seccomp=\(value)")))
        #expect(result.out.components(separatedBy: "seccomp=").count == 2)
        #expect(result.err.contains("replaces the filter the profile generates"))
    }

    @Test("seccomp=unconfined is refused rather than replacing the generated filter")
    func unconfinedRefused() {
        let result = CapturedConsole.run(["run", "--dry-run", "web", "--security-opt", "seccomp=unconfined", "img:1"])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("harden: refusing to run: confinement-disabled: "))
    }

    @Test("with no-new-privileges off, the filter lets the runtime drop privileges, and says so")
    func withoutNoNewPrivileges() {
        let result = CapturedConsole.run(["run", "--dry-run", "web", "--security-opt", "no-new-privileges=false", "img"])
        #expect(result.status == 0)
        #expect(result.err.contains("harden: warning: no-new-privileges is off, so the runtime loads the seccomp filter before it drops privileges"))
    }
}
