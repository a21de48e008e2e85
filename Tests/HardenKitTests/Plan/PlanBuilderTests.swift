import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("User options after the profile name extend or replace the profile")
struct PlanBuilderTests {
    func plan(_ profile: String, _ arguments: [String]) throws -> (LaunchPlan, [String]) {
        let resolved = try ProfileRepository(searchPath: SearchPath(entries: [])).resolve(profile)
        var notes: [String] = []
        let plan = try PlanBuilder.plan(for: resolved.profile, userOptions: try DockerRunParser.parse(arguments), notes: &notes)
        return (plan, notes)
    }

    @Test("the web profile compiles to its hardening")
    func webBase() throws {
        let (plan, _) = try plan("web", ["nginx:1.27"])
        #expect(plan.capabilities.isEmpty, "ports below 1024 come from the namespaced sysctl")
        #expect(plan.sysctls == [LaunchPlan.Sysctl(name: "net.ipv4.ip_unprivileged_port_start", value: "0")])
        #expect(plan.noNewPrivileges && plan.readOnlyRootFilesystem)
        #expect(plan.user == "65532:65532")
        #expect(plan.memory == 512 << 20 && plan.memorySwap == 512 << 20)
        #expect(plan.tmpfs.first { $0.target == "/tmp" }?.options == ["noexec", "nosuid", "nodev", "size=64m", "mode=1777", "uid=65532", "gid=65532"])
    }

    @Test("overriding options replace the profile's value")
    func overrides() throws {
        let (plan, _) = try plan("web", ["--user", "101:101", "-m", "1g", "--cpus=2", "--pids-limit", "50", "--read-only=false",
                                         "--ulimit", "nofile=2048:4096", "--restart", "no", "img"])
        #expect(plan.user == "101:101")
        #expect(plan.memory == 1 << 30)
        #expect(plan.memorySwap == 1 << 30, "swap stays pinned to the new memory")
        #expect(plan.cpus == 2 && plan.pidsLimit == 50 && !plan.readOnlyRootFilesystem)
        #expect(plan.ulimits == [.init(name: "nofile", soft: 2048, hard: 4096)])
        #expect(plan.restart == "no")
        #expect(plan.tmpfs.first { $0.target == "/tmp" }?.options.contains("uid=101") == true, "carve-outs follow the new user")
    }

    @Test("additive options extend the profile, and ports bind to loopback")
    func additive() throws {
        let (plan, _) = try plan("web", ["-p", "8080:80", "-p", "0.0.0.0:9090:90", "-p", "443", "-e", "A=1",
                                         "-v", "site:/srv:ro", "--tmpfs", "/cache:size=1m", "--name", "x", "img"])
        #expect(plan.ports == [.init(hostIP: "127.0.0.1", hostPort: "8080", containerPort: "80"),
                               .init(hostIP: "0.0.0.0", hostPort: "9090", containerPort: "90"),
                               .init(hostIP: "127.0.0.1", hostPort: "", containerPort: "443")])
        #expect(plan.environment == ["A=1"])
        #expect(plan.mounts == [.init(kind: .volume, source: "site", target: "/srv", readOnly: true)])
        #expect(plan.tmpfs.contains(.init(target: "/cache", options: ["size=1m", "uid=65532", "gid=65532"])), "a tmpfs naming no owner is the profile user's")
        #expect(plan.tmpfs.count == 6)
        #expect(plan.process.name == "x" && plan.dockerOptions.map(\.name) == ["name"])
    }

    @Test("web binds low ports through the namespaced sysctl; with the host's network, through NET_BIND_SERVICE instead")
    func lowPorts() throws {
        let bridge = try plan("web", ["img"]).0
        #expect(bridge.capabilities.isEmpty)
        #expect(bridge.sysctls.map(\.name) == ["net.ipv4.ip_unprivileged_port_start"])
        let host = try plan("web", ["--network", "host", "img"]).0
        #expect(host.capabilities.map(\.name) == ["NET_BIND_SERVICE"])
        #expect(host.sysctls.isEmpty, "engines refuse net.* sysctls in the host's network namespace")
        #expect(try plan("worker", ["--network", "host", "img"]).0.capabilities.isEmpty, "only a profile that asks for low ports")
    }

    @Test("--cap-add and --cap-drop act on the profile's set as Docker's act on its default")
    func capabilities() throws {
        #expect(try plan("web", ["--cap-add", "chown", "img"]).0.capabilities.map(\.name).sorted() == ["CHOWN"])
        #expect(try plan("web", ["--cap-drop", "NET_BIND_SERVICE", "img"]).0.capabilities.isEmpty)
        #expect(try plan("worker", ["--cap-add", "CAP_SETUID,CAP_SETGID", "img"]).0.capabilities.map(\.name).sorted() == ["SETGID", "SETUID"])
    }

    @Test("--security-opt replaces the profile's no-new-privileges and seccomp")
    func securityOptions() throws {
        let (plan, _) = try plan("web", ["--security-opt", "no-new-privileges=false", "--security-opt", "seccomp=/p.json", "--security-opt", "apparmor=x", "img"])
        #expect(!plan.noNewPrivileges)
        #expect(plan.seccomp == .file("/p.json"))
        #expect(plan.securityOptions == ["apparmor=x"])
    }

    @Test("--rm drops the profile's restart policy, which Docker refuses alongside it, without a word: the user asked for it")
    func removeOnExit() throws {
        let (plan, notes) = try plan("worker", ["--rm", "img"])
        #expect(plan.restart == nil)
        #expect(notes.isEmpty, "\(notes)")
        #expect(try self.plan("worker", ["img"]).0.restart == "on-failure:5")
    }

    @Test("arguments after the image stay the container's command, even ones that look like options")
    func commandAfterImage() throws {
        let (plan, _) = try plan("web", ["img", "--privileged", "-v", "/var/run/docker.sock:/s"])
        #expect(plan.image == "img")
        #expect(plan.command == ["--privileged", "-v", "/var/run/docker.sock:/s"])
        #expect(!plan.privileged && plan.mounts.isEmpty)
    }

    @Test("bad option values are errors naming the option and its position", arguments: [
        (["-m", "lots", "img"], #"--memory "lots" (argument 1): not a size; use e.g. 512m or 1g"#),
        (["--cap-add", "SYS_ADMN", "img"], #"--cap-add "SYS_ADMN" (argument 1): "SYS_ADMN" is not a Linux capability; did you mean SYS_ADMIN?"#),
        (["-p", "1.2.3:80:80", "img"], #"--publish "1.2.3:80:80" (argument 1): "1.2.3" is not an IP address"#),
        (["--restart", "sometimes", "img"], #"--restart "sometimes" (argument 1): not a restart policy; use no, on-failure[:N], unless-stopped or always"#),
    ])
    func badValues(arguments: [String], message: String) {
        #expect(throws: HardenError.input(message)) { try plan("web", arguments) }
    }
}
