import HardenFormats
import HardenModel
/// A profile's effective settings as the rows of `harden docs`' table, in words a developer reads
/// without the profile format at hand. Each row names the key path it shows, for its provenance.
enum ProfileDocRows {
    struct Row: Equatable {
        var setting: String
        var value: String
        var path: [String]
    }

    static func rows(_ profile: Profile) -> [Row] {
        var rows: [Row] = []
        rows.append(Row(setting: "user", value: profile.user.map { "`\($0)`" } ?? "the image's user (not set)", path: ["user"]))
        let held = PrivilegeDiff.capabilities(profile).sorted().map(\.name)
        var capabilities = held.isEmpty ? "none" : held.map { "`\($0)`" }.joined(separator: ", ")
        if profile.capabilities == nil { capabilities += " (Docker's default set)" }
        rows.append(Row(setting: "capabilities", value: capabilities, path: ["capabilities"]))
        rows.append(Row(setting: "no new privileges", value: yes(profile.noNewPrivileges), path: ["noNewPrivileges"]))
        rows.append(Row(setting: "read-only root", value: yes(profile.readOnlyRootFilesystem), path: ["readOnlyRootFilesystem"]))
        for carveOut in profile.tmpfs {
            var words = [carveOut.size.map(Units.sizeSpelling) ?? "unsized"]
            if let mode = carveOut.mode { words.append("mode \(mode)") }
            words += carveOut.options
            rows.append(Row(setting: "tmpfs `\(carveOut.target)`", value: words.joined(separator: ", "), path: ["tmpfs", carveOut.target]))
        }
        for volume in profile.volumes {
            rows.append(Row(setting: "volume `\(volume.target)`", value: FilesystemDiff.describe(volume), path: ["volumes", volume.target]))
        }
        rows += resources(profile.resources)
        if let namespace = profile.userNamespace {
            let maps = namespace.uidMappings.map { "\($0.containerID)→\($0.hostID) (\($0.size))" }.joined(separator: ", ")
            rows.append(Row(setting: "user namespace", value: "uids " + (maps.isEmpty ? "unmapped" : maps), path: ["userNamespace"]))
        }
        if let seccomp = profile.seccomp {
            var words = ["allows " + list(seccomp.allow)]
            if !seccomp.deny.isEmpty { words.append("denies " + list(seccomp.deny)) }
            words.append("other calls: \(seccomp.defaultAction)")
            if let families = seccomp.socketFamilies { words.append("sockets: " + families.joined(separator: ", ")) }
            rows.append(Row(setting: "seccomp", value: words.joined(separator: "; "), path: ["seccomp"]))
        } else {
            rows.append(Row(setting: "seccomp", value: "the engine's default profile", path: ["seccomp"]))
        }
        rows.append(Row(setting: "published ports", value: "on `\(profile.network.publishAddress ?? "127.0.0.1")` unless a port names an address", path: ["network", "publishAddress"]))
        if let mode = profile.network.mode { rows.append(Row(setting: "network", value: "`\(mode)`", path: ["network", "mode"])) }
        rows.append(Row(setting: "restart", value: profile.restart.map { "`\($0.dockerValue)`" } ?? "no", path: ["restart"]))
        if let check = profile.healthcheck {
            let value = check.disable ? "disabled" : check.command.map { "`\($0)`" } ?? "the image's own"
            rows.append(Row(setting: "health check", value: value, path: ["healthcheck"]))
        }
        if !profile.environment.isEmpty {
            rows.append(Row(setting: "environment", value: profile.environment.map { "`\($0.name)`" }.joined(separator: ", "), path: ["environment"]))
        }
        if !profile.secrets.isEmpty {
            let names = profile.secrets.map { "`\($0.name)`" + ($0.required ? "" : " (optional)") }
            rows.append(Row(setting: "secrets", value: names.joined(separator: ", "), path: ["secrets"]))
        }
        return rows
    }

    static func resources(_ resources: Profile.Resources) -> [Row] {
        var rows: [Row] = []
        let memory = resources.memory.map { memory in
            let swap = ResourceDiff.swap(resources)
            return Units.sizeSpelling(memory) + (swap == 0 ? ", no swap" : swap.map { ", \(Units.sizeSpelling($0)) of swap" } ?? ", unlimited swap")
        }
        rows.append(Row(setting: "memory", value: memory ?? "no limit", path: ["resources", "memory"]))
        rows.append(Row(setting: "CPUs", value: resources.cpus.map(Units.cpusSpelling) ?? "no limit", path: ["resources", "cpus"]))
        rows.append(Row(setting: "processes", value: resources.pids.map(String.init) ?? "no limit", path: ["resources", "pids"]))
        if let limit = resources.nofile { rows.append(Row(setting: "open files", value: ulimit(limit), path: ["resources", "nofile"])) }
        if let limit = resources.nproc { rows.append(Row(setting: "processes per user", value: ulimit(limit), path: ["resources", "nproc"])) }
        if let size = resources.shmSize { rows.append(Row(setting: "/dev/shm", value: Units.sizeSpelling(size), path: ["resources", "shmSize"])) }
        return rows
    }

    static func ulimit(_ limit: Profile.Ulimit) -> String {
        limit.soft == limit.hard ? "\(limit.hard)" : "\(limit.soft) (hard \(limit.hard))"
    }

    static func yes(_ value: Bool?) -> String { value == true ? "yes" : "no" }

    static func list(_ entries: [String]) -> String {
        entries.isEmpty ? "nothing" : entries.map { "`\($0)`" }.joined(separator: ", ")
    }
}
