import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// A user's `-v`, `--mount` or `--tmpfs` on a profile carve-out's target replaces the carve-out,
/// keeps the user's options, and a tmpfs naming no owner gets the final user's ids: the same on
/// every door that takes docker options.
@Suite("User mounts meeting carve-outs, on every door")
struct CarveOutMergeTests {
    enum Door: String, CaseIterable { case run, oci, compose, k8s }

    static func arguments(_ door: Door, profiles: [String] = [], profile: String, _ options: [String]) -> [String] {
        switch door {
        case .run: ["run", "--dry-run"] + profiles + [profile] + options + ["img:1"]
        case .oci: ["oci"] + profiles + [profile] + options + ["--", "/bin/sh"]
        case .compose: ["compose"] + profiles + [profile, "--service", "app"] + options + ["img:1"]
        case .k8s: ["k8s"] + profiles + [profile, "--name", "app"] + options + ["img:1"]
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var options: [String]
        var profile = "web"
        /// Per door: fragments the output holds (OCI JSON with its white space removed), and ones it must not.
        var present: [Door: [String]]
        var absent: [Door: [String]]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "--tmpfs over a tmpfs carve-out keeps the user's options and gets the user's ids",
             options: ["--tmpfs", "/var/lib/nginx:size=32m"],
             present: [
                .run: ["--tmpfs /var/lib/nginx:size=32m,uid=65532,gid=65532"],
                .oci: [#""destination":"/var/lib/nginx","type":"tmpfs","source":"tmpfs","options":["nosuid","nodev","noexec","size=32m","uid=65532","gid=65532"]"#],
                .compose: [#""/var/lib/nginx:size=32m,uid=65532,gid=65532""#],
                .k8s: ["mountPath: /var/lib/nginx", "sizeLimit: 32Mi"],
             ],
             absent: [
                .run: ["/var/lib/nginx:noexec"], .oci: ["\"size=64m\",\"uid=65532\",\"gid=65532\"]},{\"destination\":\"/var/lib/nginx\""],
                .compose: ["/var/lib/nginx:noexec"], .k8s: [],
             ]),
        Case(name: "-v over a tmpfs carve-out replaces it",
             options: ["-v", "/srv/data:/tmp"],
             present: [
                .run: ["--volume /srv/data:/tmp"], .oci: [#""destination":"/tmp","type":"bind","source":"/srv/data""#],
                .compose: [#""/srv/data:/tmp""#], .k8s: ["mountPath: /tmp", "path: /srv/data"],
             ],
             absent: [
                .run: ["--tmpfs /tmp"], .oci: [#""destination":"/tmp","type":"tmpfs""#],
                .compose: [#""/tmp:"#], .k8s: ["tmpfs-tmp"],
             ]),
        Case(name: "--mount type=tmpfs over a carve-out replaces it, a trailing slash naming the same target",
             options: ["--mount", "type=tmpfs,dst=/run/,tmpfs-size=1m"],
             present: [
                .run: ["--tmpfs /run/:size=1m,uid=65532,gid=65532"],
                .oci: [#""destination":"/run/","type":"tmpfs","source":"tmpfs","options":["nosuid","nodev","noexec","size=1m","uid=65532","gid=65532"]"#],
                .compose: [#""/run/:size=1m,uid=65532,gid=65532""#], .k8s: ["sizeLimit: 1Mi"],
             ],
             absent: [
                .run: ["/run:noexec"], .oci: [#""destination":"/run","#], .compose: ["/run:noexec"], .k8s: ["sizeLimit: 8Mi"],
             ]),
        Case(name: "--tmpfs over a profile's bind carve-out replaces it",
             options: ["--tmpfs", "/data:size=16m"], profile: "withdata",
             present: [
                .run: ["--tmpfs /data:size=16m,uid=65532,gid=65532"],
                .oci: [#""destination":"/data","type":"tmpfs","source":"tmpfs","options":["nosuid","nodev","noexec","size=16m","uid=65532","gid=65532"]"#],
                .compose: [#""/data:size=16m,uid=65532,gid=65532""#], .k8s: ["mountPath: /data", "sizeLimit: 16Mi"],
             ],
             absent: [.run: ["/srv/app"], .oci: ["/srv/app"], .compose: ["/srv/app"], .k8s: ["/srv/app"]]),
        Case(name: "a new tmpfs naming no owner gets --user's ids; one naming an owner keeps it",
             options: ["--user", "1000:1001", "--tmpfs", "/scratch", "--tmpfs", "/mine:uid=7"],
             present: [
                .run: ["--tmpfs /scratch:uid=1000,gid=1001", "--tmpfs /mine:uid=7 ", "/tmp:noexec,nosuid,nodev,size=64m,mode=1777,uid=1000,gid=1001"],
                .oci: [#""destination":"/scratch","type":"tmpfs","source":"tmpfs","options":["nosuid","nodev","noexec","uid=1000","gid=1001"]"#,
                       #""options":["nosuid","nodev","noexec","uid=7"]"#],
                .compose: [#""/scratch:uid=1000,gid=1001""#, #""/mine:uid=7""#], .k8s: ["mountPath: /scratch", "runAsUser: 1000"],
             ],
             absent: [.run: ["uid=65532"], .oci: ["uid=65532"], .compose: ["uid=65532"], .k8s: ["runAsUser: 65532"]]),
    ]

    @Test("each door", arguments: cases)
    func door(_ example: Case) throws {
        let directory = TemporaryDirectory()
        try #"{"name": "withdata", "extends": "web", "volumes": {"/data": {"type": "bind", "source": "/srv/app", "readOnly": true}}}"#
            .write(toFile: directory.path + "/withdata.json", atomically: true, encoding: .utf8)
        for door in Door.allCases {
            let result = CapturedConsole.run(Self.arguments(door, profiles: ["--profiles", directory.path], profile: example.profile, example.options))
            #expect(result.status == 0, "\(door): exit \(result.status): \(result.err)")
            let out = door == .oci ? result.out.filter { !$0.isWhitespace } : result.out
            for fragment in example.present[door] ?? [] {
                #expect(out.contains(fragment), "\(door) lacks \(fragment):\n\(result.out)")
            }
            for fragment in example.absent[door] ?? [] {
                #expect(!out.contains(fragment), "\(door) still holds \(fragment):\n\(result.out)")
            }
        }
    }

    @Test("a user given by name leaves tmpfs ownership to the user, with a warning that says how to fix it")
    func namedUser() {
        for door in [Door.run, .compose, .k8s] {
            let result = CapturedConsole.run(Self.arguments(door, profile: "web", ["--user", "nginx", "--tmpfs", "/scratch"]))
            #expect(result.status == 0, "\(door): \(result.err)")
            #expect(result.err.contains("/scratch: --user nginx is a name") && result.err.contains("add uid=N,gid=N"), "\(door): \(result.err)")
            #expect(!result.out.contains("uid=65532"), "\(door): \(result.out)")
        }
    }

    @Test("targets compare as the engine cleans them", arguments: [("/tmp/", "/tmp"), ("//tmp", "/tmp"), ("/tmp/.", "/tmp"), ("/a/../tmp", "/tmp"), ("/", "/"), ("/tmp", "/tmp")])
    func targets(_ pair: (String, String)) {
        #expect(PlanBuilder.mountTarget(pair.0) == pair.1)
    }
}
