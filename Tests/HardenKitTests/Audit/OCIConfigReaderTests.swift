import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Reading OCI configs")
struct OCIConfigReaderTests {
    static func read(_ patch: CrossDoorTests.OCIPatch = .init()) throws -> AuditedLaunch {
        try OCIConfigReader.read(try JSONParser.parse(CrossDoorTests.ociConfig(patch)), file: "config.json")
    }

    @Test("a hardened config reads into the plan it describes")
    func hardened() throws {
        let plan = try Self.read().plan
        #expect(plan.user == "65532:65532")
        #expect(plan.capabilities == [Capability.named("NET_BIND_SERVICE")!])
        #expect(plan.noNewPrivileges && plan.readOnlyRootFilesystem)
        #expect(plan.network == nil && plan.namespaces == LaunchPlan.Namespaces())
        #expect(plan.seccomp == .engineDefault && plan.securityOptions.isEmpty)
        #expect(plan.memory == 512 << 20 && plan.pidsLimit == 256 && plan.cpus == 1)
        #expect(plan.command == ["/app"] && plan.environment == ["PATH=/usr/bin:/bin"])
    }

    @Test("what a config leaves out, the runtime does not give: namespaces are the host's, seccomp and masking are off")
    func omissions() throws {
        let config = #"{"ociVersion": "1.0.2", "process": {"args": ["sh"]}, "root": {"path": "rootfs"}}"#
        let plan = try OCIConfigReader.read(try JSONParser.parse(config), file: "config.json").plan
        #expect(plan.network == "host")
        #expect(plan.namespaces.pid == "host" && plan.namespaces.ipc == "host" && plan.namespaces.mount == "host")
        #expect(plan.namespaces.userns == nil, "no user namespace is the ordinary case, as in docker")
        #expect(plan.seccomp == .unconfined)
        #expect(plan.securityOptions == ["systempaths=unconfined"])
        #expect(plan.capabilities.isEmpty)
    }

    @Test("a namespace joined by path is the host's when the path is PID 1's, another container's otherwise")
    func namespacePaths() throws {
        var config = CrossDoorTests.ociConfig(.init(dropNamespaces: ["network", "pid"]))
        config = config.replacingOccurrences(of: #""namespaces": ["#, with: #""namespaces": [{"type": "network", "path": "/proc/1/ns/net"}, {"type": "pid", "path": "/run/netns/other"}, "#)
        let plan = try OCIConfigReader.read(try JSONParser.parse(config), file: "config.json").plan
        #expect(plan.network == "host")
        #expect(plan.namespaces.pid == "container:/run/netns/other")
    }

    @Test("bind mounts, devices beyond the default set and device rules beyond Docker's are read; the defaults are not")
    func hostAccess() throws {
        let plan = try Self.read(.init(
            mounts: [#"{"destination": "/data", "type": "none", "source": "/srv/data", "options": ["rbind", "ro", "rslave"]}"#],
            devices: [#"{"path": "/dev/null", "type": "c", "major": 1, "minor": 3}"#, #"{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229}"#],
            deviceRules: [#"{"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"}"#, #"{"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"}"#])).plan
        #expect(plan.mounts == [LaunchPlan.Mount(kind: .bind, source: "/srv/data", target: "/data", readOnly: true, propagation: "rslave")])
        #expect(plan.devices == [LaunchPlan.Device(hostPath: "/dev/fuse")])
        #expect(plan.deviceCgroupRules == ["c 10:229 rw"])
    }

    @Test("findings point at the line and column of the key that caused them")
    func positions() throws {
        let launch = try Self.read(.init(capabilities: ["CAP_SYS_ADMIN"], dropNamespaces: ["pid"]))
        let findings = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources)
        #expect(findings.first { $0.ruleID == "dangerous-capability" }?.position.description == "config.json:5:59")
        #expect(findings.first { $0.ruleID == "host-namespace" }?.position.description == "config.json:11:19")
    }

    @Test("a wrong type in a key it reads is bad input with a position")
    func wrongType() {
        let config = #"{"ociVersion": "1.0.2", "process": {"noNewPrivileges": "yes"}, "root": {"path": "rootfs"}}"#
        #expect(throws: HardenError.input("config.json:1:56: process.noNewPrivileges: expected true or false, found string")) {
            try OCIConfigReader.read(try JSONParser.parse(config), file: "config.json")
        }
    }

    @Test("a config listing every capability an older kernel knew, with no seccomp filter, is privileged")
    func olderPrivileged() throws {
        let capabilities = Capability.all.filter { $0.number <= 37 }.map(\.ociName)
        let launch = try Self.read(.init(capabilities: capabilities, seccomp: false))
        let errors = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources).filter(\.rejects).map(\.ruleID)
        #expect(errors == ["privileged"])
    }
}
