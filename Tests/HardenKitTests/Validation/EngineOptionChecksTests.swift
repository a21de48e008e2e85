import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("GPUs, cgroup parents and the OOM killer: findings on the engine's options")
struct EngineOptionChecksTests {
    func messages(_ line: String, _ rule: String) throws -> [String] {
        try Audit.findings(line).filter { $0.ruleID == rule }.map(\.message)
    }

    func composeFindings(_ service: String, _ rule: String) throws -> [Finding] {
        let launch = try #require(try ComposeReader.read(try JSONParser.parse(#"{"services": {"web": "# + service + "}}"), file: "/srv/c.json").first)
        return Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter { $0.ruleID == rule }
    }

    @Test("--gpus is a warning naming which GPUs it hands in, at its argument", arguments: [
        ("all", "every GPU of the host"), ("2", "2 GPUs"), ("1", "1 GPU"), ("'\"device=0,1\"'", "those device=0,1 selects"),
        ("count=all,capabilities=compute", "every GPU of the host"),
    ])
    func gpus(value: String, named: String) throws {
        let findings = try Audit.findings("--gpus \(value) img:1").filter { $0.ruleID == "gpu-access" }
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning && !finding.rejects)
        #expect(finding.message.contains("gives the container host GPU devices (\(named)): their device nodes and the driver's libraries"), "\(finding.message)")
        #expect(finding.position.argument == 1)
    }

    @Test("compose gpus and GPU device reservations are the same warning, at their key", arguments: [
        (#""gpus": "all""#, "every GPU of the host"),
        (#""gpus": [{"driver": "nvidia", "count": 2, "capabilities": ["gpu"]}]"#, "2 GPUs"),
        (#""gpus": [{"device_ids": ["0", "1"]}]"#, "those device=0,1 selects"),
        (#""deploy": {"resources": {"reservations": {"devices": [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]}}}"#, "every GPU of the host"),
        (#""deploy": {"resources": {"reservations": {"devices": [{"capabilities": ["gpu", "utility"]}]}}}"#, "every GPU of the host"),
    ])
    func composeGPUs(service: String, named: String) throws {
        let findings = try composeFindings(#"{"image": "img:1", "# + service + "}", "gpu-access")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("host GPU devices (\(named))") == true, "\(findings.map(\.message))")
        #expect(findings.first?.position.line != nil)
        #expect(try composeFindings(#"{"image": "img:1", "# + service + "}", "not-understood").isEmpty)
    }

    @Test("what harden cannot put in --gpus words stays refused as not understood", arguments: [
        (#""gpus": "some""#, "gpus \"some\" is not all"),
        (#""gpus": [{"count": 1, "options": {"virtualization": "true"}}]"#, "options"),
        (#""deploy": {"resources": {"reservations": {"devices": [{"capabilities": ["tpu"]}]}}}"#, "without the gpu capability"),
        (#""gpus": [{"count": "many"}]"#, "a GPU count is a number or all"),
    ])
    func composeGPUsFailClosed(service: String, fragment: String) throws {
        let findings = try composeFindings(#"{"image": "img:1", "# + service + "}", "not-understood")
        #expect(findings.count == 1 && findings.first?.message.contains(fragment) == true, "\(findings.map(\.message))")
    }

    @Test("a cgroup parent outside the engine's tree is a finding; one below it is not", arguments: [
        ("/", true), ("system.slice", true), ("/user.slice", true), ("/docker/../", true), ("mygroup", true),
        ("/docker", false), ("/docker/app", false), ("docker.slice", false), ("docker-app.slice", false),
    ])
    func cgroupParent(value: String, outside: Bool) throws {
        let expected = outside ? ["--cgroup-parent \(value) places the container's cgroup outside the engine's own tree (/docker, docker.slice), among the host's own groups: their limits, not the engine's, bound it"] : []
        #expect(try messages("--cgroup-parent \(value) img:1", "cgroup-parent-outside-engine") == expected)
    }

    @Test("compose cgroup_parent is judged the same, at its key")
    func composeCgroupParent() throws {
        let findings = try composeFindings(#"{"image": "img:1", "cgroup_parent": "/"}"#, "cgroup-parent-outside-engine")
        #expect(findings.map(\.message) == ["--cgroup-parent / places the container's cgroup outside the engine's own tree (/docker, docker.slice), among the host's own groups: their limits, not the engine's, bound it"])
        #expect(findings.first?.position.file == "/srv/c.json" && findings.first?.position.line != nil)
        #expect(try composeFindings(#"{"image": "img:1", "cgroup_parent": "docker.slice"}"#, "cgroup-parent-outside-engine").isEmpty)
    }

    @Test("--oom-kill-disable without a memory limit is a finding; with one it is not")
    func oomKillDisable() throws {
        #expect(try messages("--oom-kill-disable img:1", "oom-killer-disabled") == [
            "--oom-kill-disable without a memory limit: the kernel's OOM killer cannot stop the container, which can take the host's memory until the host stalls",
        ])
        #expect(try messages("--oom-kill-disable -m 512m img:1", "oom-killer-disabled") == [])
        #expect(try messages("--oom-kill-disable=false img:1", "oom-killer-disabled") == [])
    }

    @Test("compose oom_kill_disable is judged the same, and false is nothing")
    func composeOOM() throws {
        #expect(try composeFindings(#"{"image": "img:1", "oom_kill_disable": true}"#, "oom-killer-disabled").count == 1)
        #expect(try composeFindings(#"{"image": "img:1", "oom_kill_disable": true, "mem_limit": "512m"}"#, "oom-killer-disabled").isEmpty)
        #expect(try composeFindings(#"{"image": "img:1", "oom_kill_disable": false}"#, "oom-killer-disabled").isEmpty)
    }

    @Test("an OCI config's disableOOMKiller is judged the same, at its key")
    func ociOOM() throws {
        func findings(_ memory: String) throws -> [Finding] {
            let config = #"{"ociVersion": "1.0.2", "process": {"args": ["sh"]}, "root": {"path": "rootfs"}, "linux": {"resources": {"memory": "# + memory + "}}}"
            let launch = try OCIConfigReader.read(try JSONParser.parse(config), file: "config.json")
            return Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter { $0.ruleID == "oom-killer-disabled" }
        }
        let found = try findings(#"{"disableOOMKiller": true}"#)
        #expect(found.count == 1 && found.first?.position.file == "config.json" && found.first?.position.line == 1)
        #expect(try findings(#"{"disableOOMKiller": true, "limit": 536870912}"#).isEmpty)
        #expect(try findings(#"{"disableOOMKiller": false}"#).isEmpty)
    }
}
