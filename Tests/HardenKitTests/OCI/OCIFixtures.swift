import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// A described host and plans built the way `harden oci` builds them, so OCI tests never read this machine.
enum OCIFixtures {
    /// This project's test hosts: x86_64, cgroup v1 with swap accounting, 20000 open files at most.
    static let host = OCIHost(
        architecture: "x86_64", hardLimits: ["RLIMIT_NOFILE": 20000, "RLIMIT_NPROC": 96365], cgroup: .v1, swapAccounting: true,
        user: .init(uid: 1000, gid: 1000))

    static func host(subordinate: Bool) -> OCIHost {
        var host = host
        if subordinate {
            host.user.subordinateUIDs = [.init(start: 100_000, count: 65536)]
            host.user.subordinateGIDs = [.init(start: 100_000, count: 65536)]
        }
        return host
    }

    /// A built-in (or given) profile with docker options and a command after `--`.
    static func plan(_ name: String, _ docker: [String] = [], command: [String] = ["/bin/sh", "-c", "exec httpd -f -p 8080"],
                     profiles: [ProfileSource] = []) throws -> LaunchPlan {
        let repository = ProfileRepository(searchPath: SearchPath(entries: []), builtins: BuiltinProfiles.sources + profiles)
        let profile = try repository.resolve(name).profile
        var notes: [String] = []
        return try PlanBuilder.plan(for: profile, userOptions: try DockerRunParser.parse(docker + ["--"] + command, requireImage: false), notes: &notes)
    }

    static func convert(_ plan: LaunchPlan, profile: String = "web", bundle: OCIBundleOptions = OCIBundleOptions(),
                        host: OCIHost = host) throws -> OCIConfig.Output {
        try OCIConfig.convert(plan, profile: profile, bundle: bundle, host: host)
    }

    /// The config's JSON as a parsed tree, as runc would read it.
    static func json(_ output: OCIConfig.Output) throws -> JSONNode { try JSONParser.parse(output.spec.text) }

    static func profile(_ name: String, _ text: String) -> ProfileSource {
        ProfileSource(name: name, location: "test:\(name).json", text: text, rank: 0)
    }
}

extension JSONNode {
    /// A value by dotted path; `mounts[/tmp]` picks the mount whose destination is /tmp,
    /// `namespaces[2]` an array element by index.
    func at(_ path: String) -> JSONNode? {
        var node: JSONNode? = self
        for part in path.split(separator: ".") {
            var key = String(part)
            var selector: String?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                selector = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
                key = String(key[..<open])
            }
            if !key.isEmpty { node = node?[key] }
            if let selector {
                let elements = node?.arrayValue ?? []
                node = Int(selector).flatMap { $0 < elements.count ? elements[$0] : nil }
                    ?? elements.first { $0["destination"]?.stringValue == selector || $0["type"]?.stringValue == selector }
            }
        }
        return node
    }

    /// Compact JSON text, for comparing a value with what a table expects.
    var compact: String { JSONWriter.compact(self) }
}
