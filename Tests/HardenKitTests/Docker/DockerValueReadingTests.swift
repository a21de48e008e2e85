import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Option values read as the engine reads them (issue 16): each case was established against the
/// docker CLI 28.2.2 here, with a fake engine socket recording the create request, or from the
/// source named.
@Suite("Docker and podman option values, read as the engine reads them")
struct DockerValueReadingTests {
    static func bad(_ message: String) -> HardenError { .input(message) }

    @Test("-p reads the last two colons as docker's nat.ParsePortSpec does; brackets come off the address", arguments: [
        ("::1:8080:80", "::1", "8080", "80"), ("[::1]:8080:80", "::1", "8080", "80"), ("[::1]::80", "::1", "", "80"),
        ("fe80::1:8080:80/udp", "fe80::1", "8080", "80"), ("127.0.0.1:8080:80", "127.0.0.1", "8080", "80"), ("8080:80", "", "8080", "80"),
        ("[127.0.0.1]:81:80", "127.0.0.1", "81", "80"),
    ])
    func ports(value: String, ip: String, host: String, container: String) throws {
        let port = try #require(try DockerValues.ports(value, bad: Self.bad).first)
        #expect(port.hostIP == ip && port.hostPort == host && port.containerPort == container)
    }

    @Test("a malformed address is bad input", arguments: ["[::1:8080:80", "::1:80", "[]:80:80", "1.2.3:80:80"])
    func badPorts(value: String) {
        #expect(throws: HardenError.self) { try DockerValues.ports(value, bad: Self.bad) }
    }

    @Test("--network in docker's long syntax is the network named by name=, lower-cased and trimmed", arguments: [
        ("host", "host"), ("name=host", "host"), ("NAME=HOST", "host"), ("name=host ", "host"), ("alias=a,name=host", "host"),
        ("name = host", "name = host"), ("container:db", "container:db"), ("\"name=host\",alias=a", "host"), ("backend", "backend"),
    ])
    func network(value: String, target: String) throws {
        #expect(try DockerValues.networkTarget(value, bad: Self.bad) == target)
    }

    @Test("a long syntax docker refuses is bad input", arguments: ["name=host,foo=bar", "alias=a", "name=host,x", "=a,name=b"])
    func badNetwork(value: String) {
        #expect(throws: HardenError.self) { try DockerValues.networkTarget(value, bad: Self.bad) }
    }

    @Test("a network given in the long syntax is judged as the mode it names", arguments: [
        ("--network name=host", "host-namespace"), ("--net NAME=HOST", "host-namespace"), ("--network name=container:db", "joins-another-container"),
    ])
    func networkVerdict(options: String, rule: String) throws {
        #expect(try Audit.ruleIDs("\(options) img:1").contains(rule))
    }

    @Test("AppArmor and SELinux values are judged with the blanks the kernel strips", arguments: [
        "apparmor=unconfined ", "apparmor= unconfined", "apparmor=\tunconfined\n", "apparmor:unconfined", "label=disable ",
    ])
    func blanks(option: String) throws {
        let launch = try DockerLineReader.read(words: ["--security-opt", option, "img:1"], name: "t")
        let findings = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources)
        #expect(findings.contains { $0.ruleID == "confinement-disabled" && $0.rejects })
    }

    @Test("a security option harden does not model is not understood; those it does are read", arguments: [
        ("Apparmor=unconfined", true), ("proc-opts=hidepid=0", true), ("label=nonsense", true), ("foo", true), ("systempaths=x", true),
        ("apparmor=docker-default", false), ("label=type:container_t", false), ("label:level:s0:c1,c2", false), ("no-new-privileges", false),
        ("seccomp=unconfined", false), ("systempaths=unconfined", false), ("unmask=ALL", false), ("mask=/proc/acpi", false),
    ])
    func securityOptions(option: String, refused: Bool) {
        #expect((DockerValues.securityOptionProblem(option) != nil) == refused)
    }

    @Test("podman's unmask lifts /proc and /sys masking", arguments: ["unmask=ALL", "unmask=/proc/*", "unmask=/proc/kcore:/sys/firmware"])
    func unmask(option: String) throws {
        #expect(try Audit.errors("--security-opt \(option) img:1").contains("confinement-disabled"))
    }

    @Test("a namespace path under /proc is the host's; another path joins another namespace; unknown modes are not understood", arguments: [
        ("--network ns:/proc/1/ns/net", "host-namespace"), ("--pid ns:/proc/self/ns/pid", "host-namespace"),
        ("--ipc ns:/proc/1/ns/ipc", "host-namespace"), ("--uts ns:/proc/1/ns/uts", "host-namespace"),
        ("--userns ns:/proc/1/ns/user", "host-namespace"), ("--cgroupns ns:/proc/1/ns/cgroup", "host-namespace"),
        ("--pid ns:/run/../proc/1/ns/pid", "host-namespace"), ("--pid ns:proc/1/ns/pid", "host-namespace"),
        ("--network ns:/run/netns/blue", "joins-another-container"), ("--pid ns:/run/pidns", "joins-another-container"),
        ("--pid sideways", "not-understood"), ("--userns keep-id:uid=1000", ""), ("--cgroupns private", ""), ("--ipc shareable", ""),
    ])
    func namespaces(options: String, rule: String) throws {
        if rule.isEmpty {
            #expect(try Audit.errors("\(options) img:1").isEmpty)
        } else {
            #expect(try Audit.ruleIDs("\(options) img:1").contains(rule))
        }
    }

    @Test("a glob mount is judged as a bind of the directory its pattern starts in", arguments: [
        ("type=glob,src=/run/*,dst=/x", "/run"), ("type=glob,src=/var/run/docker.so?,dst=/x", "/var/run"),
        ("type=glob,src=/srv/*/data,dst=/x", "/srv"), ("type=glob,src=/*,dst=/x", "/"), ("type=glob,src=/srv/a,dst=/x", "/srv/a"),
    ])
    func glob(value: String, source: String) throws {
        guard case .mount(let mount) = try DockerValues.mount(value, bad: Self.bad) else { Issue.record("not a mount"); return }
        #expect(mount.kind == .bind && mount.source == source)
    }

    @Test("mount keys and types docker does not have are not understood", arguments: [
        "type=bind,src=/a,dst=/b,relabel=shared", "type=bind,src=/a,dst=/b,U=true", "type=devpts,dst=/dev/pts", "type=cluster,src=v,dst=/x",
        "type=glob,src=run/*,dst=/x",
    ])
    func unknownMount(value: String) throws {
        guard case .notUnderstood = try DockerValues.mount(value, bad: Self.bad) else { Issue.record("read"); return }
    }

    @Test("a bind source that starts with '.' is made absolute by docker/cli, as for -v", arguments: [
        "-v ..:/x:ro", "-v .name:/x", "--mount type=bind,src=..,dst=/x", "--mount type=bind,src=../x,dst=/x",
        "--mount type=bind,src=.name,dst=/x", "--mount src=..,dst=/x",
    ])
    func relativeSources(options: String) throws {
        // From a directory two below a home-less root: `..` from /home/user/app would be a whole home, an error of its own.
        #expect(try Audit.errors("\(options) img:1", host: Audit.host(cwd: "/srv/stack/app")).isEmpty)
    }

    @Test("a relative bind source reaching a socket directory is still the socket", arguments: [
        "--mount type=bind,src=../../../run,dst=/x", "-v ../../../var/run:/x",
    ])
    func relativeSocket(options: String) throws {
        #expect(try Audit.errors("\(options) img:1").contains("runtime-socket"))
    }

    @Test("a local volume's relative device is read from dockerd's working directory, /", arguments: [
        ("device=run/docker.sock", "/run/docker.sock"), ("device=./etc", "/./etc"), ("device=/srv", "/srv"),
        ("type=nfs,volume-opt=device=:/export", nil),
    ] as [(String, String?)])
    func volumeDevice(options: String, device: String?) throws {
        #expect(try MountSpec.parse("type=volume,dst=/d,volume-opt=o=bind,volume-opt=\(options)").volumeDevice == device)
    }
}
