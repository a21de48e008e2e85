import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Profile decoding is strict")
struct ProfileDecoderTests {
    func decode(_ json: String, file: String = "web.json") throws -> Profile {
        try ProfileDecoder.decode(json, file: file)
    }

    func error(_ json: String, file: String = "web.json") -> String? {
        do { _ = try ProfileDecoder.decode(json, file: file); return nil } catch { return error.message }
    }

    @Test("every field decodes into its place")
    func everyField() throws {
        let profile = try decode("""
        {
          "name": "web", "extends": "base", "description": "d", "requires": "0.1",
          "user": "1000:1000",
          "capabilities": { "drop": ["all"], "add": ["cap_net_bind_service"] },
          "noNewPrivileges": true, "readOnlyRootFilesystem": true,
          "tmpfs": { "/tmp": { "size": "64m", "mode": "1777", "uid": 1, "gid": 2, "options": ["noexec"] } },
          "volumes": { "/data": { "type": "volume", "source": "pgdata", "readOnly": true },
                       "/cfg": { "type": "bind", "source": "/srv/cfg" }, "/anon": {} },
          "resources": { "memory": "512m", "memorySwap": "1g", "cpus": 1.5, "pids": 100,
                         "nofile": 1024, "nproc": { "soft": 10, "hard": 20 }, "shmSize": "64m" },
          "userNamespace": { "uidMappings": [{ "containerID": 0, "hostID": 100000, "size": 65536 }],
                             "gidMappings": [{ "containerID": 0, "hostID": 100000, "size": 65536 }] },
          "seccomp": { "allow": ["@system-service"], "deny": ["@mount"], "defaultAction": "kill" },
          "network": { "publishAddress": "::1", "mode": "none" },
          "restart": { "policy": "on-failure", "maxRetries": 3 },
          "healthcheck": { "command": "true", "interval": "30s", "timeout": "5s", "startPeriod": "1m", "retries": 3 },
          "environment": { "A": "1" }
        }
        """)
        #expect(profile.name == "web")
        #expect(profile.extends == "base")
        #expect(profile.requires == "0.1")
        #expect(profile.user == "1000:1000")
        #expect(profile.capabilities == .init(drop: ["ALL"], add: ["NET_BIND_SERVICE"]))
        #expect(profile.noNewPrivileges == true && profile.readOnlyRootFilesystem == true)
        #expect(profile.tmpfs.first?.size == 64 << 20 && profile.tmpfs.first?.mode == "1777")
        #expect(profile.tmpfs.first?.uid == 1 && profile.tmpfs.first?.gid == 2 && profile.tmpfs.first?.options == ["noexec"])
        #expect(profile.volumes.map(\.target) == ["/data", "/cfg", "/anon"])
        #expect(profile.volumes[0].readOnly && profile.volumes[0].source == "pgdata")
        #expect(profile.volumes[1].kind == .bind && profile.volumes[2].source == nil)
        #expect(profile.resources.memory == 512 << 20 && profile.resources.memorySwap == 1 << 30)
        #expect(profile.resources.cpus == 1.5 && profile.resources.pids == 100 && profile.resources.shmSize == 64 << 20)
        #expect(profile.resources.nofile == .init(soft: 1024, hard: 1024))
        #expect(profile.resources.nproc == .init(soft: 10, hard: 20))
        #expect(profile.userNamespace?.uidMappings == [.init(containerID: 0, hostID: 100000, size: 65536)])
        #expect(profile.seccomp?.deny == ["@mount"] && profile.seccomp?.defaultAction == "kill")
        #expect(profile.network.publishAddress == "::1" && profile.network.mode == "none")
        #expect(profile.restart?.dockerValue == "on-failure:3")
        #expect(profile.healthcheck?.command == "true" && profile.healthcheck?.retries == 3)
        #expect(profile.environment == [.init(name: "A", value: "1")])
    }

    @Test("a missing name falls back to the file name")
    func nameFromFile() throws {
        #expect(try decode("{}", file: "/x/worker.json").name == "worker")
    }

    @Test("malformed input is an error naming file, line, column and key path", arguments: [
        (#"{"name": "web", "capabilites": {}}"#, #"web.json:1:17: capabilites: unknown key; did you mean "capabilities"?"#),
        (#"{"resources": {"memory": "512 MB"}}"#, #"web.json:1:26: resources.memory: "512 MB" is not a size; use a number with a unit b, k, m or g, e.g. 512m"#),
        (#"{"noNewPrivileges": "yes"}"#, "web.json:1:21: noNewPrivileges: expected true or false, found string"),
        (#"{"capabilities": {"add": ["SYS_ADMN"]}}"#, #"web.json:1:27: capabilities.add.0: "SYS_ADMN" is not a Linux capability; did you mean SYS_ADMIN?"#),
        (#"{"tmpfs": {"/tmp": {"size": "lots"}}}"#, #"web.json:1:29: tmpfs["/tmp"].size: "lots" is not a size; use a number with a unit b, k, m or g, e.g. 512m"#),
        (#"{"tmpfs": {"tmp": {}}}"#, #"web.json:1:12: tmpfs.tmp: "tmp" is not a target path; use an absolute path inside the container, e.g. /tmp"#),
        (#"{"resources": {"pids": 1.5}}"#, "web.json:1:24: resources.pids: expected a whole number, found 1.5"),
        (#"{"resources": {"cpus": "two"}}"#, #"web.json:1:24: resources.cpus: "two" is not a CPU count; use a number from 0.01 to 4096 with at most nine decimals, such as 1 or 0.5"#),
        // Found by fuzzing: finer than docker's nano-CPUs, it was written back out as `--cpus 0.`, no limit.
        (#"{"resources": {"cpus": 1e-12}}"#, #"web.json:1:24: resources.cpus: 1e-12 is not a CPU count; use a number from 0.01 to 4096 with at most nine decimals, such as 1 or 0.5"#),
        (#"{"user": "root user"}"#, #"web.json:1:10: user: "root user" is not a user; use uid:gid (e.g. 65532:65532), uid, or a user name"#),
        (#"{"network": {"publishAddress": "localhost"}}"#, #"web.json:1:32: network.publishAddress: "localhost" is not an IP address; use e.g. 127.0.0.1 or ::1"#),
        (#"{"restart": {"policy": "sometimes"}}"#, #"web.json:1:24: restart.policy: "sometimes" is not a restart policy; use no, on-failure, unless-stopped or always"#),
        (#"{"healthcheck": {"interval": "often"}}"#, #"web.json:1:30: healthcheck.interval: "often" is not a duration; use e.g. 30s, 1m30s or 500ms"#),
        (#"{"volumes": {"/d": {"type": "bind"}}}"#, #"web.json:1:20: volumes["/d"]: a bind needs a "source" host path"#),
        (#"{"resources": {"memory": "1g", "memorySwap": "512m"}}"#, "web.json:1:46: resources.memorySwap: memorySwap (memory plus swap) must be at least memory (1g)"),
        (#"{"name": "web",}"#, "web.json:1:16: "),
        ("[]", "web.json:1:1: (top level): expected an object, found array"),
        (#"{"seccomp": {"allow": ["@file-sytem"]}}"#, #"web.json:1:24: seccomp.allow.0: "@file-sytem" is not a syscall group; did you mean "@file-system"?"#),
        (#"{"seccomp": {"deny": ["read", "mout"]}}"#, #"web.json:1:31: seccomp.deny.1: "mout" is not a syscall on x86_64 or aarch64 (or their 32-bit ABIs); did you mean "mount"?"#),
        (#"{"seccomp": {"socketFamilies": ["inet", "ipv6"]}}"#, #"web.json:1:41: seccomp.socketFamilies.1: "ipv6" is not a socket address family; did you mean "inet6"?"#),
        (#"{"seccomp": {"socketFamilies": ["AF_UNIX"]}}"#, #"web.json:1:33: seccomp.socketFamilies.0: "AF_UNIX" is not a socket address family; did you mean "unix"?"#),
        (#"{"seccomp": {"defaultAction": "allow"}}"#, #"web.json:1:31: seccomp.defaultAction: "allow" is not a seccomp default action; use errno (EPERM), log, kill or trap"#),
        (#"{"seccomp": {"allowed": []}}"#, #"web.json:1:14: seccomp.allowed: unknown key; did you mean "allow"?"#),
        (#"{"secrets": ["db"]}"#, #"web.json:1:13: secrets: expected an object of secret name → {"required": true|false}, found array"#),
        (#"{"secrets": {"db": {"requred": true}}}"#, #"web.json:1:21: secrets.db.requred: unknown key; did you mean "required"?"#),
        (#"{"secrets": {"db": {"required": "yes"}}}"#, #"web.json:1:33: secrets.db.required: expected true or false, found string"#),
        (#"{"secrets": {"../db": {}}}"#, #"web.json:1:14: secrets["../db"]: "../db" is not a secret name; start it with a letter or digit"#),
    ])
    func rejects(json: String, message: String) {
        let got = error(json)
        #expect(got != nil)
        #expect(got?.hasPrefix(message) == true, "got: \(got ?? "nil")")
    }

    @Test("secrets are required unless they say otherwise, and null drops one")
    func secrets() throws {
        let profile = try decode(#"{"secrets": {"db-password": {}, "tls.key": {"required": true}, "cache": {"required": false}, "old": null}}"#)
        #expect(profile.secrets == [.init(name: "db-password"), .init(name: "tls.key"), .init(name: "cache", required: false)])
    }

    @Test("rationale explains settings, one limit or network key, one string each; null drops a parent's")
    func rationale() throws {
        let profile = try decode(#"{"rationale": {"capabilities": "binds :443", "resources.memory": "heap 200m", "user": null}}"#)
        #expect(profile.rationale == ["capabilities": "binds :443", "resources.memory": "heap 200m"])
        #expect(error(#"{"rationale": {"capabilites": "x"}}"#) == #"web.json:1:16: rationale.capabilites: "capabilites" is not a setting a rationale can explain; did you mean "capabilities"?"#)
        #expect(error(#"{"rationale": {"resources.memroy": "x"}}"#)?.hasSuffix(#"did you mean "resources.memory"?"#) == true)
        #expect(error(#"{"rationale": {"name": "x"}}"#)?.hasPrefix(#"web.json:1:16: rationale.name: "name" is not a setting a rationale can explain; use a top-level setting (user, "#) == true)
        #expect(error(#"{"rationale": {"user": 1}}"#) == "web.json:1:24: rationale.user: expected a string, found number")
        #expect(error(#"{"rationale": "because"}"#)?.contains("expected an object of setting → reason") == true)
    }

    @Test("a duplicate key is an error rather than a silent override")
    func duplicateKey() {
        #expect(error(#"{"user": "1000", "user": "0"}"#)?.contains("user") == true)
    }
}
