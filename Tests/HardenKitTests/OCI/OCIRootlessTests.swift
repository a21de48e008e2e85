import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The rootless transform")
struct OCIRootlessTests {
    static func rootless(_ profile: String = "web", _ docker: [String] = [], subordinate: Bool, cgroup: OCIHost.CgroupVersion = .v1) throws -> OCIConfig.Output {
        let spec = try OCIFixtures.convert(try OCIFixtures.plan(profile, docker), profile: profile).spec
        var host = OCIFixtures.host(subordinate: subordinate)
        host.cgroup = cgroup
        return OCIRootless.apply(spec, user: host.user, cgroup: host.cgroup)
    }

    @Test("with a subordinate range the profile's user is kept: the user is container root, the range is 1 onwards")
    func subordinateRange() throws {
        let output = try Self.rootless(subordinate: true)
        #expect(output.spec.process.user == .init(uid: 65532, gid: 65532))
        #expect(output.spec.linux.uidMappings == [.init(containerID: 0, hostID: 1000, size: 1), .init(containerID: 1, hostID: 100_000, size: 65536)])
        #expect(output.spec.linux.gidMappings == [.init(containerID: 0, hostID: 1000, size: 1), .init(containerID: 1, hostID: 100_000, size: 65536)])
        #expect(output.spec.mounts.first { $0.destination == "/tmp" }?.options.contains("uid=65532") == true)
        #expect(!output.notes.contains { $0.hasPrefix("user ") })
    }

    @Test("without one only the user's own id is mapped, as root; unmapped owners leave the mounts and the note says why")
    func ownIDOnly() throws {
        let output = try Self.rootless(subordinate: false)
        #expect(output.spec.process.user == .init(uid: 0, gid: 0))
        #expect(output.spec.linux.uidMappings == [.init(containerID: 0, hostID: 1000, size: 1)])
        #expect(output.spec.mounts.allSatisfy { !$0.options.contains { $0.hasPrefix("uid=") || $0.hasPrefix("gid=") } })
        #expect(output.notes.contains { $0.hasPrefix("user 65532:65532 runs as 0:0 inside, which is you (1000:1000) on the host") })
        #expect(output.spec.process.capabilities.bounding == [], "still only the profile's capabilities: none")
    }

    @Test("a range too small for the user's id is no range at all")
    func rangeTooSmall() throws {
        let spec = try OCIFixtures.convert(try OCIFixtures.plan("web"), profile: "web").spec
        var user = OCIFixtures.host.user
        user.subordinateUIDs = [.init(start: 100_000, count: 1000)]
        user.subordinateGIDs = [.init(start: 100_000, count: 65536)]
        #expect(OCIRootless.apply(spec, user: user, cgroup: .v1).spec.process.user.uid == 0)
    }

    @Test("cgroup settings go, and the note names each limit and the reason for this cgroup version", arguments: [
        (OCIHost.CgroupVersion.v1, "cgroup v1 gives a user no cgroup of their own"), (.v2, "it needs a cgroup delegated to you"),
    ])
    func limitsLeftOut(cgroup: OCIHost.CgroupVersion, reason: String) throws {
        let output = try Self.rootless("worker", subordinate: true, cgroup: cgroup)
        #expect(output.spec.linux.resources == nil)
        let note = output.notes.first { $0.hasPrefix("--rootless: ") }
        #expect(note?.hasPrefix("--rootless: memory 1g, memory+swap 1g, cpus 1, pids 128 are not applied") == true)
        #expect(note?.contains(reason) == true)
        #expect(output.spec.process.rlimits.map(\.type) == ["RLIMIT_NOFILE"], "rlimits are the process's own and still apply")
    }

    @Test("one user namespace, the network namespace kept, no cgroup mount, no OOM adjustment it may not make")
    func namespacesAndMounts() throws {
        let output = try Self.rootless(subordinate: true)
        #expect(output.spec.linux.namespaces.map(\.type) == ["pid", "network", "ipc", "uts", "mount", "cgroup", "user"])
        #expect(!output.spec.mounts.contains { $0.type == "cgroup" })
        #expect(output.spec.mounts.contains { $0.destination == "/sys" && $0.type == "sysfs" })
        #expect(output.spec.process.oomScoreAdj == nil)
        let lowered = try Self.rootless("web", ["--oom-score-adj", "-100"], subordinate: true)
        #expect(lowered.notes.contains { $0.hasPrefix("--oom-score-adj -100 is left out") })
        #expect(try Self.rootless("web", ["--oom-score-adj", "300"], subordinate: true).spec.process.oomScoreAdj == 300, "raising is allowed")
    }

    @Test("a profile's own mappings are replaced, and the note says so")
    func profileMappingsReplaced() throws {
        var spec = try OCIFixtures.convert(try OCIFixtures.plan("web"), profile: "web").spec
        spec.linux.uidMappings = [.init(containerID: 0, hostID: 300_000, size: 65536)]
        spec.linux.namespaces.append(.init(type: "user"))
        let output = OCIRootless.apply(spec, user: OCIFixtures.host(subordinate: true).user, cgroup: .v1)
        #expect(output.spec.linux.uidMappings.first == .init(containerID: 0, hostID: 1000, size: 1))
        #expect(output.spec.linux.namespaces.filter { $0.type == "user" }.count == 1)
        #expect(output.notes.contains { $0.hasPrefix("the profile's user namespace mappings are replaced") })
    }
}
