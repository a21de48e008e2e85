import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden oci")
struct OCICommandTests {
    static func run(_ arguments: [String], cwd: String? = nil) -> (status: Int32, out: String, err: String) {
        let captured = CapturedConsole()
        let status = HardenCLI.main(arguments, console: captured.console(cwd: cwd))
        return (status, captured.out, captured.err)
    }

    @Test("prints a complete config for a built-in to stdout, the notes to stderr")
    func stdout() throws {
        let result = Self.run(["oci", "web", "--", "/bin/sh", "-c", "exec httpd -f -p 80"])
        #expect(result.status == 0, "\(result.err)")
        let json = try JSONParser.parse(result.out)
        #expect(json.at("process.args")?.compact == #"["/bin/sh","-c","exec httpd -f -p 80"]"#)
        #expect(json.at("process.user")?.compact == #"{"uid":65532,"gid":65532}"#)
        #expect(json.at("hostname")?.stringValue == "web")
        #expect(!result.err.contains("seccomp"), "the generated filter needs no note")
        #expect(result.err.split(separator: "\n").allSatisfy { $0.hasPrefix("harden: warning: ") })
    }

    /// Principle 2 of docs/validator.md: docker would give this launch docker-default AppArmor, runc
    /// gives a config without apparmorProfile none, so the policy that lets `run` through must not
    /// let `oci` write a config that adds up to privileged; the ordinary config is still written.
    @Test("a config that adds up to privileged as runc reads it is not written, whatever the docker plan's verdict")
    func hardRulesOnWrittenConfig() throws {
        let directory = TemporaryDirectory()
        let policy = directory.write("policy.json", #"{"severities": {"dangerous-capability": "off", "capabilities-not-minimal": "off"}}"#)
        let target = directory.path + "/config.json"
        let refused = Self.run(["oci", "worker", "--policy", policy, "--cap-add", "ALL", "-o", target, "--", "sh"])
        #expect(refused.status == 1, "\(refused.err)")
        #expect(refused.err.contains("refusing to write: as runc reads the config, privileged: every capability together with no apparmorProfile or selinuxLabel"))
        #expect(!FileManager.default.fileExists(atPath: target))
        let written = Self.run(["oci", "worker", "--policy", policy, "--cap-add", "ALL", "--security-opt", "apparmor=docker-default", "-o", target, "--", "sh"])
        #expect(written.status == 0, "\(written.err)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains(#""apparmorProfile": "docker-default""#))
    }

    @Test("bundle options, docker options and harden options may be mixed after the profile")
    func options() throws {
        let directory = TemporaryDirectory()
        directory.write("b/rootfs/etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1500:1500::/srv:/bin/sh\n")
        let result = Self.run(["oci", "worker", "--rootfs", "rootfs", "--hostname", "job", "--cwd", "/srv", "-e", "A=1", "--user", "app",
                               "--profiles", directory.path, "-o", directory.path + "/b/config.json", "--", "python3", "job.py"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        let json = try JSONParser.parse(try String(contentsOfFile: directory.path + "/b/config.json", encoding: .utf8))
        #expect(json.at("root.path")?.stringValue == "rootfs")
        #expect(json.at("hostname")?.stringValue == "job")
        #expect(json.at("process.cwd")?.stringValue == "/srv")
        #expect(json.at("process.user")?.compact == #"{"uid":1500,"gid":1500}"#, "the name is read from the bundle's rootfs")
        #expect(json.at("process.env")?.arrayValue?.last?.stringValue == "A=1")
    }

    @Test("--bundle writes DIR/config.json, replacing an old one whole and leaving no temporary file")
    func bundle() throws {
        let directory = TemporaryDirectory()
        let bundle = directory.path + "/new/bundle"
        let first = Self.run(["oci", "web", "--bundle", bundle, "--", "sh"])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.err.contains("the root filesystem \(bundle)/rootfs does not exist yet"))
        try "stale".write(toFile: bundle + "/config.json", atomically: false, encoding: .utf8)
        let second = Self.run(["oci", "worker", "--bundle", bundle, "--", "sh"])
        #expect(second.status == 0, "\(second.err)")
        let text = try String(contentsOfFile: bundle + "/config.json", encoding: .utf8)
        #expect(try JSONParser.parse(text).at("hostname")?.stringValue == "worker")
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundle) == ["config.json"])
    }

    @Test("options with no meaning in a bundle are refused at their position, before any rule runs", arguments: [
        (["-p", "8080:80"], "harden: --publish (argument 3): a bundle gets its own network namespace with loopback only; connect it with a CNI plugin or a runtime hook, or use harden run for published ports\n"),
        (["--restart", "always"], "harden: --restart (argument 3): runc and crun never restart a container; let the supervisor that starts runc do it (systemd Restart=on-failure)\n"),
        (["--rm"], "harden: --rm (argument 3): it is a docker engine option with nothing to do in an OCI bundle; leave it out\n"),
        (["-e", "X=1", "--entrypoint", "/bin/sh"], "harden: --entrypoint (argument 5): a bundle has no image configuration; give the whole command after --\n"),
    ])
    func refusedOptions(options: [String], message: String) {
        let result = Self.run(["oci", "web"] + options + ["--", "sh"])
        #expect(result.status == 2)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
    }

    @Test("a launch the validator rejects is refused with exit 1 and nothing written", arguments: [
        ["--privileged"], ["--cap-add", "SYS_ADMIN"], ["-v", "/var/run/docker.sock:/s"], ["--pid", "host"],
        ["--security-opt", "seccomp=unconfined"],
    ])
    func rejected(options: [String]) {
        let result = Self.run(["oci", "web"] + options + ["--", "sh"])
        #expect(result.status == 1, "\(options): \(result.err)")
        #expect(result.err.hasPrefix("harden: refusing to run: "))
        #expect(result.out.isEmpty)
    }

    @Test("usage mistakes are one line each, exit 2", arguments: [
        (["oci"], "harden: missing the profile name; usage: \(OCICommand.command.usage)\n"),
        (["oci", "web"], "harden: no command to run; give it after --, e.g. harden oci web -- /bin/sh -c 'exec httpd -f -p 8080'\n"),
        (["oci", "web", "-o", "a.json", "--bundle", "b", "--", "sh"], "harden: -o and --bundle both name where the config goes; give one: -o FILE, or --bundle DIR for DIR/config.json\n"),
        (["oci", "--rootless", "web", "--", "sh"], "harden: --rootless (argument 2) goes after the profile name; usage: \(OCICommand.command.usage)\n"),
        (["oci", "web", "--rootfs"], "harden: --rootfs needs a value (argument 3); usage: \(OCICommand.command.usage)\n"),
        (["oci", "web", "--dry-run", "--", "sh"], "harden: --dry-run (argument 3) has no meaning for harden oci; it belongs to harden run and broker; leave it out\n"),
    ])
    func usage(arguments: [String], message: String) {
        let result = Self.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
    }

    @Test("a docker option's value is never taken for a bundle option")
    func valuesStayDocker() throws {
        let result = Self.run(["oci", "web", "-e", "--rootless", "--", "sh"])
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.err.contains("--rootless:"))
        #expect(try JSONParser.parse(result.out).at("linux.uidMappings") == nil)
    }

    @Test("a bare -e KEY takes the caller's value, and is left out when the caller has none")
    func passThrough() throws {
        let captured = CapturedConsole()
        let status = HardenCLI.main(["oci", "web", "-e", "TOKEN_FILE", "-e", "UNSET", "--", "sh"],
                                    console: captured.console(environment: ["PATH": "/bin", "TOKEN_FILE": "/run/secrets/t"]))
        #expect(status == 0)
        let env = try JSONParser.parse(captured.out).at("process.env")?.compact
        #expect(env == #"["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","TOKEN_FILE=/run/secrets/t"]"#)
    }

    @Test("--security-opt seccomp=FILE puts that filter in linux.seccomp, and a missing file is named")
    func seccompFile() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("profile.json", #"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "comment": "x"}]}"#)
        let result = Self.run(["oci", "web", "--security-opt", "seccomp=\(file)", "--", "sh"])
        #expect(result.status == 0, "\(result.err)")
        #expect(try JSONParser.parse(result.out).at("linux.seccomp")?.compact == #"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}"#)
        #expect(!result.err.contains("baseline filter"), "the user's own filter stands, so no note about the baseline")
        let missing = Self.run(["oci", "web", "--security-opt", "seccomp=/nonexistent/p.json", "--", "sh"])
        #expect(missing.status == 2)
        #expect(missing.err == "harden: --security-opt seccomp=/nonexistent/p.json: /nonexistent/p.json: cannot read the file; check the path\n")
    }

    @Test("a config that cannot be written is a one-line error naming the file")
    func unwritable() {
        let result = Self.run(["oci", "web", "-o", "/nonexistent/dir/config.json", "--", "sh"])
        #expect(result.status == 2)
        #expect(result.err.contains("\nharden: /nonexistent/dir/config.json: cannot create /nonexistent/dir/.config.json.tmp-"), "\(result.err)")
        #expect(result.err.hasSuffix(": No such file or directory; create the directory first, or write somewhere that exists; the previous file, if any, is unchanged\n"), "\(result.err)")
    }

    @Test("harden check accepts every built-in's generated config with no error", arguments: ["base", "web", "worker", "db"])
    func checkGenerated(profile: String) throws {
        let directory = TemporaryDirectory()
        let file = directory.path + "/config.json"
        #expect(Self.run(["oci", profile, "-o", file, "--", "sh"]).status == 0)
        let check = Self.run(["check", file])
        #expect(check.status == 0, "\(check.out)")
        #expect(check.out.contains("0 errors"))
    }

    /// What runc 1.1.5's `runc spec` prints, verbatim: harden check must keep reading it.
    static let runcSpec = #"""
    {"ociVersion": "1.0.2-dev", "process": {"terminal": true, "user": {"uid": 0, "gid": 0}, "args": ["sh"],
     "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"], "cwd": "/",
     "capabilities": {"bounding": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"], "permitted": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "ambient": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]},
     "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "noNewPrivileges": true},
     "root": {"path": "rootfs", "readonly": true}, "hostname": "runc",
     "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
      {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
      {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
      {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
      {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
      {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
      {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}],
     "linux": {"resources": {"devices": [{"allow": false, "access": "rwm"}]},
      "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}],
      "maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
      "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]}}
    """#

    @Test("harden check still audits what runc spec prints: no seccomp and the host's cgroup namespace are errors")
    func checkRuncSpec() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("config.json", Self.runcSpec)
        let check = Self.run(["check", "--format", "json", file])
        #expect(check.status == 1)
        let report = try JSONParser.parse(check.out)
        let rules = Set((report.at("launches[0].findings")?.arrayValue ?? []).compactMap { $0["rule"]?.stringValue })
        #expect(rules.isSuperset(of: ["confinement-disabled", "host-namespace", "root-user", "no-memory-limit"]), "\(check.out)")
    }

    @Test("harden help lists oci and prints its usage")
    func help() {
        #expect(Self.run(["--help"]).out.contains("  oci "))
        let help = Self.run(["oci", "--help"])
        #expect(help.status == 0 && help.out.hasPrefix("usage: harden oci "))
    }
}
