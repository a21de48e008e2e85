import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The OCI config conversion")
struct OCIConfigTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    static func checkGolden(_ text: String, _ name: String) throws {
        let file = Self.golden + "/\(name)"
        if ProcessInfo.processInfo.environment["HARDEN_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == expected, "\(name) changed; if that is intended, rerun with HARDEN_UPDATE_GOLDEN=1 swift test and review the diff")
    }

    @Test("each built-in's config.json matches its golden file (HARDEN_UPDATE_GOLDEN=1 rewrites them)", arguments: ["base", "web", "worker", "db"])
    func goldenConfig(profile: String) throws {
        let output = try OCIFixtures.convert(try OCIFixtures.plan(profile), profile: profile)
        try Self.checkGolden(output.spec.text, "\(profile).oci.json")
    }

    @Test("the rootless web config matches its golden file, with and without subordinate ids", arguments: [false, true])
    func goldenRootless(subordinate: Bool) throws {
        var bundle = OCIBundleOptions()
        bundle.rootless = true
        let output = try OCIFixtures.convert(try OCIFixtures.plan("web"), bundle: bundle, host: OCIFixtures.host(subordinate: subordinate))
        try Self.checkGolden(output.spec.text, subordinate ? "web.rootless-subids.oci.json" : "web.rootless.oci.json")
    }

    @Test("two harden processes (two hash seeds) print the same config.json byte for byte")
    func byteStable() throws {
        // Two processes, so two hash seeds: within one process a dictionary walks its keys in the
        // same order every time, and a non-deterministic writer would still look stable.
        let arguments = ["oci", "db", "-e", "B=2", "-e", "A=1", "--sysctl", "net.ipv4.ip_unprivileged_port_start=0", "--", "/bin/sh"]
        let first = try HardenProcess.output(arguments)
        let second = try HardenProcess.output(arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect(!first.text.isEmpty && first.text == second.text)
        #expect(first.text.hasSuffix("}\n"))
        #expect(first.text.contains("\"A=1\"") && first.text.contains("net.ipv4.ip_unprivileged_port_start"))
    }

    /// A profile that sets every field a profile can set, so each can be looked for in the config.
    static let everything = OCIFixtures.profile("everything", #"""
    {
      "name": "everything",
      "user": "1000:1000",
      "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN"] },
      "noNewPrivileges": true,
      "readOnlyRootFilesystem": true,
      "tmpfs": {
        "/run/app": { "size": "8m", "mode": "0750", "uid": 1000, "gid": 1000, "options": ["noexec", "nosuid", "nodev"] },
        "/run": { "size": "16m", "options": ["nosuid"] }
      },
      "volumes": { "/srv/data": { "type": "bind", "source": "/var/lib/app", "readOnly": true } },
      "resources": { "memory": "256m", "memorySwap": "512m", "cpus": 0.5, "pids": 64, "shmSize": "32m",
                     "nofile": { "soft": 512, "hard": 65536 }, "nproc": 100 },
      "userNamespace": { "uidMappings": [{ "containerID": 0, "hostID": 300000, "size": 65536 }],
                         "gidMappings": [{ "containerID": 0, "hostID": 300000, "size": 65536 }] },
      "environment": { "APP_MODE": "production" }
    }
    """#)

    /// Property: each profile field is found at the path the runtime spec defines for it.
    @Test("every profile field lands where the runtime spec puts it", arguments: [
        ("user", "process.user", #"{"uid":1000,"gid":1000}"#),
        ("capabilities bound", "process.capabilities.bounding", #"["CAP_CHOWN","CAP_NET_BIND_SERVICE"]"#),
        ("capabilities in use", "process.capabilities.effective", #"["CAP_CHOWN","CAP_NET_BIND_SERVICE"]"#),
        ("capabilities kept by a non-root user", "process.capabilities.ambient", #"["CAP_CHOWN","CAP_NET_BIND_SERVICE"]"#),
        ("noNewPrivileges", "process.noNewPrivileges", "true"),
        ("nofile, clamped to the host", "process.rlimits[0]", #"{"type":"RLIMIT_NOFILE","hard":20000,"soft":512}"#),
        ("nproc", "process.rlimits[1]", #"{"type":"RLIMIT_NPROC","hard":100,"soft":100}"#),
        ("environment after PATH", "process.env", #"["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP_MODE=production"]"#),
        ("readOnlyRootFilesystem", "root", #"{"path":"rootfs","readonly":true}"#),
        ("a tmpfs carve-out, parent first", "mounts[7]", #"{"destination":"/run","type":"tmpfs","source":"tmpfs","options":["nodev","noexec","nosuid","size=16m","uid=1000","gid=1000"]}"#),
        ("a tmpfs carve-out's owner and mode", "mounts[/run/app].options", #"["noexec","nosuid","nodev","size=8m","mode=0750","uid=1000","gid=1000"]"#),
        ("a bind volume", "mounts[/srv/data]", #"{"destination":"/srv/data","type":"bind","source":"/var/lib/app","options":["rbind","rprivate","ro","nosuid","nodev"]}"#),
        ("shmSize", "mounts[/dev/shm].options", #"["nosuid","noexec","nodev","mode=1777","size=32768k"]"#),
        ("memory and memorySwap", "linux.resources.memory", #"{"limit":268435456,"swap":536870912}"#),
        ("cpus", "linux.resources.cpu", #"{"quota":50000,"period":100000}"#),
        ("pids", "linux.resources.pids", #"{"limit":64}"#),
        ("uid mappings", "linux.uidMappings", #"[{"containerID":0,"hostID":300000,"size":65536}]"#),
        ("gid mappings", "linux.gidMappings", #"[{"containerID":0,"hostID":300000,"size":65536}]"#),
        ("a user namespace for the mappings", "linux.namespaces[6]", #"{"type":"user"}"#),
    ])
    func fieldPlacement(field: String, path: String, expected: String) throws {
        let plan = try OCIFixtures.plan("everything", profiles: [Self.everything])
        let json = try OCIFixtures.json(try OCIFixtures.convert(plan, profile: "everything"))
        #expect(json.at(path)?.compact == expected, "\(field) at \(path)")
    }

    @Test("docker options that mean something in a bundle land in the spec", arguments: [
        (["--hostname", "box"], "hostname", #""box""#),
        (["-w", "/srv"], "process.cwd", #""/srv""#),
        (["-t"], "process.terminal", "true"),
        (["--group-add", "44"], "process.user.additionalGids", "[44]"),
        (["--oom-score-adj", "500"], "process.oomScoreAdj", "500"),
        (["--security-opt", "apparmor=harden-web"], "process.apparmorProfile", #""harden-web""#),
        (["--memory-reservation", "128m"], "linux.resources.memory.reservation", "134217728"),
        (["--memory-swap", "-1"], "linux.resources.memory.swap", "-1"),
        (["--cpu-shares", "512", "--cpuset-cpus", "0-1"], "linux.resources.cpu", #"{"shares":512,"quota":100000,"period":100000,"cpus":"0-1"}"#),
        (["--pids-limit", "10"], "linux.resources.pids.limit", "10"),
        (["--sysctl", "net.ipv4.ip_unprivileged_port_start=0"], "linux.sysctl", #"{"net.ipv4.ip_unprivileged_port_start":"0"}"#),
        (["--device-cgroup-rule", "c 10:229 rw"], "linux.resources.devices[10]", #"{"allow":true,"type":"c","major":10,"minor":229,"access":"rw"}"#),
        (["--ulimit", "core=0:0"], "process.rlimits[0]", #"{"type":"RLIMIT_CORE","hard":0,"soft":0}"#),
        // A tmpfs naming no owner belongs to the profile's user, as its carve-outs do (issue 20).
        (["--tmpfs", "/cache"], "mounts[/cache].options", #"["nosuid","nodev","noexec","uid=65532","gid=65532"]"#),
        (["--tmpfs", "/dev/shm:size=1g,exec"], "mounts[/dev/shm].options", #"["nosuid","nodev","size=1g","exec","uid=65532","gid=65532"]"#),
        (["--tmpfs", "/cache:uid=0"], "mounts[/cache].options", #"["nosuid","nodev","noexec","uid=0"]"#),
        (["-v", "./site:/site:ro,noexec"], "mounts[/site]", #"{"destination":"/site","type":"bind","source":"/home/user/app/site","options":["rbind","rprivate","ro","nosuid","nodev","noexec"]}"#),
        (["--network", "none"], "linux.namespaces[1]", #"{"type":"network"}"#),
        (["--read-only=false"], "root.readonly", "false"),
        (["--security-opt", "no-new-privileges=false"], "process.noNewPrivileges", "false"),
    ])
    func dockerOptions(options: [String], path: String, expected: String) throws {
        var bundle = OCIBundleOptions()
        bundle.currentDirectory = "/home/user/app"
        let json = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("web", options), bundle: bundle))
        #expect(json.at(path)?.compact == expected, "\(options) at \(path)")
    }

    @Test("every container gets the kernel filesystems, private namespaces, masked paths and only the default devices")
    func defaults() throws {
        let json = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("worker"), profile: "worker"))
        let mounts = (json.at("mounts")?.arrayValue ?? []).map { "\($0["destination"]!.stringValue!) \($0["type"]!.stringValue!)" }
        #expect(Array(mounts.prefix(7)) == ["/proc proc", "/dev tmpfs", "/dev/pts devpts", "/dev/shm tmpfs", "/dev/mqueue mqueue", "/sys sysfs", "/sys/fs/cgroup cgroup"])
        #expect(json.at("mounts[/sys].options")?.compact.contains("\"ro\"") == true)
        #expect(json.at("mounts[/sys/fs/cgroup].options")?.compact.contains("\"ro\"") == true)
        let namespaces = (json.at("linux.namespaces")?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
        #expect(namespaces == ["pid", "network", "ipc", "uts", "mount", "cgroup"])
        let runcMasked: Set = ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                               "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"]
        let masked = Set((json.at("linux.maskedPaths")?.arrayValue ?? []).compactMap(\.stringValue))
        #expect(masked.isSuperset(of: runcMasked), "at least as strict as runc spec")
        #expect(json.at("linux.readonlyPaths")?.compact == #"["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]"#)
        #expect(json.at("linux.resources.devices[0]")?.compact == #"{"allow":false,"access":"rwm"}"#)
        #expect(json.at("linux.resources.devices")?.arrayValue?.count == OCIDefaults.deviceRules.count)
        #expect(json.at("process.oomScoreAdj")?.compact == "0")
        #expect(json.at("linux.seccomp.defaultAction")?.stringValue == "SCMP_ACT_ERRNO", "the generated allow-list refuses what it does not name")
    }

    @Test("root keeps its capabilities through its bounding set; only a non-root user needs ambient and inheritable")
    func capabilitySets() throws {
        let root = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("web", ["--user", "0:0", "--cap-add", "NET_BIND_SERVICE"])))
        #expect(root.at("process.capabilities.bounding")?.compact == #"["CAP_NET_BIND_SERVICE"]"#)
        #expect(root.at("process.capabilities.ambient")?.compact == "[]")
        #expect(root.at("process.capabilities.inheritable")?.compact == "[]")
        let none = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("worker"), profile: "worker"))
        for set in ["bounding", "effective", "inheritable", "permitted", "ambient"] {
            #expect(none.at("process.capabilities.\(set)")?.compact == "[]", "worker holds nothing in \(set)")
        }
    }

    @Test("what the host cannot grant is lowered or left out, and the note says which and why")
    func hostLimits() throws {
        var host = OCIFixtures.host
        host.swapAccounting = false
        let output = try OCIFixtures.convert(try OCIFixtures.plan("web", ["--ulimit", "nofile=100000:100000"]), host: host)
        let json = try OCIFixtures.json(output)
        #expect(json.at("process.rlimits[0]")?.compact == #"{"type":"RLIMIT_NOFILE","hard":20000,"soft":20000}"#)
        #expect(json.at("linux.resources.memory")?.compact == #"{"limit":536870912}"#)
        #expect(output.notes.contains { $0.hasPrefix("nofile: hard limit 100000 lowered to this host's 20000") })
        #expect(output.notes.contains { $0.hasPrefix("--memory-swap 512m is left out: this kernel's memory cgroup does not account swap") })
    }

    @Test("the seccomp filter names the host's architectures", arguments: [
        ("x86_64", #"["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"]"#), ("aarch64", #"["SCMP_ARCH_AARCH64","SCMP_ARCH_ARM"]"#),
    ])
    func seccompArchitecture(architecture: String, expected: String) throws {
        var host = OCIFixtures.host
        host.architecture = architecture
        let json = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("web"), host: host))
        #expect(json.at("linux.seccomp.architectures")?.compact == expected)
    }

    @Test("names in --user and --group-add are looked up in the rootfs, never on the host")
    func userNames() throws {
        var bundle = OCIBundleOptions()
        bundle.users = UserDatabase(passwd: "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n",
                                    group: "root:x:0:\nwww-data:x:33:\naudio:x:29:\n", source: "/b/rootfs")
        let json = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("web", ["--user", "www-data", "--group-add", "audio"]), bundle: bundle))
        #expect(json.at("process.user")?.compact == #"{"uid":33,"gid":33,"additionalGids":[29]}"#)
        let unknown = #expect(throws: HardenError.self) {
            try OCIFixtures.convert(try OCIFixtures.plan("web", ["--user", "nginx"]), bundle: bundle)
        }
        #expect(unknown?.message == "--user nginx: no user nginx in /b/rootfs/etc/passwd; give numeric ids such as 65532:65532, or a user the image defines")
    }

    @Test("a uid without a group gets group 0 as under docker, and the note says so")
    func uidWithoutGroup() throws {
        let output = try OCIFixtures.convert(try OCIFixtures.plan("web", ["--user", "1234"]))
        #expect(try OCIFixtures.json(output).at("process.user")?.compact == #"{"uid":1234,"gid":0}"#)
        #expect(output.notes.contains { $0.hasPrefix("--user 1234 names no group") })
    }

    @Test("settings a bundle cannot hold are one-line errors naming the input and the way out", arguments: [
        (["-v", "pgdata:/var/lib/postgresql/data"], "-v pgdata:/var/lib/postgresql/data: the named volume pgdata needs a container engine to create it; bind a host directory instead (-v /srv/data:/var/lib/postgresql/data), or use a tmpfs (--tmpfs /var/lib/postgresql/data)"),
        (["-v", "/cache"], "-v /cache: an anonymous volume needs a container engine to create it; bind a host directory instead (-v /srv/data:/cache), or use a tmpfs (--tmpfs /cache)"),
        (["-v", "/srv/a:/a:z"], "-v /srv/a:/a:z: the mount option z means nothing to runc; keep ro, rw, a propagation mode, nosuid, nodev or noexec"),
        (["--pid", "container:db"], "--pid container:db: runc knows no other containers by name; to join a namespace, edit linux.namespaces to give its path (/proc/PID/ns/pid)"),
        (["--network", "backend"], "--network backend: a bundle gets its own network namespace with loopback only (--network none); connect it with a CNI plugin or a runtime hook"),
        (["--security-opt", "label=type:svirt_t"], "--security-opt label=type:svirt_t: harden oci writes no label setting; leave it out, or set it in config.json by hand"),
        (["-w", "srv"], "--workdir \"srv\" (argument 1): the working directory must be an absolute path, e.g. /srv/app"),
        (["--ulimit", "nofile=10:5"], nil),
    ] as [([String], String?)])
    func inexpressible(options: [String], message: String?) throws {
        do {
            _ = try OCIFixtures.convert(try OCIFixtures.plan("web", options))
            Issue.record("\(options) was accepted")
        } catch let error as HardenError {
            #expect(!error.message.contains("\n"))
            if let message { #expect(error.message == message) }
        }
    }

    @Test("carve-outs are mounted parents first, and one at a default mount's place replaces it")
    func mountOrder() throws {
        let json = try OCIFixtures.json(try OCIFixtures.convert(try OCIFixtures.plan("web", ["--tmpfs", "/run/app/sock", "--tmpfs", "/dev/shm"])))
        let destinations = (json.at("mounts")?.arrayValue ?? []).compactMap { $0["destination"]?.stringValue }
        #expect(destinations.filter { $0 == "/dev/shm" }.count == 1)
        #expect(destinations.firstIndex(of: "/run")! < destinations.firstIndex(of: "/run/app/sock")!)
        #expect(destinations.firstIndex(of: "/dev/shm")! > destinations.firstIndex(of: "/sys/fs/cgroup")!, "the user's /dev/shm is a carve-out")
    }

    @Test("the profile's restart policy, which every built-in has, is left to oci --help, not said on every run")
    func profileNotes() throws {
        let output = try OCIFixtures.convert(try OCIFixtures.plan("web"))
        #expect(!output.notes.contains { $0.contains("restart policy") }, "\(output.notes)")
    }

    @Test("with no command there is nothing to run")
    func noCommand() throws {
        #expect(throws: HardenError.input("no command to run; give it after --, e.g. harden oci web -- /bin/sh -c 'exec httpd -f -p 8080'")) {
            try OCIFixtures.convert(try OCIFixtures.plan("web", command: []))
        }
    }

    /// Property: reading a generated config back gives the plan's hardening, and the rules find no error in it.
    @Test("each built-in's config reads back into its plan and passes the validator without errors", arguments: ["base", "web", "worker", "db"])
    func roundTrip(profile: String) throws {
        let plan = try OCIFixtures.plan(profile)
        for rootless in [false, true] {
            var bundle = OCIBundleOptions()
            bundle.rootless = rootless
            let text = try OCIFixtures.convert(plan, profile: profile, bundle: bundle).spec.text
            let launch = try OCIConfigReader.read(try JSONParser.parse(text), file: "config.json")
            let back = launch.plan
            #expect(back.capabilities == plan.capabilities)
            #expect(back.noNewPrivileges == plan.noNewPrivileges && back.readOnlyRootFilesystem == plan.readOnlyRootFilesystem)
            #expect(back.tmpfs.map(\.target).filter { !$0.hasPrefix("/dev") } == plan.tmpfs.map(\.target))
            #expect(back.command == [plan.image] + plan.command)
            if !rootless {
                #expect(back.user == plan.user)
                #expect(back.memory == plan.memory && back.pidsLimit == plan.pidsLimit && back.cpus == plan.cpus)
            }
            let errors = Validator(host: .nothing()).findings(for: back, sources: launch.sources).filter(\.rejects)
            #expect(errors.isEmpty, "\(profile) rootless=\(rootless): \(errors.map(\.message))")
        }
    }
}
