import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The docker run emitter")
struct DockerArgumentsTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    @Test("each built-in's docker argv matches its golden file (HARDEN_UPDATE_GOLDEN=1 rewrites them)", arguments: ["web", "worker", "db"])
    func goldenArgv(profile: String) throws {
        let resolved = try ProfileRepository(searchPath: SearchPath(entries: [])).resolve(profile)
        var notes: [String] = []
        let plan = try PlanBuilder.plan(for: resolved.profile, userOptions: try DockerRunParser.parse(["-p", "8080:80", "IMAGE", "CMD"]), notes: &notes)
        let text = DockerArguments.emit(plan).joined(separator: "\n") + "\n"
        let file = Self.golden + "/\(profile).docker-argv"
        if ProcessInfo.processInfo.environment["HARDEN_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == expected, "the \(profile) argv changed; if that is intended, rerun with HARDEN_UPDATE_GOLDEN=1 swift test and review the diff")
    }

    /// Every option the emitter writes, set away from Docker's default.
    static var everything: LaunchPlan {
        var plan = LaunchPlan()
        plan.image = "registry.example/app:1.2"
        plan.command = ["sh", "-c", "echo --privileged"]
        plan.user = "1000:1000"
        plan.capabilities = [Capability.named("CHOWN")!, Capability.named("NET_BIND_SERVICE")!]
        plan.noNewPrivileges = true
        plan.privileged = true
        plan.seccomp = .file("/etc/harden/seccomp.json")
        plan.securityOptions = ["apparmor=docker-default", "label=type:svirt_t"]
        plan.readOnlyRootFilesystem = true
        plan.tmpfs = [.init(target: "/tmp", options: ["noexec", "size=64m"]), .init(target: "/run")]
        plan.mounts = [.init(kind: .volume, source: "data", target: "/data"),
                       .init(kind: .bind, source: "/srv/site", target: "/site", readOnly: true, flags: ["z"]),
                       .init(kind: .bind, source: "./relative", target: "/rel", propagation: "rslave"),
                       .init(kind: .volume, source: nil, target: "/anon")]
        plan.memory = 512 << 20
        plan.memorySwap = -1
        plan.cpus = 0.5
        plan.pidsLimit = 100
        plan.shmSize = 64 << 20
        plan.ulimits = [.init(name: "nofile", soft: 1024, hard: 2048), .init(name: "nproc", soft: 10, hard: 10)]
        plan.network = "none"
        plan.namespaces.pid = "container:other"
        plan.namespaces.ipc = "shareable"
        plan.namespaces.uts = "host"
        plan.namespaces.userns = "host"
        plan.namespaces.cgroupns = "private"
        plan.devices = [.init(hostPath: "/dev/fuse"), .init(hostPath: "/dev/sdb", permissions: "r"),
                        .init(hostPath: "/dev/sdc", containerPath: "/dev/xvdc", permissions: "rw")]
        plan.deviceCgroupRules = ["c 10:229 rwm"]
        plan.sysctls = [.init(name: "net.ipv4.ip_unprivileged_port_start", value: "80"), .init(name: "kernel.shm_rmid_forced", value: "1")]
        plan.useAPISocket = true
        plan.ports = [.init(hostIP: "127.0.0.1", hostPort: "8080", containerPort: "80"),
                      .init(hostIP: "::1", hostPort: "", containerPort: "53", proto: "udp"),
                      .init(hostIP: "", hostPort: "", containerPort: "9000")]
        plan.restart = "on-failure:5"
        plan.healthcheck.command = "curl -f http://localhost/ || exit 1"
        plan.healthcheck.interval = "30s"
        plan.healthcheck.timeout = "5s"
        plan.healthcheck.startPeriod = "10s"
        plan.healthcheck.retries = 3
        plan.environment = ["A=1", "B", "C=with space"]
        for (name, value) in [("name", "web-1"), ("rm", "true"), ("init", "false"), ("label", "-odd"),
                              ("mount", "type=volume,src=v,dst=/v,volume-opt=type=nfs"), ("volumes-from", "other")] {
            plan.setDockerOption(name, value)
        }
        return plan
    }

    @Test("parse(emit(plan)) == plan for every option the emitter writes")
    func roundTrip() throws {
        var variants = [Self.everything, LaunchPlan()]
        var allCaps = Self.everything
        allCaps.capabilities = Set(Capability.all)
        allCaps.seccomp = .unconfined
        allCaps.healthcheck = .init()
        allCaps.healthcheck.disabled = true
        variants.append(allCaps)
        var none = Self.everything
        none.capabilities = []
        variants.append(none)
        for var plan in variants {
            if plan.image.isEmpty { plan.image = "busybox" }
            let argv = DockerArguments.emit(plan)
            #expect(argv.first == "run")
            let parsed = try DockerRunParser.parse(Array(argv.dropFirst()))
            var back = LaunchPlan()
            try DockerOptionApplier.apply(parsed, to: &back, publishAddress: nil)
            #expect(back == plan, "argv: \(argv)")
        }
    }

    @Test("a secret reads back, as any audit of the line reads it, as a read-only bind of the file at /run/secrets/NAME")
    func secretRoundTrip() throws {
        var plan = LaunchPlan()
        plan.image = "busybox"
        plan.secrets = [.init(name: "db", source: "/srv/keys/db,prod"), .init(name: "tls.key", source: "/srv/keys/tls.key")]
        let argv = DockerArguments.emit(plan)
        #expect(argv == ["run", "--mount", "type=bind,\"source=/srv/keys/db,prod\",target=/run/secrets/db,readonly",
                         "--mount", "type=bind,source=/srv/keys/tls.key,target=/run/secrets/tls.key,readonly", "busybox"])
        var back = LaunchPlan()
        try DockerOptionApplier.apply(try DockerRunParser.parse(Array(argv.dropFirst())), to: &back, publishAddress: nil)
        let binds = back.hostBinds.map { "\($0.source) \($0.target) \($0.readOnly)" }
        #expect(binds == ["/srv/keys/db,prod /run/secrets/db true", "/srv/keys/tls.key /run/secrets/tls.key true"])
    }

    @Test("the emitter states each hardening option as Docker documents it")
    func spellings() {
        let argv = DockerArguments.emit(Self.everything)
        for expected in [["--cap-drop", "ALL"], ["--cap-add", "CHOWN"], ["--security-opt", "no-new-privileges:true"],
                         ["--read-only"], ["--memory", "512m"], ["--memory-swap", "-1"].map { $0 }, ["--cpus", "0.5"],
                         ["--pids-limit", "100"], ["--publish", "[::1]::53/udp"], ["--label=-odd"]] {
            let joined = argv.joined(separator: " ")
            let wanted = expected == ["--memory-swap", "-1"] ? "--memory-swap=-1" : expected.joined(separator: " ")
            #expect(joined.contains(wanted), "missing \(wanted) in \(joined)")
        }
    }
}

@Suite("The podman spelling of a plan")
struct PodmanArgumentsTests {
    @Test("podman gets U for owned tmpfs carve-outs, empty tmpfs as docker's, and no extra tmpfs with --read-only")
    func podmanSpellings() throws {
        let resolved = try ProfileRepository(searchPath: SearchPath(entries: [])).resolve("web")
        var notes: [String] = []
        let plan = try PlanBuilder.plan(for: resolved.profile, userOptions: try DockerRunParser.parse(["img"]), notes: &notes)
        let docker = DockerArguments.emit(plan)
        let podman = DockerArguments.emit(plan, engine: "podman")
        #expect(docker.contains("/tmp:noexec,nosuid,nodev,size=64m,mode=1777,uid=65532,gid=65532"))
        #expect(podman.contains("/tmp:noexec,nosuid,nodev,size=64m,mode=1777,U,notmpcopyup"), "an empty tmpfs, as docker gives")
        #expect(!docker.contains { $0.contains("tmpcopyup") })
        #expect(podman.contains("net.ipv4.ip_unprivileged_port_start=0"), "podman 4.3 leaves 1024: web binds :80 through the sysctl")
        #expect(!podman.contains { $0.contains("uid=") })
        #expect(podman.firstIndex(of: "--read-only-tmpfs=false") == podman.firstIndex(of: "--read-only").map { $0 + 1 })
        #expect(!docker.contains("--read-only-tmpfs=false"))
    }

    // Found by fuzzing (FuzzDockerRun): after `--` the image may start with a dash; emitted bare, it
    // was read back as an option, so `--cap-drop ALL -- --privileged alpine` came back privileged.
    // The reader now refuses such an image as docker does (not a reference); the emitter still
    // writes it after `--`, so no plan from elsewhere can turn it into an option.
    @Test("an image that starts with a dash is emitted after `--` and read back as the image, which is refused")
    func dashImage() throws {
        var plan = try DockerLineReader.read(words: ["docker", "run", "--cap-drop", "ALL", "alpine"], name: "line").plan
        plan.image = "--privileged"
        plan.command = ["alpine"]
        let emitted = DockerArguments.emit(plan)
        #expect(emitted.suffix(3) == ["--", "--privileged", "alpine"])
        let error = #expect(throws: HardenError.self) { try DockerLineReader.read(words: ["docker"] + emitted, name: "emitted") }
        #expect(error?.kind == .input)
        #expect(error?.message.contains(": the image reference \"--privileged\" is not one docker accepts: ") == true, "\(String(describing: error))")
    }

    // Found by fuzzing (FuzzDockerRun): `--mount dst=/s,src=wrnt:/x` was emitted as `-v wrnt:/x:/s`,
    // which reads back as the volume wrnt on /x with a mode /s.
    @Test("a mount whose source or target holds a colon is emitted with --mount and reads back the same", arguments: [
        "dst=/s,src=wrnt:/x", "type=bind,src=/srv/a:b,dst=/data,readonly", "type=bind,src=/srv/a,dst=/d:x,bind-propagation=rslave",
    ])
    func colonMount(spec: String) throws {
        let plan = try DockerLineReader.read(words: ["docker", "run", "--mount", spec, "img:1"], name: "line").plan
        let emitted = DockerArguments.emit(plan)
        #expect(emitted.contains("--mount") && !emitted.contains("--volume"))
        let again = try DockerLineReader.read(words: ["docker"] + emitted, name: "emitted").plan
        #expect(again.mounts == plan.mounts)
    }
}
