@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Mounts whose paths hold every character that means something to compose's short volume syntax,
/// its `$` interpolation, or YAML: `:`, `,`, `=`, quotes, `$`, `${…}`, `#`, spaces, a newline,
/// braces, a leading `.` or `~`, one letter and a colon, and non-ASCII text.
enum HostileComposePaths {
    static let pieces = [":", ",", "=", "\"", "'", "$", "$$", "${X}", "${X:-/}", "#", " #", " ", "\n", "{", "}", "ü", "日本", ":/s", ",ro", ":ro", "\\", "%", "&", "*", "!", "- ", "? "]
    static let sources = [
        "/var/run/docker.sock", "/run/docker.sock", "/var/run", "/etc", "/", "/srv/data", "/home/user/app/data", "./data", "../x",
        ".hidden", "~/x", "a", "data", "c:/x",
    ]

    static func path(_ g: inout Gen, from bases: [String]) -> String {
        var path = g.pick(bases)
        for _ in 0..<g.int(0...2) {
            let piece = g.pick(pieces)
            path = g.chance(0.5) ? path + piece : piece + path
        }
        return path
    }

    /// A mount as `--mount` (which takes any path) or `-v` can put it in a plan.
    static func mount(_ g: inout Gen) -> LaunchPlan.Mount {
        var target = path(&g, from: ["/data", "/s", "/var/run/docker.sock", "/x y"])
        if !target.hasPrefix("/") { target = "/" + target }
        if g.chance(0.3) {
            return LaunchPlan.Mount(kind: .volume, source: g.chance(0.2) ? nil : g.pick(["pgdata", "v.1", "cache-2", "ab"]), target: target,
                                    readOnly: g.chance(0.5), flags: g.subset(["nocopy"], p: 0.2))
        }
        // The socket written whole, then with something after a colon: the emitter's old bypass.
        let source = g.chance(0.2) ? "/var/run/docker.sock:" + g.pick(["/s", "/x:ro", "ro", "/"]) : path(&g, from: sources)
        return LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: g.chance(0.5),
                                propagation: g.maybe(0.2) { $0.pick(Array(LaunchPlan.Mount.propagationModes).sorted()) },
                                flags: g.subset(["z", "Z"], p: 0.1))
    }

    static func plan(_ g: inout Gen) -> LaunchPlan {
        var plan = LaunchPlan()
        plan.image = "app:1"
        plan.capabilities = []
        plan.noNewPrivileges = true
        plan.readOnlyRootFilesystem = true
        plan.user = "1000:1000"
        plan.memory = 512 << 20
        plan.pidsLimit = 128
        plan.mounts = g.list(max: 3) { g in mount(&g) }
        var seen = Set<String>()
        plan.mounts = plan.mounts.filter { seen.insert($0.target).inserted }
        return plan
    }
}
