import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Attempts to get past the validator with Docker's own option grammar: every spelling of the
/// dangerous settings, path tricks, quoting, bundling, aliases, and look-alike values. Each must be
/// rejected, by the rule named.
@Suite("The bypass corpus")
struct BypassCorpusTests {
    struct Attempt: Sendable, CustomStringConvertible {
        var line: String
        var rule: String
        var host: HostFacts = Audit.host
        var description: String { line }
    }

    static let allowAll = #"{"defaultAction": "SCMP_ACT_ALLOW"}"#

    static let privileged: [Attempt] = [
        "--privileged img:1", "--privileged=true img:1", "--privileged=1 img:1", "--privileged=t img:1",
        "--privileged=True img:1", "--privileged=TRUE img:1", "--privileged=T img:1",
        "--privileged=false --privileged img:1", "-d --privileged -it img:1",
        "--cap-add ALL --security-opt seccomp=unconfined img:1", "--cap-add=all --device-cgroup-rule='a *:* rwm' img:1",
        "--cap-add ALL --device /dev:/dev img:1",
    ].map { Attempt(line: $0, rule: "privileged") }

    static let sockets: [Attempt] = [
        "-v /var/run/docker.sock:/var/run/docker.sock img:1", "-v /run/docker.sock:/d.sock:ro img:1",
        "--volume=/var/run/docker.sock:/x img:1", "-v/var/run/docker.sock:/x img:1", "-v=/var/run/docker.sock:/x img:1",
        "-itv /var/run/docker.sock:/x img:1", "-itv/var/run/docker.sock:/x img:1",
        "-v /run//docker.sock:/x img:1", "-v /run/./docker.sock:/x img:1", "-v /var/run/../run/docker.sock:/x img:1",
        "-v /tmp/../var/run/docker.sock:/x img:1", "-v /run/docker.sock/:/x img:1", "-v //var//run//docker.sock:/x img:1",
        "-v /var/run:/host-run img:1", "-v /run:/r:ro img:1", "-v /var/run/:/r img:1", "-v /run/containerd:/c img:1",
        "-v /:/host:ro img:1", "-v /var:/v:ro img:1",
        "-v /run/containerd/containerd.sock:/c img:1", "-v /var/run/crio/crio.sock:/c img:1",
        "-v /run/podman/podman.sock:/p img:1", "-v /run/user/1000/podman/podman.sock:/p img:1",
        "-v /var/run/dockershim.sock:/s img:1", "-v /run/buildkit/buildkitd.sock:/b img:1",
        "-v /var/run/cri-dockerd.sock:/s img:1", "-v /run/k3s/containerd/containerd.sock:/s img:1",
        "-v /srv/elsewhere/docker.sock:/s img:1", "-v /var/run/docker.sock:/var/run/docker.sock:ro,z img:1",
        "--mount type=bind,src=/var/run/docker.sock,dst=/s img:1",
        "--mount type=bind,source=/var/run/docker.sock,target=/s,readonly img:1",
        #"--mount 'type=bind,"src=/var/run/docker.sock",dst=/s' img:1"#,
        #"--mount 'type=bind,"source=/var/run/docker.sock",destination=/s,"readonly=true"' img:1"#,
        "--mount type=BIND,SRC=/var/run/docker.sock,DST=/s img:1",
        "--mount type=bind,src=/run,dst=/r,consistency=cached img:1",
        "--mount dst=/s,src=/var/run/docker.sock,type=bind img:1",
        "--mount type=volume,src=/var/run/docker.sock,dst=/s img:1",
        "--mount type=volume,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/run img:1",
        "--mount type=volume,src=sock,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/var/run/docker.sock img:1",
        #"--mount 'type=volume,dst=/d,"volume-opt=device=/var/run",volume-opt=o=bind' img:1"#,
        "--use-api-socket img:1", "--use-api-socket=true img:1", "--use-api-socket=1 img:1",
    ].map { Attempt(line: $0, rule: "runtime-socket") } + [
        Attempt(line: "-v ./docker.sock:/s img:1", rule: "runtime-socket", host: Audit.host(cwd: "/var/run")),
        Attempt(line: "-v .:/host-run img:1", rule: "runtime-socket", host: Audit.host(cwd: "/run")),
        Attempt(line: "--mount type=bind,src=./,dst=/r img:1", rule: "runtime-socket", host: Audit.host(cwd: "/run")),
        Attempt(line: "-v /srv/innocent:/x img:1", rule: "runtime-socket", host: Audit.host(links: ["/srv/innocent": "/run/docker.sock"])),
        Attempt(line: "-v /srv/link:/x img:1", rule: "runtime-socket", host: Audit.host(links: ["/srv/link": "/var/run"])),
        Attempt(line: "-v /opt/rt:/x:ro img:1", rule: "runtime-socket", host: Audit.host(links: ["/opt/rt": "/run/containerd"])),
    ]

    static let namespaces: [Attempt] = [
        "--network host img:1", "--net=host img:1", "--net host img:1", "--network=HOST img:1",
        "--network bridge --network host img:1", "--network host --network bridge img:1",
        "--pid host img:1", "--pid=host img:1", "--ipc host img:1", "--uts=host img:1", "--userns host img:1",
        "--cgroupns=host img:1",
    ].map { Attempt(line: $0, rule: "host-namespace") }

    static let capabilities: [Attempt] = [
        "--cap-add SYS_ADMIN img:1", "--cap-add sys_admin img:1", "--cap-add CAP_SYS_ADMIN img:1", "--cap-add cap_sys_module img:1",
        "--cap-add=chown,sys_ptrace img:1", "--cap-add all --cap-drop ALL img:1", "--cap-drop ALL --cap-add NET_ADMIN img:1",
        "--cap-add DAC_READ_SEARCH img:1", "--cap-add bpf img:1", "--cap-add Perfmon img:1", "--cap-add SYSLOG img:1",
        "--cap-add SYS_RAWIO img:1", "--cap-add sys_boot img:1", "--cap-add CAP_SYS_TIME img:1", "--cap-add MAC_ADMIN img:1",
        "--cap-add mac_override img:1", "--cap-add ALL img:1", "--cap-add CAP_ALL img:1", "--cap-add ' SYS_ADMIN' img:1",
    ].map { Attempt(line: $0, rule: "dangerous-capability") }

    static let confinement: [Attempt] = [
        "--security-opt seccomp=unconfined img:1", "--security-opt seccomp:unconfined img:1",
        "--security-opt=apparmor=unconfined img:1", "--security-opt apparmor:unconfined img:1",
        "--security-opt label=disable img:1", "--security-opt label:disable img:1", "--security-opt label=type:spc_t img:1",
        "--security-opt label:type:unconfined_t img:1", "--security-opt systempaths=unconfined img:1",
    ].map { Attempt(line: $0, rule: "confinement-disabled") } + [
        Attempt(line: "--security-opt seccomp=/etc/open.json img:1", rule: "confinement-disabled", host: Audit.host(files: ["/etc/open.json": allowAll])),
        Attempt(line: "--security-opt seccomp=./open.json img:1", rule: "confinement-disabled", host: Audit.host(cwd: "/srv", files: ["/srv/./open.json": allowAll])),
    ]

    static let hostAccess: [Attempt] = [
        Attempt(line: "--device /dev/sda img:1", rule: "host-device"),
        Attempt(line: "--device=/dev/mem:/dev/mem:rwm img:1", rule: "host-device"),
        Attempt(line: "--device /dev/kmsg:r img:1", rule: "host-device"),
        Attempt(line: "--device-cgroup-rule='a *:* rwm' img:1", rule: "host-device"),
        Attempt(line: "--device-cgroup-rule 'b 8:* rw' img:1", rule: "host-device"),
        Attempt(line: "-v /etc:/host-etc:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /etc/shadow:/s:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /proc:/host/proc img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /sys:/sys:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /dev:/dev img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /boot:/boot:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /lib/modules:/lib/modules img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /usr:/usr:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /usr/bin:/hostbin img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /root:/root img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /root/.ssh:/ssh:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /var/lib/docker:/d:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /var/lib/containerd:/c img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /var/lib/kubelet/pods:/k:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /var/lib:/v:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /var/../etc/:/e:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /etc/kubernetes/pki:/pki:ro img:1", rule: "sensitive-host-path"),
        Attempt(line: "--mount type=bind,src=/proc/sys,dst=/ps img:1", rule: "sensitive-host-path"),
        Attempt(line: "-v /srv/cfg:/cfg:ro img:1", rule: "sensitive-host-path", host: Audit.host(links: ["/srv/cfg": "/etc"])),
        Attempt(line: "-v /srv/data:/data:rshared img:1", rule: "shared-propagation"),
        Attempt(line: "--mount type=bind,src=/srv/data,dst=/d,bind-propagation=shared img:1", rule: "shared-propagation"),
        Attempt(line: "--mount type=bind,src=/srv/data,dst=/d,bind-propagation=RSHARED img:1", rule: "shared-propagation"),
        Attempt(line: "--sysctl kernel.core_pattern='|/tmp/x' img:1", rule: "host-sysctl"),
        Attempt(line: "--sysctl kernel/core_pattern=x img:1", rule: "host-sysctl"),
        Attempt(line: "--sysctl vm.overcommit_memory=1 img:1", rule: "host-sysctl"),
        Attempt(line: "--sysctl fs.suid_dumpable=2 img:1", rule: "host-sysctl"),
        Attempt(line: "--sysctl kernel.modprobe=/tmp/x img:1", rule: "host-sysctl"),
        Attempt(line: "--network host --sysctl net.ipv4.ip_forward=1 img:1", rule: "host-sysctl"),
    ]

    static let all = privileged + sockets + namespaces + capabilities + confinement + hostAccess

    @Test("every attempt is rejected by the rule it targets", arguments: all)
    func rejected(attempt: Attempt) throws {
        let errors = try Audit.errors(attempt.line, host: attempt.host)
        #expect(errors.contains(attempt.rule), "\(attempt.line) gave \(errors.sorted())")
    }

    @Test("the corpus holds at least 80 attempts, none of them twice")
    func size() {
        #expect(Self.all.count >= 80)
        #expect(Set(Self.all.map { "\($0.line) \($0.host.currentDirectory)" }).count == Self.all.count)
    }

    @Test("a hard rejection holds whatever the policy says")
    func hardAgainstPolicy() throws {
        let policy = try Audit.policy(#"{"severities": {"host-namespace": "off", "dangerous-capability": "warning"}}"#)
        #expect(try Audit.errors("--privileged --network host --cap-add SYS_ADMIN img:1", policy: policy) == ["privileged"])
    }
}
