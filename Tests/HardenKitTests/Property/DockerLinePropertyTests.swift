import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random, often hostile, docker run lines → the audit door. A line is either refused in one line
/// naming the argument, or read into a plan that the emitter writes back to an argv the door reads
/// into the same plan: what harden judged is what it would run.
@Suite("Property: hostile docker run lines read back the same")
struct DockerLinePropertyTests {
    static let seed: UInt64 = 0xD0C4_E700
    static let iterations = 400

    static let values = [
        "", "-", "--", "-1", "0", "1", "65532:65532", "root", "ALL", "SYS_ADMIN", "cap_net_raw", "NET_ADMIN,SYS_PTRACE", "host", "HOST",
        "none", "container:db", "private", "/tmp", "/tmp:size=64m,noexec", "/run:", "/x:a,b,,c", "//", "/a//b/../c", "./rel", "~/home",
        "/var/run/docker.sock:/s", "/run//docker.sock:/s:ro", "/etc:/e:ro,rshared", "v:/data:nocopy", "/srv:/srv:z,Z,ro,rw", "/a:/b:c:d",
        "type=bind,src=/var/run/docker.sock,dst=/s", "type=bind,\"src=/a,b\",dst=/c,readonly", "type=tmpfs,dst=/t,tmpfs-size=1m",
        "type=volume,src=x,dst=/v,volume-opt=o=bind,volume-opt=device=/etc", "type=bind,source=/x,target=/y,bind-propagation=rshared",
        "seccomp=unconfined", "seccomp:unconfined", "no-new-privileges", "no-new-privileges:false", "no-new-privileges=true",
        "apparmor=unconfined", "label=disable", "systempaths=unconfined", "seccomp=", "512m", "1g", "0b", "1.5g", "-1", "1e3", "0.5",
        "0.001", "4097", "99999999999999999999", "8080:80", "127.0.0.1:8080:80/udp", "[::1]:80:80", "::1:80:80", "80-90:80-90",
        "/dev/sda", "/dev/sda:/dev/xvda:rwm", "c 1:3 rwm", "a *:* rwm", "kernel.core_pattern=|/x", "net.ipv4.ip_forward=1", "a=b=c",
        "nofile=1024:2048", "nofile=-1:-1", "nproc=2048:1024", "on-failure:5", "always", "on-failure:-1", "30s", "1m30s", "KEY=value",
        "KEY", "=value", "ü=ü", "line\nbreak", "a b", "\u{0}", "name,with,commas", "true", "false", "TRUE", "2",
    ]
    static let options = [
        "--user", "-u", "--cap-add", "--cap-drop", "--privileged", "--read-only", "--security-opt", "--tmpfs", "-v", "--volume",
        "--mount", "--use-api-socket", "--device", "--device-cgroup-rule", "--sysctl", "--pid", "--ipc", "--uts", "--userns",
        "--cgroupns", "--memory", "-m", "--memory-swap", "--cpus", "--pids-limit", "--shm-size", "--ulimit", "--network", "--net",
        "-p", "--publish", "--restart", "--health-cmd", "--health-interval", "--health-retries", "--no-healthcheck", "-e", "--env",
        "--name", "--label", "--rm", "-d", "-it", "--volumes-from", "--publish-all", "-P", "--env-file", "--workdir", "--hostname",
        "--entrypoint", "--init", "--bogus", "-x", "-test.v",
    ]

    static func line(_ g: inout Gen) -> [String] {
        var words = ["docker", "run"]
        for _ in 0..<g.int(0...8) {
            let option = g.pick(options)
            switch g.int(0...3) {
            case 0: words.append(option)
            case 1: words.append(option + "=" + g.pick(values))
            default: words += [option, g.pick(values)]
            }
        }
        if g.chance(0.2) { words.append("--") }
        words.append(g.pick(["alpine:3.20", "-img", "", "nginx", "--privileged"]))
        words += g.list(max: 2) { $0.pick(values) }
        return words
    }

    static func check(_ words: [String]) -> String? {
        let shown = ShellQuote.join(words)
        let first: AuditedLaunch
        do { first = try DockerLineReader.read(words: words, name: "line") } catch {
            return error.message.contains("\n") ? "the refusal of \(shown) is more than one line: \(error.message)" : nil
        }
        let argv = ["docker"] + DockerArguments.emit(first.plan)
        let second: AuditedLaunch
        do { second = try DockerLineReader.read(words: argv, name: "again") } catch {
            return "\(shown)\nwas read, but what harden writes from it is refused: \(ShellQuote.join(argv))\n\(error.message)"
        }
        guard second.plan != first.plan else { return nil }
        return "\(shown)\nwritten back as \(ShellQuote.join(argv))\n" + PlanDifference.fields(first.plan, second.plan)
    }

    @Test("a docker run line is refused in one line, or written back to a line read the same")
    func readWriteRead() {
        PropertyRun.check("docker line", seed: Self.seed, iterations: Self.iterations) { g, _ in Self.check(Self.line(&g)) }
    }
}
