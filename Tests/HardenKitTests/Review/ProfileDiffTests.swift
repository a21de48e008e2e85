import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Each case: a profile before and after (the effective settings, written out), and the lines
/// `harden diff` prints for the change. Every setting of the profile format has at least one case.
@Suite("What a change to a profile loosens and tightens")
struct ProfileDiffTests {
    static func lines(_ before: String, _ after: String) throws -> [String] {
        let old = try ProfileDecoder.decode("{\(before)}", file: "before.json")
        let new = try ProfileDecoder.decode("{\(after)}", file: "after.json")
        return ProfileDiff.changes(from: old, to: new).map(\.description)
    }

    static let cases: [(String, String, [String])] = [
        // user
        (#""user": "65532:65532""#, #""user": "0:0""#, ["loosens   user: 65532:65532 → 0:0 (root)"]),
        (#""user": "1000""#, #""user": "root""#, ["loosens   user: 1000 → root (root)"]),
        ("", #""user": "1000:1000""#, ["tightens  user: the image's user → 1000:1000"]),
        (#""user": "1000:1000""#, #""user": "1000:0""#, ["loosens   user: 1000:1000 → 1000:0"]),
        (#""user": "1000:1000""#, #""user": "2000:2000""#, ["neutral   user: 1000:1000 → 2000:2000"]),
        // capabilities, as the set the container holds
        (#""capabilities": {"drop": ["ALL"]}"#, #""capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}"#, ["loosens   capabilities: SYS_ADMIN added"]),
        (#""capabilities": {"drop": ["ALL"], "add": ["CHOWN", "NET_BIND_SERVICE"]}"#, #""capabilities": {"drop": ["ALL"], "add": ["net_bind_service"]}"#,
         ["tightens  capabilities: CHOWN removed"]),
        (#""capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}"#, #""capabilities": {"drop": ["ALL", "NET_RAW"], "add": ["CAP_NET_BIND_SERVICE"]}"#, []),
        // flags
        (#""noNewPrivileges": true"#, #""noNewPrivileges": false"#, ["loosens   noNewPrivileges: true → false"]),
        ("", #""noNewPrivileges": true"#, ["tightens  noNewPrivileges: false → true"]),
        (#""readOnlyRootFilesystem": true"#, "", ["loosens   readOnlyRootFilesystem: true → false"]),
        // tmpfs carve-outs
        ("", #""tmpfs": {"/cache": {"size": "8m"}}"#, [#"loosens   tmpfs["/cache"]: added: a writable carve-out (8m)"#]),
        (#""tmpfs": {"/cache": {"size": "8m", "options": ["noexec"]}}"#, "", [#"tightens  tmpfs["/cache"]: removed (was 8m, noexec)"#]),
        (#""tmpfs": {"/tmp": {"size": "64m"}}"#, #""tmpfs": {"/tmp": {"size": "1g"}}"#, [#"loosens   tmpfs["/tmp"].size: 64m → 1g"#]),
        (#""tmpfs": {"/tmp": {"size": "64m"}}"#, #""tmpfs": {"/tmp": {}}"#, [#"loosens   tmpfs["/tmp"].size: 64m → unsized (half of memory)"#]),
        (#""tmpfs": {"/tmp": {"options": ["noexec", "nosuid"]}}"#, #""tmpfs": {"/tmp": {"options": ["nosuid"]}}"#, [#"loosens   tmpfs["/tmp"].options: noexec removed"#]),
        (#""tmpfs": {"/tmp": {"options": ["noexec"]}}"#, #""tmpfs": {"/tmp": {"options": ["exec"]}}"#, [#"loosens   tmpfs["/tmp"].options: noexec removed, exec added"#]),
        (#""tmpfs": {"/tmp": {"options": []}}"#, #""tmpfs": {"/tmp": {"options": ["nodev", "ro"]}}"#,
         [#"tightens  tmpfs["/tmp"].options: nodev added"#, #"tightens  tmpfs["/tmp"].options: ro added"#]),
        (#""tmpfs": {"/tmp": {"options": ["rw"]}}"#, #""tmpfs": {"/tmp": {}}"#, []),
        (#""tmpfs": {"/tmp": {"mode": "1777", "options": ["noatime"]}}"#, #""tmpfs": {"/tmp": {"mode": "0700", "uid": 1}}"#,
         [#"neutral   tmpfs["/tmp"].options: [noatime] → []"#, #"neutral   tmpfs["/tmp"].mode: 1777 → 0700"#, #"neutral   tmpfs["/tmp"].owner: the container's user → 1:-"#]),
        // volumes
        ("", #""volumes": {"/data": {"type": "bind", "source": "/srv/data"}}"#, [#"loosens   volumes["/data"]: added: bind of /srv/data, writable"#]),
        (#""volumes": {"/data": {"source": "data"}}"#, "", [#"tightens  volumes["/data"]: removed (was volume data, writable)"#]),
        (#""volumes": {"/data": {"source": "data"}}"#, #""volumes": {"/data": {"source": "data", "readOnly": true}}"#, [#"tightens  volumes["/data"].readOnly: false → true"#]),
        (#""volumes": {"/data": {"source": "data", "readOnly": true}}"#, #""volumes": {"/data": {"type": "bind", "source": "/srv/data"}}"#,
         [#"loosens   volumes["/data"].type: volume → bind"#, #"neutral   volumes["/data"].source: data → /srv/data"#, #"loosens   volumes["/data"].readOnly: true → false"#]),
        // resources
        (#""resources": {"memory": "512m"}"#, #""resources": {"memory": "1g"}"#, ["loosens   resources.memory: 512m → 1g"]),
        (#""resources": {"memory": "512m"}"#, #""resources": {"memory": "256m"}"#, ["tightens  resources.memory: 512m → 256m"]),
        (#""resources": {"memory": "512m"}"#, "", ["loosens   resources.memory: 512m → no limit", "loosens   resources.memorySwap: no swap → unlimited swap"]),
        (#""resources": {"memory": "512m"}"#, #""resources": {"memory": "512m", "memorySwap": "1g"}"#, ["loosens   resources.memorySwap: no swap → 512m of swap"]),
        (#""resources": {"memory": "512m", "memorySwap": "1g"}"#, #""resources": {"memory": "512m", "memorySwap": -1}"#, ["loosens   resources.memorySwap: 512m of swap → unlimited swap"]),
        (#""resources": {"cpus": 1}"#, #""resources": {"cpus": 0.5}"#, ["tightens  resources.cpus: 1 → 0.5"]),
        ("", #""resources": {"pids": 128}"#, ["tightens  resources.pids: no limit → 128"]),
        (#""resources": {"pids": 128}"#, "", ["loosens   resources.pids: 128 → no limit"]),
        (#""resources": {"nofile": 1024}"#, #""resources": {"nofile": 4096}"#, ["loosens   resources.nofile: 1024 → 4096"]),
        (#""resources": {"nofile": 1024}"#, #""resources": {"nofile": {"soft": 512, "hard": 1024}}"#, ["neutral   resources.nofile: 1024 → 512:1024"]),
        (#""resources": {"nproc": 64}"#, "", ["loosens   resources.nproc: 64 → the engine's default"]),
        (#""resources": {"shmSize": "64m"}"#, #""resources": {"shmSize": "1g"}"#, ["loosens   resources.shmSize: 64m → 1g"]),
        // user namespaces
        ("", #""userNamespace": {"uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}"#,
         ["tightens  userNamespace: added: container ids map to unprivileged host ids"]),
        (#""userNamespace": {}"#, "", ["loosens   userNamespace: removed: container ids are host ids again"]),
        // seccomp
        ("", #""seccomp": {"allow": ["@system-service"]}"#, ["tightens  seccomp: a generated filter replaces the engine's default profile"]),
        (#""seccomp": {"allow": ["@system-service"]}"#, "", ["loosens   seccomp: the generated filter removed: the engine's default profile applies"]),
        (#""seccomp": {"allow": ["@system-service"]}"#, #""seccomp": {"allow": ["@system-service", "@mount"]}"#, ["loosens   seccomp.allow: @mount added"]),
        (#""seccomp": {"allow": ["@system-service", "@sync"]}"#, #""seccomp": {"allow": ["@system-service"]}"#, ["tightens  seccomp.allow: @sync removed"]),
        (#""seccomp": {"deny": ["@debug"]}"#, #""seccomp": {"deny": ["@debug", "@keyring"]}"#, ["tightens  seccomp.deny: @keyring added"]),
        (#""seccomp": {"deny": ["@debug"]}"#, #""seccomp": {}"#, ["loosens   seccomp.deny: @debug removed"]),
        (#""seccomp": {"defaultAction": "errno"}"#, #""seccomp": {"defaultAction": "log"}"#, ["loosens   seccomp.defaultAction: errno → log"]),
        (#""seccomp": {"defaultAction": "errno"}"#, #""seccomp": {"defaultAction": "kill"}"#, ["neutral   seccomp.defaultAction: errno → kill"]),
        (#""seccomp": {}"#, #""seccomp": {"socketFamilies": ["inet", "inet6", "netlink", "unix", "packet"]}"#, ["loosens   seccomp.socketFamilies: packet added"]),
        (#""seccomp": {}"#, #""seccomp": {"socketFamilies": ["inet", "unix"]}"#,
         ["tightens  seccomp.socketFamilies: inet6 removed", "tightens  seccomp.socketFamilies: netlink removed"]),
        // network
        (#""network": {"publishAddress": "127.0.0.1"}"#, #""network": {"publishAddress": "0.0.0.0"}"#, ["loosens   network.publishAddress: 127.0.0.1 → 0.0.0.0 (every interface)"]),
        (#""network": {"publishAddress": "::"}"#, #""network": {"publishAddress": "10.0.0.5"}"#, ["tightens  network.publishAddress: :: (every interface) → 10.0.0.5"]),
        ("", #""network": {"publishAddress": "::1"}"#, ["neutral   network.publishAddress: 127.0.0.1 → ::1"]),
        (#""network": {"mode": "bridge"}"#, #""network": {"mode": "host"}"#, ["loosens   network.mode: bridge → host"]),
        ("", #""network": {"mode": "none"}"#, ["tightens  network.mode: the engine's default → none"]),
        // restart
        (#""restart": {"policy": "on-failure", "maxRetries": 5}"#, #""restart": {"policy": "on-failure", "maxRetries": 10}"#, ["loosens   restart: on-failure:5 → on-failure:10"]),
        (#""restart": {"policy": "on-failure", "maxRetries": 5}"#, #""restart": {"policy": "always"}"#, ["loosens   restart: on-failure:5 → always"]),
        (#""restart": {"policy": "unless-stopped"}"#, #""restart": {"policy": "no"}"#, ["tightens  restart: unless-stopped → no"]),
        // health checks
        ("", #""healthcheck": {"command": "curl -f localhost"}"#, [#"tightens  healthcheck: the image's own → "curl -f localhost""#]),
        (#""healthcheck": {"command": "true"}"#, #""healthcheck": {"disable": true}"#, [#"loosens   healthcheck: "true" → disabled"#]),
        (#""healthcheck": {"command": "true", "interval": "30s"}"#, #""healthcheck": {"command": "true", "interval": "1m"}"#, ["neutral   healthcheck: timing changed"]),
        // environment: never a value
        ("", #""environment": {"LOG_LEVEL": "debug"}"#, ["neutral   environment.LOG_LEVEL: added"]),
        ("", #""environment": {"DB_PASSWORD": "hunter2"}"#, ["loosens   environment.DB_PASSWORD: added, holding a literal secret"]),
        (#""environment": {"DB_PASSWORD": "hunter2"}"#, "", ["tightens  environment.DB_PASSWORD: removed"]),
        (#""environment": {"DB_PASSWORD_FILE": "/run/secrets/db"}"#, #""environment": {"DB_PASSWORD_FILE": "/run/secrets/pg"}"#, ["neutral   environment.DB_PASSWORD_FILE: value changed"]),
        // secrets: files a launch brings, never values
        ("", #""secrets": {"db-password": {}}"#, [#"neutral   secrets["db-password"]: added, required (--secret db-password=FILE)"#]),
        (#""secrets": {"db-password": {}}"#, #""secrets": {"db-password": {"required": false}}"#, [#"neutral   secrets["db-password"]: required → optional"#]),
        (#""secrets": {"tls.key": {}}"#, "", [#"neutral   secrets["tls.key"]: removed"#]),
        // the chain
        (#""extends": "web""#, #""extends": "worker""#, ["neutral   extends: web → worker"]),
    ]

    @Test("each change is classed", arguments: cases)
    func change(before: String, after: String, expected: [String]) throws {
        #expect(try Self.lines(before, after) == expected)
    }

    @Test("every setting of the profile format has a case", arguments: ProfileDecoder.settingKeys)
    func covered(key: String) {
        #expect(Self.cases.contains { $0.2.contains { $0.dropFirst(10).hasPrefix(key) } })
    }

    @Test("dropping ALL from Docker's default set removes all fourteen; the same profile twice changes nothing")
    func wholeSets() throws {
        let lines = try Self.lines("", #""capabilities": {"drop": ["ALL"]}"#)
        #expect(lines.count == 14 && lines.allSatisfy { $0.hasPrefix("tightens  capabilities: ") && $0.hasSuffix(" removed") })
        let web = try ProfileRepository(searchPath: SearchPath(entries: [])).resolve("web").profile
        #expect(ProfileDiff.changes(from: web, to: web).isEmpty)
    }
}
