import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Plans as compose services")
struct ComposeConversionTests {
    static func convert(_ plan: LaunchPlan, seccomp: GeneratedSeccomp? = nil) -> ComposeConversion.Result {
        ComposeConversion.convert(plan, service: "app", seccomp: seccomp)
    }

    static func plan(_ profile: String, _ docker: [String]) throws -> LaunchPlan {
        let resolved = try ProfileRepository(searchPath: SearchPath(entries: [])).resolve(profile)
        var notes: [String] = []
        return try PlanBuilder.plan(for: resolved.profile, userOptions: try DockerRunParser.parse(docker), notes: &notes)
    }

    @Test("every hardening setting of a plan has its compose key")
    func everything() throws {
        let result = Self.convert(DockerArgumentsTests.everything)
        let yaml = result.file.yaml
        for line in [
            "    image: \"registry.example/app:1.2\"", "    user: \"1000:1000\"", "    read_only: true", "    privileged: true",
            "      - CHOWN", "      - NET_BIND_SERVICE", "      - \"no-new-privileges:true\"", "      - \"seccomp:/etc/harden/seccomp.json\"",
            "      - apparmor=docker-default", "      - \"/tmp:noexec,size=64m\"", "      - /run", "      - \"data:/data\"",
            "      - \"/srv/site:/site:ro,z\"", "      - /anon", "      - \"127.0.0.1:8080:80\"", "      - \"[::1]::53/udp\"",
            "    mem_limit: 512m", "    memswap_limit: -1", "    cpus: 0.5", "    pids_limit: 100", "    shm_size: 64m",
            "    network_mode: none", "    pid: \"container:other\"", "    uts: host", "    userns_mode: host", "    cgroup: private",
            "      - /dev/fuse", "      - \"/dev/sdc:/dev/xvdc:rw\"", "      - \"c 10:229 rwm\"", "      kernel.shm_rmid_forced: \"1\"",
            "    use_api_socket: true", "    restart: \"on-failure:5\"", "    container_name: web-1", "    init: false",
            "        - CMD-SHELL", "      start_period: 10s", "      retries: 3", "      - C=with space", "      - B", "    labels:",
        ] {
            #expect(yaml.contains(line + "\n"), "missing \(line) in\n\(yaml)")
        }
        #expect(result.file.volumes == [ComposeFile.Volume(key: "data", name: "data")], "a named volume is declared under its own engine name")
    }

    @Test("what compose cannot say becomes a note naming the setting", arguments: [
        (["--rm", "-d", "img"], "--rm and --detach: compose decides that itself"),
        (["--publish-all", "img"], "--publish-all has no compose key"),
        (["--mount", "type=volume,src=v,dst=/v,volume-opt=type=nfs", "img"], "--mount type=volume,src=v,dst=/v,volume-opt=type=nfs is not in the fragment"),
        (["--cidfile", "/tmp/id", "img"], "--cidfile /tmp/id is not in the fragment"),
        (["-v", "./site:/site", "img"], "volume ./site:/site: compose reads a relative host path"),
        (["--env-file", "app.env", "img"], "--env-file app.env: compose reads a relative path"),
        (["--uts", "host", "--cgroupns", "private", "img"], "uts, cgroup: docker-compose 1.29 does not know these keys"),
    ])
    func notes(docker: [String], opening: String) throws {
        let result = Self.convert(try Self.plan("worker", docker))
        #expect(result.notes.contains { $0.hasPrefix(opening) }, "no note opening \(opening) in \(result.notes)")
    }

    @Test("the seam hands out the filter harden run uses, at DIR/PROFILE.json, and leaves a user's own profile alone")
    func seccompSeam() throws {
        let plan = try Self.plan("web", ["img"])
        let seam = GeneratedSeccomp.forPlan(plan, profile: "web", directory: "./seccomp")
        #expect(seam.note == nil)
        #expect(seam.profile?.path == "./seccomp/web.json")
        #expect(seam.profile?.json == SeccompJSON.text(SeccompGenerator.filter(for: plan)!, format: .docker))
        let own = try Self.plan("web", ["--security-opt", "seccomp=/etc/app.json", "img"])
        #expect(GeneratedSeccomp.forPlan(own, profile: "web", directory: "./seccomp") == (nil, nil), "a profile the user names is theirs")
        var bare = plan
        bare.seccompPolicy = nil
        #expect(GeneratedSeccomp.forPlan(bare, profile: "web", directory: "./seccomp").note?.hasPrefix("seccomp: the profile has no seccomp section") == true)
    }

    @Test("a generated profile is named by its path in security_opt")
    func generatedProfile() throws {
        let result = Self.convert(try Self.plan("web", ["img"]), seccomp: GeneratedSeccomp(path: "./seccomp/web.json", json: "{}"))
        #expect(result.file.services[0].securityOpt == ["no-new-privileges:true", "seccomp:./seccomp/web.json"])
        #expect(result.notes.isEmpty)
    }

    @Test("a `$` is doubled wherever compose would read a variable")
    func dollars() throws {
        let plan = try Self.plan("worker", ["-e", "PRICE=$5", "--health-cmd", "test -n \"$HOME\"", "img", "sh", "-c", "echo ${HOME} $$"])
        let service = Self.convert(plan).file.services[0]
        #expect(service.environment == ["PRICE=$$5"])
        #expect(service.command == ["sh", "-c", "echo $${HOME} $$$$"])
        #expect(service.healthcheck?.test == ["CMD-SHELL", "test -n \"$$HOME\""])
    }

    @Test("a disabled health check is written as disable: true, and none at all is left out")
    func healthchecks() throws {
        #expect(Self.convert(try Self.plan("worker", ["--no-healthcheck", "img"])).file.services[0].healthcheck?.disable == true)
        #expect(Self.convert(try Self.plan("worker", ["img"])).file.services[0].healthcheck == nil)
    }

    @Test("file secrets: a top-level secrets block, the service's long-syntax reference, and a note for owner and mode")
    func secrets() {
        let (secret, reference, notes) = ComposeConversion.fileSecret(
            name: "db_password", file: "./secrets/db.txt", target: "/run/secrets/db", uid: 999, gid: 999, mode: 0o400)
        var service = ComposeService(name: "db")
        service.image = "postgres:16"
        service.secrets = [reference]
        let file = ComposeFile(services: [service], secrets: [secret])
        #expect(file.yaml == """
        services:
          db:
            image: "postgres:16"
            secrets:
              - source: db_password
                target: /run/secrets/db
        secrets:
          db_password:
            file: ./secrets/db.txt

        """)
        #expect(notes == ["secret db_password: compose has no uid 999, gid 999, mode 400 for file secrets (it mounts the host file with the file's own owner and mode); set them on the host file: chown 999:999 ./secrets/db.txt && chmod 400 ./secrets/db.txt"])
        #expect(ComposeConversion.fileSecret(name: "s", file: "/s").notes.isEmpty)
    }

    @Test("--secret becomes a top-level file secret and the service's reference, the path only, with a note on owner and mode")
    func planSecrets() throws {
        var plan = try Self.plan("db", ["postgres:16"])
        plan.secrets = [.init(name: "db-password", source: "/srv/keys/db $pass"), .init(name: "tls.key", source: "/srv/keys/tls.key")]
        let result = Self.convert(plan)
        let yaml = result.file.yaml
        #expect(yaml.contains("""
            secrets:
              - source: db-password
              - source: tls.key
        secrets:
          db-password:
            file: /srv/keys/db $$pass
          tls.key:
            file: /srv/keys/tls.key

        """), "\(yaml)")
        #expect(result.notes.contains("secrets db-password, tls.key: compose has no uid, gid or mode for file secrets; it mounts each host file at /run/secrets/NAME with the file's own owner and mode, so keep them readable by the service's user 999:999 (harden checked that now: secret-unreadable)"))
        #expect(Self.convert(try Self.plan("db", ["postgres:16"])).file.secrets.isEmpty)
    }

    @Test("a secret's mode is written in decimal, which YAML 1.1 and 1.2 read alike")
    func secretMode() {
        var service = ComposeService(name: "s")
        service.secrets = [ComposeService.SecretReference(source: "k", mode: 0o440)]
        #expect(YAMLWriter.document(service.json).contains("mode: 288\n"))
    }

    /// The compose file in JSON, read by the `harden check` reader, must give the same plan back
    /// (apart from the keys that reader leaves aside) and so the same verdict.
    @Test("harden check reads the service back to the same plan and the same findings", arguments: [
        ("web", ["-p", "8080:80", "registry.example/app:1.0"]),
        ("worker", ["-e", "MODE=batch", "registry.example/app:1.0", "work", "--once"]),
        ("db", ["-v", "pgdata:/var/lib/postgresql/data", "registry.example/postgres:16"]),
        ("worker", ["--cap-add", "SYS_ADMIN", "-v", "/etc:/host-etc:ro", "--read-only=false", "img"]),
        ("web", ["--network", "host", "--security-opt", "no-new-privileges=false", "--user", "0", "img:1"]),
        ("worker", ["--pids-limit", "-1", "--memory", "2g", "-p", "0.0.0.0:9000:9000", "img:latest"]),
    ])
    func checkReadsItBack(profile: String, docker: [String]) throws {
        let plan = try Self.plan(profile, docker)
        let json = Self.convert(plan).file.json
        let launches = try ComposeReader.read(try JSONParser.parse(JSONWriter.pretty(json)), file: "compose.json")
        #expect(launches.count == 1)
        var expected = plan
        // Keys the audit reader does not read: limits that no rule judges, lifecycle. (The command
        // it reads, for the broker's shape.)
        expected.memorySwap = nil
        expected.ulimits = []
        expected.shmSize = nil
        expected.healthcheck = .init()
        (expected.process, expected.cpu, expected.memoryTuning, expected.engine) = (.init(), .init(), .init(), .init())
        expected.seccompPolicy = nil
        #expect(launches[0].plan == expected)
        let validator = Validator(host: Audit.host)
        let direct = validator.findings(for: plan).map { "\($0.severity) \($0.ruleID): \($0.message)" }
        let audited = validator.findings(for: launches[0].plan).map { "\($0.severity) \($0.ruleID): \($0.message)" }
        #expect(direct == audited)
    }

    @Test("PyYAML reads each built-in's fragment as the same tree as its JSON", .enabled(if: PyYAML.available), arguments: ["web", "worker", "db"])
    func yamlMatchesJSON(profile: String) throws {
        let file = Self.convert(try Self.plan(profile, ["-p", "8080:80", "-v", "data:/data", "-e", "A=on", "img:1", "sh", "-c", "echo $HOME: yes"])).file
        #expect(try PyYAML.toJSON(file.yaml).sameContent(as: file.json))
    }
}

@Suite("harden compose: volumes compose would read otherwise are written long")
struct ComposeVolumeSyntaxTests {
    @Test("a source compose's short syntax would split, retype or interpolate is written in the long syntax", arguments: [
        ("/var/run/docker.sock:/s", LaunchPlan.Mount.Kind.bind), ("/srv/a,b", .bind), ("/srv/$HOME", .bind), ("/srv/${X:-/}", .bind),
        ("/srv/a\nb", .bind), ("~/x", .bind), ("data", .bind), (".hidden", .volume), ("c:/x", .bind), ("/srv/a b", .bind),
    ])
    func long(source: String, kind: LaunchPlan.Mount.Kind) throws {
        let entry = ComposeVolumeSyntax.entry(LaunchPlan.Mount(kind: kind, source: source, target: "/x", readOnly: true))
        guard case .long(let volume) = entry else { Issue.record("written short: \(entry)"); return }
        #expect(volume.type == kind.rawValue)
        #expect(volume.source == source.replacingText("$", with: "$$"))
        #expect(volume.readOnly == true)
    }

    @Test("plain paths keep the short syntax the golden files hold", arguments: ["/srv/site:/usr/share/nginx/html:ro", "pgdata:/data", "/anon"])
    func short(spelling: String) throws {
        let mount = try DockerValues.volume(spelling) { HardenError.input($0) }
        #expect(ComposeVolumeSyntax.entry(mount) == .short(spelling))
    }
}
