import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Every docker run option through every door that takes docker options: a value docker would
/// refuse is the same one-line input error (exit 2) on `run --dry-run`, `oci`, `compose` and `k8s`;
/// a value docker takes is refused by a door only where `DoorTable` says that door cannot say it,
/// and otherwise gets the same verdict `run` gives.
@Suite("One option, one verdict on every door")
struct OneOptionOneVerdictTests {
    /// A value docker takes for each option, and where docker checks the value, one it refuses.
    static let samples: [String: (good: String, bad: String?)] = [
        "add-host": ("db.local:10.0.0.5", "db.local"), "annotation": ("a=b", nil), "attach": ("stdout", nil),
        "blkio-weight": ("500", nil), "blkio-weight-device": ("/dev/sda:200", nil), "cap-add": ("CHOWN", "NOT_A_CAP"),
        "cap-drop": ("CHOWN", "NOT_A_CAP"), "cgroup-parent": ("/x", nil), "cgroupns": ("private", nil), "cidfile": ("/tmp/cid", nil),
        "cpu-count": ("1", nil), "cpu-percent": ("50", nil), "cpu-period": ("100000", "-5"), "cpu-quota": ("50000", "x"),
        "cpu-rt-period": ("1000", nil), "cpu-rt-runtime": ("100", nil), "cpu-shares": ("1", "-1"), "cpus": ("0.5", "lots"),
        "cpuset-cpus": ("0-1", "0-"), "cpuset-mems": ("0", "a"), "detach": ("true", nil), "detach-keys": ("ctrl-x", nil),
        "device": ("/dev/fuse", "/dev/a:b:c:d"), "device-cgroup-rule": ("c 10:229 rw", "c 10:229 x"),
        "device-read-bps": ("/dev/sda:1mb", nil), "device-read-iops": ("/dev/sda:100", nil), "device-write-bps": ("/dev/sda:1mb", nil),
        "device-write-iops": ("/dev/sda:100", nil), "disable-content-trust": ("true", nil), "dns": ("1.1.1.1", nil),
        "dns-option": ("ndots:1", nil), "dns-search": ("example.com", nil), "domainname": ("example.com", nil),
        "entrypoint": ("/bin/app", nil), "env": ("A=1", "=1"), "env-file": ("/nonexistent/app.env", nil), "expose": ("80", nil),
        "gpus": ("all", nil), "group-add": ("10", nil), "health-cmd": ("true", nil), "health-interval": ("30s", "soon"),
        "health-retries": ("3", "x"), "health-start-interval": ("5s", nil), "health-start-period": ("10s", "x"),
        "health-timeout": ("5s", "x"), "help": ("true", nil), "hostname": ("h1", nil), "init": ("true", nil),
        "interactive": ("true", nil), "io-maxbandwidth": ("1mb", nil), "io-maxiops": ("10", nil), "ip": ("10.0.0.2", nil),
        "ip6": ("::2", nil), "ipc": ("private", nil), "isolation": ("default", nil), "kernel-memory": ("1g", nil),
        "label": ("a=b", nil), "label-file": ("/nonexistent/labels", nil), "link": ("db", nil), "link-local-ip": ("169.254.1.1", nil),
        "log-driver": ("none", nil), "log-opt": ("max-size=1m", nil), "mac-address": ("02:42:ac:11:00:02", nil),
        "memory": ("256m", "lots"), "memory-reservation": ("128m", "lots"), "memory-swap": ("1g", "lots"),
        "memory-swappiness": ("10", "101"), "mount": ("type=bind,src=/srv/data,dst=/data", "type=bind,dst=relative"),
        "name": ("web-1", nil), "network": ("none", nil), "network-alias": ("web", nil), "no-healthcheck": ("true", nil),
        "oom-kill-disable": ("true", nil), "oom-score-adj": ("5", "2000"), "pid": ("private", nil), "pids-limit": ("100", "x"),
        "platform": ("linux/amd64", nil), "privileged": ("true", nil), "publish": ("127.0.0.1:8080:80", "99999"),
        "publish-all": ("true", nil), "pull": ("never", "sometimes"), "quiet": ("true", nil), "read-only": ("true", nil),
        "restart": ("on-failure:3", "often"), "rm": ("true", nil), "runtime": ("runc", nil), "security-opt": ("apparmor=docker-default", "seccomp"),
        "shm-size": ("64m", "lots"), "sig-proxy": ("true", nil), "stop-signal": ("SIGINT", nil), "stop-timeout": ("20", "soon"),
        "storage-opt": ("size=1g", nil), "sysctl": ("net.ipv4.ip_unprivileged_port_start=80", "novalue"),
        "tmpfs": ("/scratch:size=64m", "/scratch:size=lots"), "tty": ("true", nil), "ulimit": ("nofile=1024", "nofile"),
        "use-api-socket": ("true", nil), "user": ("1000:1000", nil), "userns": ("host", nil), "uts": ("private", nil),
        "volume": ("/srv/data:/data:ro", "a:b:c:d"), "volume-driver": ("local", nil), "volumes-from": ("other", nil),
        "workdir": ("/srv", "srv"),
    ]

    static func arguments(_ option: DockerOptionSpec, _ value: String) -> [String] {
        option.kind == .boolean ? ["--\(option.name)=\(value)"] : ["--\(option.name)", value]
    }

    static let doors: [(name: String, door: DoorTable.Door?, prefix: [String], image: [String])] = [
        ("run", nil, ["run", "worker", "--dry-run"], ["img:1"]),
        ("oci", .oci, ["oci", "worker"], ["/bin/sh"]),
        ("compose", .compose, ["compose", "worker", "--service", "app"], ["img:1"]),
        ("k8s", .kubernetes, ["k8s", "worker", "--name", "app"], ["img:1"]),
    ]

    @Test("the sample table covers every option docker run takes")
    func coverage() {
        let missing = DockerOptionTable.all.map(\.name).filter { Self.samples[$0] == nil }
        #expect(missing.isEmpty, "no sample for \(missing)")
    }

    @Test("a value docker refuses is exit 2 on every door", arguments: DockerOptionTable.all.filter { samples[$0.name]?.bad != nil })
    func badValue(option: DockerOptionSpec) {
        let bad = Self.samples[option.name]!.bad!
        for door in Self.doors {
            let result = CapturedConsole.run(door.prefix + Self.arguments(option, bad) + door.image)
            #expect(result.status == 2 && result.err.contains("--\(option.name)"),
                    "\(door.name) --\(option.name) \(bad): exit \(result.status): \(result.err)")
        }
    }

    @Test("a value docker takes gets run's verdict, or the refusal DoorTable names", arguments: DockerOptionTable.all.filter { $0.name != "help" })
    func goodValue(option: DockerOptionSpec) {
        let good = Self.samples[option.name]!.good
        let run = CapturedConsole.run(Self.doors[0].prefix + Self.arguments(option, good) + Self.doors[0].image)
        #expect(run.status != 2, "run --\(option.name) \(good) is refused as bad input: \(run.err)")
        for door in Self.doors.dropFirst() {
            let result = CapturedConsole.run(door.prefix + Self.arguments(option, good) + door.image)
            if DoorTable.row(option.name).treatment(on: door.door!).isRefused {
                #expect(result.status == 2 && result.err.contains("--\(option.name)"), "\(door.name) --\(option.name) \(good) is not refused: exit \(result.status) \(result.err)")
            } else {
                #expect(result.status == run.status, "\(door.name) --\(option.name) \(good): exit \(result.status), run exits \(run.status): \(result.err)")
            }
        }
    }
}
