import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Hardened commands people really write, including the traps that look like a bypass and are not.
/// Each must be accepted: warnings are allowed, errors are not.
@Suite("The legitimate corpus")
struct LegitCorpusTests {
    static let traps = [
        // After the image everything is the container's command.
        "--rm img:1 --privileged",
        "img:1 sh -c 'docker run --privileged -v /var/run/docker.sock:/s x'",
        "img:1 --network host --pid=host",
        "-- img:1 --cap-add SYS_ADMIN",
        // Names that contain a socket's or a runtime's name and are none.
        "-v /srv/docker-data:/data img:1",
        "-v /var/lib/dockerfiles:/d:ro img:1",
        "-v /etc-backup:/b:ro img:1",
        "-v docker:/var/lib/docker img:1",
        "-v docker.sock:/data img:1",
        "--name docker.sock img:1",
        "--label socket=/var/run/docker.sock img:1",
        "-w /run img:1",
        "--hostname host img:1",
        "--network-alias host img:1",
        "docker:27-cli version",
        "-e DOCKER_HOST=tcp://proxy:2375 docker:27-cli ps",
        "-e DOCKER_HOST=unix:///var/run/docker.sock img:1",
        // An anonymous volume mounted at a socket's path inside: nothing of the host's.
        "-v /var/run/docker.sock img:1",
        "--tmpfs /run img:1",
        "--tmpfs /var/run:rw,noexec,nosuid,size=8m img:1",
        "--mount type=tmpfs,dst=/run img:1",
        "--privileged=false img:1",
        "--privileged=0 img:1",
    ]

    static let hardened = [
        Audit.hardened + " ghcr.io/acme/app:1.4.2",
        "--cap-drop ALL --cap-add NET_BIND_SERVICE nginx:1.27",
        "--cap-drop=all img:1",
        "--security-opt no-new-privileges img:1",
        "--security-opt no-new-privileges=true img:1",
        "--security-opt seccomp=/etc/docker/seccomp.json img:1",
        "--security-opt seccomp=builtin img:1",
        "--security-opt apparmor=docker-default img:1",
        "--security-opt label=type:container_t img:1",
        "--read-only --tmpfs /tmp img:1",
        "-v /etc/localtime:/etc/localtime:ro img:1",
        "-v /etc/ssl/certs:/etc/ssl/certs:ro img:1",
        "-v /usr/share/zoneinfo:/usr/share/zoneinfo:ro img:1",
        "-v /lib/modules/6.1.0/kernel/fs:/m:ro img:1",
        "-p 127.0.0.1:8080:80 img:1",
        "-p 8080:80 img:1",
        "-p [::1]:8080:80 img:1",
        "--network none img:1",
        "--network my-net img:1",
        "--network=bridge img:1",
        "--ipc shareable img:1",
        "--ipc private img:1",
        "--cgroupns private img:1",
        "--sysctl net.ipv4.ip_unprivileged_port_start=80 img:1",
        "--sysctl kernel.shm_rmid_forced=1 img:1",
        "--sysctl fs.mqueue.msg_max=100 img:1",
        "--device-cgroup-rule='c 1:3 m' img:1",
        "--user 1000:1000 --memory 256m --pids-limit 100 --cpus 0.5 img:1",
        "--restart on-failure:5 img:1",
        "--restart unless-stopped img:1",
        "-e POSTGRES_PASSWORD_FILE=/run/secrets/db postgres:16",
        "-e API_TOKEN img:1",
        "-v pgdata:/var/lib/postgresql/data postgres:16",
        "--mount type=volume,src=data,dst=/data img:1",
        "--mount type=bind,src=/srv/app/config,dst=/config,readonly img:1",
        "--mount type=bind,src=/srv/app/cache,dst=/cache,bind-propagation=rslave img:1",
        "-v /srv/app:/app:ro,rslave img:1",
        "--volume-driver local -v data:/data img:1",
        "--cap-add CHOWN --cap-add SETUID --cap-add SETGID nginx:1.27",
        "--init --rm -it --entrypoint /bin/sh busybox:1.36",
    ]

    static let all = traps + hardened

    @Test("every legitimate command is accepted", arguments: all)
    func accepted(line: String) throws {
        let errors = try Audit.errors(line)
        #expect(errors.isEmpty, "\(line) was rejected by \(errors.sorted())")
    }

    @Test("the corpus holds at least 40 commands, none of them twice")
    func size() {
        #expect(Self.all.count >= 40)
        #expect(Set(Self.all).count == Self.all.count)
    }

    @Test("a command after the image stays the container's: the plan has no privilege from it")
    func commandAfterImage() throws {
        let launch = try Audit.launch("--rm img:1 --privileged --network host")
        #expect(!launch.plan.privileged && launch.plan.network == nil)
        #expect(launch.plan.command == ["--privileged", "--network", "host"])
    }
}
