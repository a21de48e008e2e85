import Foundation
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Checks docker run lines the way `harden check` does, on a described host rather than this one.
enum Audit {
    /// A host where nothing exists, working in /home/user/app.
    static let host = HostFacts.nothing(currentDirectory: "/home/user/app", today: "2025-06-01")

    /// A host that knows some symlinks and files, for the cases that depend on them.
    static func host(cwd: String = "/home/user/app", links: [String: String] = [:], files: [String: String] = [:],
                     statuses: [String: FileStatus] = [:]) -> HostFacts {
        HostFacts(currentDirectory: cwd, today: "2025-06-01",
                  resolveSymlinks: { path in
                      for (link, target) in links where path == link || path.hasPrefix(link + "/") {
                          return target + path.dropFirst(link.count)
                      }
                      return nil
                  },
                  readFile: { files[$0] },
                  fileStatus: { statuses[$0] })
    }

    static func launch(_ line: String) throws -> AuditedLaunch {
        try DockerLineReader.read(words: try ShellQuote.split(line), name: "test")
    }

    /// `secrets` stand for `--secret`, which a docker run line cannot say.
    static func findings(_ line: String, policy: Policy = Policy(), host: HostFacts = host, secrets: [LaunchPlan.Secret] = []) throws -> [Finding] {
        var launch = try launch(line)
        launch.plan.secrets = secrets
        return Validator(policy: policy, host: host).findings(for: launch.plan, sources: launch.sources)
    }

    /// The ids of the rules whose findings reject the line.
    static func errors(_ line: String, policy: Policy = Policy(), host: HostFacts = host) throws -> Set<String> {
        Set(try findings(line, policy: policy, host: host).filter(\.rejects).map(\.ruleID))
    }

    static func ruleIDs(_ line: String, policy: Policy = Policy(), host: HostFacts = host, secrets: [LaunchPlan.Secret] = []) throws -> Set<String> {
        Set(try findings(line, policy: policy, host: host, secrets: secrets).map(\.ruleID))
    }

    /// A line that trips no rule at all.
    static let hardened = "--user 65532:65532 --cap-drop ALL --security-opt no-new-privileges:true --read-only --tmpfs /tmp:size=64m,noexec --memory 512m --memory-swap 512m --cpus 1 --pids-limit 256 -p 127.0.0.1:8080:8080 --restart on-failure:5"

    static func policy(_ json: String) throws -> Policy {
        try PolicyDecoder.decode(json, file: "policy.json")
    }
}
