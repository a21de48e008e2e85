import HardenModel
/// A plan's effective settings as JSON (`harden show --format json`): what a container of the
/// profile ends up with, in the units the kernel reports, so scripts and the end-to-end suite can
/// compare what harden says with what `/proc` and the cgroup files show.
public enum EffectiveSettings {
    public static func json(profile: Profile, chain: [ProfileSource], plan: LaunchPlan) -> JSONNode {
        let ids = plan.user.flatMap(NumericUser.init)
        var members: [(String, JSONNode)] = []
        members.append(("name", .str(profile.name)))
        members.append(("from", .arr(chain.map { .str($0.location) })))
        members.append(("user", plan.user.map(JSONNode.str) ?? .null))
        members.append(("uid", ids.map { JSONNode.int($0.uid) } ?? .null))
        members.append(("gid", ids?.gid.map(JSONNode.int) ?? .null))
        members.append(("capabilities", .arr(plan.capabilities.sorted().map { .str($0.name) })))
        // As /proc/PID/status prints CapBnd: 16 hex digits.
        members.append(("capabilityMask", .str(capabilityMask(plan.capabilities))))
        members.append(("noNewPrivileges", .bool(plan.noNewPrivileges)))
        members.append(("readOnlyRootFilesystem", .bool(plan.readOnlyRootFilesystem)))
        members.append(("tmpfs", .arr(plan.tmpfs.map { .str($0.target) })))
        members.append(("volumes", .arr(plan.mounts.map { .str($0.target) })))
        members.append(("memoryBytes", number(plan.memory)))
        members.append(("memorySwapBytes", number(plan.memorySwap)))
        members.append(("cpus", plan.cpus.map { JSONNode.num(Units.cpusSpelling($0)) } ?? .null))
        // CFS quota per 100000 µs period, as Docker derives it from --cpus.
        members.append(("cpuQuotaMicros", number(plan.cpus.map { Int64(($0 * 100_000).rounded()) })))
        members.append(("pidsLimit", plan.pidsLimit.map(JSONNode.int) ?? .null))
        let ulimits: [(String, JSONNode)] = plan.ulimits.map { limit in
            (limit.name, JSONNode.obj([("soft", number(limit.soft)), ("hard", number(limit.hard))]))
        }
        members.append(("ulimits", .obj(ulimits)))
        members.append(("publishAddress", .str(profile.network.publishAddress ?? "127.0.0.1")))
        members.append(("restart", plan.restart.map { JSONNode.str($0.description) } ?? .null))
        // Names only: a profile says which secrets a launch must bring, never what they hold.
        members.append(("secrets", .arr(profile.secrets.map { secret in
            JSONNode.obj([("name", .str(secret.name)), ("path", .str(LaunchPlan.Secret.directory + "/" + secret.name)), ("required", .bool(secret.required))])
        })))
        return .obj(members)
    }

    public static func capabilityMask(_ capabilities: Set<Capability>) -> String {
        var mask: UInt64 = 0
        for capability in capabilities { mask |= UInt64(1) << UInt64(capability.number) }
        let hex = String(mask, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func number(_ value: Int64?) -> JSONNode {
        value.map { JSONNode.num(String($0)) } ?? .null
    }
}
