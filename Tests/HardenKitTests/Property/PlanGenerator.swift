@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random launch plans of the kind harden's doors produce (every value one that some door reads
/// without error), including hostile-looking ones: doubled slashes, `..`, commas, `=`, spaces,
/// non-ASCII, runtime sockets, sensitive host paths, privileged, host namespaces.
enum PlanGenerator {
    static let hostDirectories = [
        "/srv/data", "/srv//data", "/srv/app/../data", "/home/user/app data", "/srv/日本語", "/srv/a=b", "/srv/a,b",
        "/srv/site/", "./data", "../data", "/tmp/x y", "/opt/app", "/srv/-dash",
    ]
    static let dangerousHostPaths = [
        "/var/run/docker.sock", "/run//docker.sock", "/var/run/../run/docker.sock", "/run/containerd/containerd.sock",
        "/run/podman/podman.sock", "/var/run", "/run", "/etc", "/etc/", "/proc", "/", "//", "/var/lib/docker", "/usr",
        "/root/.ssh", "/sys/fs/cgroup", "/dev", "/boot", "/lib/modules",
    ]
    static let containerPaths = [
        "/data", "/data//x", "/a b", "/ü", "/x=y", "/x,y", "/var/lib/app", "/srv/www", "/cache", "/home/app/.cache", "/tmp", "/run",
        "/-dash",
    ]
    // No ':' in mount paths here: --tmpfs cannot carry one and is refused (HostileArgumentTests);
    // bind and volume mounts holding one are written with --mount (DockerArgumentsTests.colonMount).
    static let volumeNames = ["pgdata", "app_data", "v.1", "cache-2"]
    static let images = [
        "ghcr.io/acme/app:1", "nginx:1.27", "busybox", "alpine:latest", "registry.local:5000/team/app:2@sha256:" + String(repeating: "a", count: 64),
        "-weird", "--privileged", "app:1.0",
    ]
    static let words = [
        "sh", "-c", "echo $HOME", "--privileged", "-v", "/:/host", "", " ", "a=b", "ünï", "--", "-", "x,y", "--rm",
    ]

    static func plan(_ g: inout Gen) -> LaunchPlan {
        var plan = LaunchPlan()
        plan.image = g.pick(images)
        plan.command = g.list(max: 3) { $0.pick(words) }
        plan.user = g.maybe(0.7) { $0.pick(["65532:65532", "0", "root", "1000", "nobody:nogroup", "0:0", "-1", "app user", "ü:ü", "1000:0"]) }
        switch g.int(0...3) {
        case 0: break  // docker's default set
        case 1: plan.capabilities = []
        case 2: plan.capabilities = Set(Capability.all)
        default: plan.capabilities = Set(g.subset(Capability.all, p: 0.1))
        }
        plan.noNewPrivileges = g.chance(0.6)
        plan.privileged = g.chance(0.08)
        plan.seccomp = g.pick([.engineDefault, .engineDefault, .unconfined, .file("/etc/seccomp/app.json"), .file("./a b,c=d.json")])
        plan.securityOptions = unique(g.subset(
            ["apparmor=unconfined", "apparmor=docker-default", "label=disable", "label=type:spc_t", "systempaths=unconfined",
             "label=level:s0:c100,c200", "apparmor:custom"], p: 0.1)).map(LaunchPlan.SecurityOption.init(stringLiteral:))
        plan.readOnlyRootFilesystem = g.chance(0.6)
        var targets = Set<String>()
        plan.tmpfs = g.list(max: 3) { g in
            LaunchPlan.TmpfsMount(target: g.pick(containerPaths), options: g.subset(
                ["rw", "noexec", "nosuid", "nodev", "exec", "size=64m", "mode=1777", "uid=65532", "gid=65532"] as [LaunchPlan.TmpfsOption], p: 0.3))
        }.filter { targets.insert($0.target).inserted }
        plan.mounts = g.list(max: 3) { g in mount(&g) }.filter { targets.insert($0.target).inserted }
        var secretNames = Set<String>()
        plan.secrets = g.list(max: 2) { g in
            LaunchPlan.Secret(name: g.pick(["db-password", "api_key", "tls.key"]),
                              source: g.chance(0.2) ? g.pick(dangerousHostPaths.filter { $0.hasPrefix("/") && $0 != "/" && $0 != "//" })
                                  : g.pick(["/home/user/app/pw.txt", "/srv/secrets/key", "/srv/a b/k,e=y"]))
        }.filter { secretNames.insert($0.name).inserted }
        plan.memory = g.maybe(0.6) { $0.pick([6 << 20, 512 << 20, 1 << 30, 123_456_789, 7 << 20 | 1]) }
        plan.memorySwap = g.maybe(0.4) { g in g.chance(0.2) ? -1 : (plan.memory ?? (512 << 20)) * Int64(g.int(1...2)) }
        plan.cpus = g.maybe(0.6) { $0.pick([1, 0.5, 2, 0.25, 1.5, 0.125, 0.01, 16, 1.0005, 1.0 / 3, 4096]) }
        plan.pidsLimit = g.maybe(0.6) { $0.pick([1, 64, 256, 4096, 4_194_304]) }
        plan.shmSize = g.maybe(0.2) { $0.pick([64 << 20, 1 << 30, 4096]) }
        var ulimitNames = Set<String>()
        plan.ulimits = g.list(max: 2) { g in
            let hard = g.pick([1024, 4096, 65536, -1] as [Int64])
            return LaunchPlan.Ulimit(name: g.pick(["nofile", "nproc", "core", "memlock"]), soft: hard == -1 ? g.pick([1024, -1]) : min(hard, 1024), hard: hard)
        }.filter { ulimitNames.insert($0.name).inserted }.sorted { $0.name < $1.name }
        plan.network = g.maybe(0.5) { $0.pick(["bridge", "none", "host", "HOST", "container:db", "backend", "default"] as [LaunchPlan.NamespaceMode]) }
        plan.ports = g.list(max: 2) { g in
            LaunchPlan.PortMapping(hostIP: g.pick(["", "127.0.0.1", "0.0.0.0", "::1", "::", "192.168.1.10"]),
                                   hostPort: g.pick(["", "8080", "80", "8000-8010", "443"]),
                                   containerPort: g.pick(["80", "8080", "53", "9000-9010"]), proto: g.pick([nil, "tcp", "udp", "sctp"]))
        }
        func namespace(_ g: inout Gen) -> LaunchPlan.NamespaceMode? { g.maybe(0.15) { $0.pick(["host", "private", "container:db", "shareable"]) } }
        plan.namespaces.pid = namespace(&g)
        plan.namespaces.ipc = namespace(&g)
        plan.namespaces.uts = namespace(&g)
        plan.namespaces.userns = g.maybe(0.1) { $0.pick(["host", ""]) }.flatMap { $0.isEmpty ? nil : LaunchPlan.NamespaceMode(stringLiteral: $0) }
        plan.namespaces.cgroupns = g.maybe(0.1) { $0.pick(["host", "private"] as [LaunchPlan.NamespaceMode]) }
        // Only a profile (mappings) or an OCI config (mount) says these; docker and compose cannot.
        plan.namespaces.mount = g.maybe(0.05) { $0.pick(["host", "private"] as [LaunchPlan.NamespaceMode]) }
        if g.chance(0.05) {
            plan.uidMappings = [Profile.IDMapping(containerID: 0, hostID: 100_000, size: 65536)]
            plan.gidMappings = g.chance(0.5) ? plan.uidMappings : []
        }
        plan.devices = g.list(max: 1) { g in
            LaunchPlan.Device(hostPath: g.pick(["/dev/sda", "/dev/fuse", "/dev/null", "/dev/kvm", "/dev//mem"]),
                              containerPath: g.maybe(0.3) { $0.pick(["/dev/xvda", "/dev/x y"]) }, permissions: g.maybe(0.3) { $0.pick(["r", "rw", "rwm", "m"]) })
        }
        plan.deviceCgroupRules = unique(g.subset(["c 1:3 rwm", "a *:* rwm", "b 8:* r", "c 10:229 m", "c *:* m"], p: 0.08)).map(LaunchPlan.DeviceRule.init(stringLiteral:))
        var sysctlNames = Set<String>()
        plan.sysctls = g.list(max: 2) { g in
            LaunchPlan.Sysctl(name: g.pick(["net.ipv4.ip_forward", "kernel.core_pattern", "kernel.shmmax", "net.core.somaxconn", "vm.overcommit_memory", "fs.mqueue.msg_max"]),
                              value: g.pick(["1", "0", "|/bin/sh -c x", "a=b", "ü"]))
        }.filter { sysctlNames.insert($0.name).inserted }
        plan.useAPISocket = g.chance(0.05)
        plan.restart = g.maybe(0.5) { $0.pick(["no", "always", "unless-stopped", "on-failure", "on-failure:5", "on-failure:0"] as [LaunchPlan.RestartPolicy]) }
        if g.chance(0.2) {
            if g.chance(0.3) {
                plan.healthcheck.disabled = true
            } else {
                plan.healthcheck.command = g.pick(["curl -f http://localhost/ || exit 1", "-x", "", "echo \"a,b\""])
                plan.healthcheck.interval = g.maybe(0.5) { $0.pick(["30s", "1m30s", "500ms"]) }
                plan.healthcheck.timeout = g.maybe(0.5) { $0.pick(["5s", "1s"]) }
                plan.healthcheck.startPeriod = g.maybe(0.3) { $0.pick(["10s"]) }
                plan.healthcheck.retries = g.maybe(0.5) { $0.pick([0, 3, 10]) }
            }
        }
        var envNames = Set<String>()
        plan.environment = g.list(max: 3) { g in
            let name = g.pick(["PATH", "DB_PASSWORD", "MODE", "ÜBER", "A_B", "API_TOKEN", "-X"])
            return g.chance(0.2) ? name : name + "=" + g.pick(["1", "", "a=b", "x y", "$HOME", "hunter2", "line\nbreak", "ü"])
        }.filter { envNames.insert(String($0.prefix { $0 != "=" })).inserted }
        let options = g.list(max: 3) { g in
            g.pick([
                (name: "name", value: "web-1"), (name: "label", value: "a=b,c"), (name: "hostname", value: "-h"),
                (name: "workdir", value: "/srv/app"), (name: "detach", value: "true"), (name: "rm", value: "true"),
                (name: "init", value: "false"), (name: "tty", value: "true"), (name: "publish-all", value: "true"),
                (name: "volumes-from", value: "other"), (name: "env-file", value: "./app.env"),
                (name: "mount", value: "type=volume,src=sock,dst=/s,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/var/run/docker.sock"),
                (name: "mount", value: "type=volume,src=v,dst=/v,volume-driver=local"),
                (name: "oom-score-adj", value: "-500"), (name: "stop-signal", value: "SIGTERM"),
            ])
        }
        for option in options { plan.setDockerOption(option.name, option.value) }
        return plan
    }

    /// A plan as `harden oci` could be asked to write: most of the time without what a bundle
    /// cannot hold (ports, devices, engine options, named volumes, user names, joined namespaces),
    /// so the conversion runs to the end; the rest of the time as it comes, to exercise the refusals.
    static func ociPlan(_ g: inout Gen, tamed: Double = 0.85) -> LaunchPlan {
        var plan = plan(&g)
        guard g.chance(tamed) else { return plan }
        plan.ports = []
        plan.devices = []
        plan.privileged = g.chance(0.03)
        plan.useAPISocket = false
        plan = plan.keepingDockerOptions { $0 != "mount" && OCIDockerOptions.refusal($0) == nil }
        plan.mounts = plan.mounts.filter { $0.kind == .bind }.map { mount in
            var mount = mount
            mount.flags.removeAll { !OCIMounts.bindFlags.contains($0) }
            return mount
        }
        if let user = plan.user, NumericUser(user) == nil, user != "root" { plan.user = "65532:65532" }
        if plan.namespaces.all.contains(where: { $0.mode.joinedContainer != nil }) { plan.namespaces = LaunchPlan.Namespaces() }
        if let network = plan.network, !["none", "host", "bridge", "default"].contains(network) { plan.network = nil }
        var apparmor = false
        plan.securityOptions = plan.securityOptions.filter { option in
            let key = option.key
            if key == "apparmor" { defer { apparmor = true }; return !apparmor }
            return key == "systempaths"
        }
        return plan
    }

    /// What a careful user asks `harden oci` for: the random plan with what any rule refuses taken
    /// out (privilege, dangerous capabilities and host paths, host namespaces, confinement off,
    /// host sysctls, secrets from system paths), so a verdict property sees accepted configs too,
    /// still with odd paths, limits, users and options.
    static func ordinaryOCIPlan(_ g: inout Gen) -> LaunchPlan {
        var plan = ociPlan(&g, tamed: 1)
        let modest = ["CHOWN", "NET_BIND_SERVICE", "SETUID", "SETGID", "KILL"].compactMap(Capability.named)
        plan.capabilities = g.pick([Capability.dockerDefault, [], Set(g.subset(modest, p: 0.4))])
        if plan.seccomp == .unconfined { plan.seccomp = .engineDefault }
        plan.securityOptions = g.chance(0.3) ? ["apparmor=docker-default"] : []
        plan.mounts = plan.mounts.map { mount in
            var mount = mount
            if PlanGenerator.dangerousHostPaths.contains(mount.source ?? "") { mount.source = "/srv/data" }
            if let propagation = mount.propagation, propagation.contains("shared") || propagation.contains("slave") { mount.propagation = nil }
            return mount
        }
        plan.secrets = plan.secrets.filter { !dangerousHostPaths.contains($0.source) }
        plan.namespaces = LaunchPlan.Namespaces()
        if plan.network == .host { plan.network = LaunchPlan.NamespaceMode.empty }
        plan.sysctls = plan.sysctls.filter { $0.name == "net.core.somaxconn" || $0.name == "fs.mqueue.msg_max" }
        plan.deviceCgroupRules = []
        return plan
    }

    static func mount(_ g: inout Gen) -> LaunchPlan.Mount {
        let target = g.pick(containerPaths)
        switch g.int(0...3) {
        case 0: return LaunchPlan.Mount(kind: .volume, source: nil, target: target)
        case 1:
            return LaunchPlan.Mount(kind: .volume, source: g.pick(volumeNames), target: target, readOnly: g.chance(0.5),
                                    flags: g.subset(["nocopy"], p: 0.2))
        default:
            let source = g.chance(0.35) ? g.pick(dangerousHostPaths) : g.pick(hostDirectories)
            return LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: g.chance(0.5),
                                    propagation: g.maybe(0.2) { $0.pick(Array(LaunchPlan.Mount.propagationModes).sorted()) },
                                    flags: g.subset(["z", "Z", "nosuid", "noexec"], p: 0.1))
        }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
