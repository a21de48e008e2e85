import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden compose --from")
struct ComposeFromCommandTests {
    static let project = """
    services:
      proxy:
        image: registry.example/nginx:1
        ports:
          - "${HTTP_PORT:-8080}:80"
        networks: [frontend]
        depends_on: [app]
      app:
        image: registry.example/app:1
        command: ["python3", "/srv/app.py"]
        environment:
          GREETING: ${GREETING}
          PRICE: "5$$"
        networks: [frontend, backend]
        healthcheck:
          test: ["CMD", "true"]
          interval: 10s
        labels:
          tier: app
        x-harden: {profile: worker}
      db:
        image: registry.example/postgres:16
        volumes:
          - pgdata:/var/lib/postgresql/data
        networks: [backend]
        logging:
          driver: json-file
      cache:
        image: registry.example/redis:7
    networks:
      frontend:
      backend:
    volumes:
      pgdata:

    """

    /// A project directory with compose.yaml and .env, and the console that runs there.
    static func run(_ arguments: [String], files: [String: String], environment: [String: String] = ["HOME": "/nonexistent"]) -> (status: Int32, out: String, err: String, directory: TemporaryDirectory) {
        let directory = TemporaryDirectory()
        for (name, text) in files { directory.write(name, text) }
        let captured = CapturedConsole()
        let status = HardenCLI.main(["compose"] + arguments, console: captured.console(environment: environment, cwd: directory.path))
        return (status, captured.out, captured.err, directory)
    }

    static let standard = ["--from", "compose.yaml", "--profile", "proxy=web", "--profile", "db=db", "--default-profile", "worker"]

    @Test("every service hardened by its profile, the user's settings kept, ports on the profile's address")
    func hardensEveryService() throws {
        let result = Self.run(Self.standard, files: ["compose.yaml": Self.project, ".env": "HTTP_PORT=18480\nGREETING=hi there\n"])
        #expect(result.status == 0, "\(result.err)")
        let out = result.out
        #expect(out.hasPrefix("# Written by: harden compose --from compose.yaml --profile proxy=web"))
        let document = try #require(try YAMLReader.load(out).first?.root)
        let services = try #require(document.objectMembers?.first { $0.key == "services" }?.value)
        func service(_ name: String) -> JSONNode? { services.objectMembers?.first { $0.key == name }?.value }
        func key(_ name: String, _ key: String) -> JSONNode? { service(name)?.objectMembers?.first { $0.key == key }?.value }
        for name in ["proxy", "app", "db", "cache"] {
            #expect(key(name, "read_only")?.boolValue == true, "\(name)")
            #expect(key(name, "cap_drop")?.arrayValue?.compactMap(\.stringValue) == ["ALL"], "\(name)")
            #expect(key(name, "security_opt")?.arrayValue?.compactMap(\.stringValue).contains("no-new-privileges:true") == true, "\(name)")
            #expect(key(name, "security_opt")?.arrayValue?.compactMap(\.stringValue).contains("seccomp:./seccomp/\(name).json") == true, "\(name)")
            #expect(key(name, "mem_limit") != nil, "\(name)")
        }
        #expect(key("proxy", "ports")?.arrayValue?.compactMap(\.stringValue) == ["127.0.0.1:18480:80"])
        #expect(key("proxy", "depends_on")?.arrayValue?.compactMap(\.stringValue) == ["app"])
        #expect(key("proxy", "user")?.stringValue == "65532:65532")
        #expect(key("db", "user")?.stringValue == "999:999")
        #expect(key("app", "command")?.arrayValue?.compactMap(\.stringValue) == ["python3", "/srv/app.py"])
        #expect(key("app", "healthcheck")?.objectMembers?.first { $0.key == "test" }?.value.arrayValue?.compactMap(\.stringValue) == ["CMD", "true"])
        #expect(key("app", "labels")?.objectMembers?.first?.value.stringValue == "app")
        #expect(key("app", "x-harden") == nil)
        let environment = key("app", "environment")?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(environment.contains("GREETING=hi there"))
        #expect(environment.contains("PRICE=5$$"), "a literal $ is written back as $$: \(environment)")
        #expect(key("db", "logging")?.objectMembers?.first?.value.stringValue == "json-file")
        #expect(key("db", "volumes")?.arrayValue?.compactMap(\.stringValue) == ["pgdata:/var/lib/postgresql/data"])
        #expect(key("cache", "networks")?.arrayValue?.compactMap(\.stringValue) == ["default"])
        // Seccomp profiles land beside the output (here: the current directory, as stdout has no place).
        #expect(FileManager.default.fileExists(atPath: result.directory.path + "/seccomp/db.json"))
        #expect(result.err.contains("harden: service app: profile worker (x-harden at compose.yaml:20)"), "\(result.err)")
        #expect(result.err.contains("harden: service cache: profile worker (--default-profile)"))
    }

    @Test("a network no published service joins becomes internal, unless --allow-egress names it")
    func segmentation() throws {
        let closed = Self.run(Self.standard, files: ["compose.yaml": Self.project])
        #expect(closed.status == 0, "\(closed.err)")
        #expect(closed.out.contains("  backend:\n    internal: true\n"))
        #expect(closed.out.contains("  frontend: null\n"))
        #expect(closed.out.contains("  default:\n    internal: true\n"))
        #expect(closed.err.contains("harden: network backend: internal: true, no published service joins it (--allow-egress backend keeps its way out)"))
        #expect(closed.err.contains("harden: network frontend: keeps its way out (proxy publishes ports on it)"))
        let open = Self.run(Self.standard + ["--allow-egress", "backend"], files: ["compose.yaml": Self.project])
        #expect(open.status == 0, "\(open.err)")
        #expect(open.out.contains("  backend: null\n"))
        #expect(open.err.contains("harden: network backend: keeps its way out (--allow-egress backend)"))
    }

    @Test("what the profile forbids is refused with exit 1, naming the service and FILE:line", arguments: [
        ("    privileged: true\n", "privileged", "compose.yaml:5:17"),
        ("    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n", "runtime-socket", "compose.yaml:5:15"),
        ("    pid: host\n", "host-namespace", "compose.yaml:5:10"),
    ])
    func refusals(line: String, rule: String, place: String) {
        let project = "services:\n  web:\n    image: registry.example/app:1\n    x-harden: {profile: web}\n" + line
        let result = Self.run(["--from", "compose.yaml"], files: ["compose.yaml": project])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("harden: refusing to write the compose file: service web (profile web): \(rule):"), "\(result.err)")
        #expect(result.err.contains("at \(place) (service web)"), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("a service with no profile is refused by name, never passed through")
    func noProfile() {
        let result = Self.run(["--from", "compose.yaml", "--profile", "proxy=web", "--profile", "db=db"], files: ["compose.yaml": Self.project])
        #expect(result.status == 2)
        #expect(result.err == "harden: compose.yaml:28:3: service cache has no profile, and harden never passes a service through unhardened; fix: add x-harden: {profile: NAME} to it, or pass --profile cache=PROFILE or --default-profile PROFILE\n", "\(result.err)")
        #expect(result.out.isEmpty)
        let unknown = Self.run(["--from", "compose.yaml", "--profile", "nope=web", "--default-profile", "worker"], files: ["compose.yaml": Self.project])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("--profile nope=web (argument 4): compose.yaml has no service nope; its services are proxy, app, db, cache"), "\(unknown.err)")
    }

    @Test("several --from merge as compose -f merges them, and a refusal names the file that wrote it")
    func mergedFiles() {
        let override = "services:\n  db:\n    image: registry.example/postgres:17\n  cache:\n    cap_add: [SYS_ADMIN]\n"
        let result = Self.run(Self.standard + ["--from", "override.yaml"], files: ["compose.yaml": Self.project, "override.yaml": override])
        #expect(result.status == 1)
        #expect(result.err.contains("service cache (profile worker): "), "\(result.err)")
        #expect(result.err.contains("at override.yaml:5:15 (service cache)"), "\(result.err)")
        let fine = Self.run(Self.standard + ["--from", "override.yaml"],
                            files: ["compose.yaml": Self.project, "override.yaml": "services:\n  db:\n    image: registry.example/postgres:17\n"])
        #expect(fine.status == 0, "\(fine.err)")
        #expect(fine.out.contains("    image: \"registry.example/postgres:17\"\n"))
        #expect(!fine.out.contains("postgres:16"))
    }

    @Test("-o writes the file and the seccomp profiles beside it, the same bytes every time, and harden check accepts it")
    func outputFile() throws {
        let first = Self.run(Self.standard + ["-o", "out/hardened.yaml"], files: ["compose.yaml": Self.project])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.isEmpty)
        let written = try String(contentsOfFile: first.directory.path + "/out/hardened.yaml", encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: first.directory.path + "/out/seccomp/proxy.json"))
        let again = Self.run(Self.standard, files: ["compose.yaml": Self.project])
        #expect(again.out.replacingOccurrences(of: "# Written by: harden compose --from compose.yaml --profile proxy=web --profile db=db --default-profile worker\n", with: "")
                == written.replacingOccurrences(of: "# Written by: harden compose --from compose.yaml --profile proxy=web --profile db=db --default-profile worker -o out/hardened.yaml\n", with: ""))
        let captured = CapturedConsole()
        let status = HardenCLI.main(["check", "out/hardened.yaml"], console: captured.console(cwd: first.directory.path))
        #expect(status == 0, "\(captured.out)\(captured.err)")
    }

    @Test("host paths are written relative to the output's directory when below it, absolute otherwise")
    func hostPaths() throws {
        let project = """
        services:
          web:
            image: registry.example/app:1
            volumes: ["./site:/srv/site:ro"]
            env_file: [app.env]
            secrets: [token]
            x-harden: {profile: worker}
        secrets:
          token:
            file: ./token.txt

        """
        let files = ["compose.yaml": project, "app.env": "A=1\n", "token.txt": "t\n"]
        let beside = Self.run(["--from", "compose.yaml"], files: files)
        #expect(beside.status == 0, "\(beside.err)")
        #expect(beside.out.contains("      - \"./site:/srv/site:ro\"\n"), "\(beside.out)")
        #expect(beside.out.contains("    env_file:\n      - ./app.env\n"), "\(beside.out)")
        #expect(beside.out.contains("secrets:\n  token:\n    file: ./token.txt\n"), "\(beside.out)")
        #expect(beside.out.contains("    secrets:\n      - token\n"), "\(beside.out)")
        let elsewhere = Self.run(["--from", "compose.yaml", "-o", "out/hardened.yaml"], files: files)
        #expect(elsewhere.status == 0, "\(elsewhere.err)")
        let written = try String(contentsOfFile: elsewhere.directory.path + "/out/hardened.yaml", encoding: .utf8)
        #expect(written.contains("      - \"\(elsewhere.directory.path)/site:/srv/site:ro\"\n"), "\(written)")
        #expect(written.contains("    file: \(elsewhere.directory.path)/token.txt\n") || written.contains("    file: \"\(elsewhere.directory.path)/token.txt\"\n"), "\(written)")
    }

    @Test("the service's settings merge with the profile as harden run's options do", arguments: [
        // cap_add adds to the profile's set, cap_drop takes from it.
        ("    cap_add: [NET_BIND_SERVICE]\n", "worker", ["    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n"], ["CHOWN"]),
        ("    cap_drop: [NET_BIND_SERVICE]\n", "web", ["    cap_drop:\n      - ALL\n    security_opt:"], ["cap_add"]),
        ("    cap_add: [ALL]\n", "worker", [], []),
        // A user, a limit and an address the user wrote replace the profile's.
        ("    user: \"1000:1000\"\n", "worker", ["    user: \"1000:1000\"\n"], ["65532:65532\""]),
        ("    mem_limit: 256m\n", "worker", ["    mem_limit: 256m\n    memswap_limit: 256m\n"], ["mem_limit: 1g"]),
        ("    ports: [\"0.0.0.0:8080:80\", \"9090:90\"]\n", "web", ["      - \"0.0.0.0:8080:80\"\n      - \"127.0.0.1:9090:90\"\n"], []),
        // Environment and volumes add up; the profile's read-only root stays.
        ("    environment: [A=1]\n    read_only: false\n", "worker", ["    read_only: true\n", "      - A=1\n"], []),
    ])
    func mergeRules(line: String, profile: String, present: [String], absent: [String]) {
        let project = "services:\n  s:\n    image: registry.example/app:1\n" + line
        let result = Self.run(["--from", "compose.yaml", "--profile", "s=\(profile)"], files: ["compose.yaml": project])
        if present.isEmpty {
            // Every capability is refused as harden run refuses --cap-add ALL.
            let run = CapturedConsole.run(["run", "--dry-run", profile, "--cap-add", "ALL", "registry.example/app:1"])
            #expect(result.status == 1 && run.status == 1)
            #expect(result.err.contains("dangerous-capability"), "\(result.err)")
            #expect(run.err.contains("dangerous-capability"), "\(run.err)")
            return
        }
        #expect(result.status == 0, "\(result.err)")
        for text in present { #expect(result.out.contains(text), "\(text) in \(result.out)") }
        for text in absent { #expect(!result.out.contains(text), "no \(text) in \(result.out)") }
    }

    @Test("a variable without a value is refused at its line, as harden check refuses it")
    func unresolvedVariable() {
        let project = "services:\n  s:\n    image: registry.example/app:1\n    x-harden: {profile: worker}\n    volumes: [\"${DATA}:/data\"]\n"
        let result = Self.run(["--from", "compose.yaml"], files: ["compose.yaml": project])
        #expect(result.status == 1)
        #expect(result.err.contains("service s (profile worker): not-understood: "), "\(result.err)")
        #expect(result.err.contains("$DATA is set neither in the environment nor in .env"), "\(result.err)")
        #expect(result.err.contains("at compose.yaml:5:15 (service s)"), "\(result.err)")
    }

    @Test("a service compose builds keeps its build context, relative to the output, and names no image")
    func buildOnly() {
        let project = "services:\n  app:\n    build: ./src\n    x-harden: {profile: worker}\n"
        let result = Self.run(["--from", "compose.yaml"], files: ["compose.yaml": project, "src/Dockerfile": "FROM scratch\n"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("  app:\n    read_only: true\n"), "\(result.out)")
        #expect(result.out.contains("    build: ./src\n"), "\(result.out)")
        #expect(!result.out.contains("image:"), "\(result.out)")
    }

    @Test("a profile's network mode stands, and the service's networks are left out with a note (compose refuses both)")
    func profileNetworkMode() {
        let profile = "{\"name\": \"isolated\", \"extends\": \"worker\", \"requires\": \"0.1\", \"network\": {\"mode\": \"none\"}}\n"
        let profiles = TemporaryDirectory()
        profiles.write("isolated.json", profile)
        let result = Self.run(["--from", "compose.yaml", "--profiles", profiles.path, "--profile", "db=isolated", "--profile", "proxy=web", "--default-profile", "worker"],
                              files: ["compose.yaml": Self.project])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("  db:\n"))
        let db = result.out.components(separatedBy: "  db:\n")[1].components(separatedBy: "  cache:\n")[0]
        #expect(db.contains("    network_mode: none\n"), "\(db)")
        #expect(!db.contains("    networks:"), "\(db)")
        #expect(result.err.contains("harden: warning: service db: the profile sets network_mode none, so its networks (backend) are left out; choose a profile without a network mode to keep them"), "\(result.err)")
    }

    @Test("bad input in a later --from is reported at its own file and line", arguments: [
        ("services:\n  db:\n    image: a\n    image: b\n", "override.yaml:4:5: "),
        ("services:\n  db:\n    command: \"echo $ 5\"\n", "override.yaml:3:14: services.db.command: \"echo $ 5\" is an invalid compose template"),
        ("services:\n  db:\n    networks: [elsewhere]\n", "override.yaml:3:16: services.db.networks.1: the service joins network \"elsewhere\", which the file does not declare"),
    ])
    func laterFileErrors(override: String, fragment: String) {
        let result = Self.run(Self.standard + ["--from", "override.yaml"], files: ["compose.yaml": Self.project, "override.yaml": override])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("harden: \(fragment)"), "\(result.err)")
        #expect(!result.err.contains("/"), "the files as named, never absolute: \(result.err)")
        let missing = Self.run(Self.standard + ["--from", "nowhere.yaml"], files: ["compose.yaml": Self.project])
        #expect(missing.status == 2)
        #expect(missing.err.contains("nowhere.yaml"), "\(missing.err)")
    }

    @Test("x-harden that is not {profile: NAME} is bad input at its line")
    func badExtension() {
        let project = "services:\n  web:\n    image: registry.example/app:1\n    x-harden: web\n"
        let result = Self.run(["--from", "compose.yaml"], files: ["compose.yaml": project])
        #expect(result.status == 2)
        #expect(result.err == "harden: compose.yaml:4: service web: x-harden must be {profile: NAME}; fix: write x-harden: {profile: web} (or pass --profile web=PROFILE)\n", "\(result.err)")
    }
}
