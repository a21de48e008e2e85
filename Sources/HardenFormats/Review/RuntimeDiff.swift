import HardenModel
/// How the container meets the world: network, restarts, health checks, environment, secrets.
package enum RuntimeDiff {
    static func changes(_ before: Profile, _ after: Profile) -> [SettingChange] {
        var changes: [SettingChange] = []
        if let change = Direction.ranked("network.publishAddress", publish(before.network.publishAddress), publish(after.network.publishAddress)) {
            changes.append(change)
        }
        if let change = Direction.ranked("network.mode", network(before.network.mode), network(after.network.mode)) { changes.append(change) }
        // A lower port start lets the container's unprivileged user bind more ports (in its own namespace).
        func ports(_ start: Int?) -> (rank: Int, shown: String) {
            start.map { ($0, "ports from \($0) without a capability") } ?? (1024, "the kernel's 1024")
        }
        if let change = Direction.ranked("network.unprivilegedPortStart", ports(before.network.unprivilegedPortStart), ports(after.network.unprivilegedPortStart)) {
            changes.append(change)
        }
        if let change = Direction.ranked("restart", restart(before.restart), restart(after.restart)) { changes.append(change) }
        changes += healthcheck(before.healthcheck, after.healthcheck)
        changes += environment(before.environment, after.environment)
        changes += secrets(before.secrets, after.secrets)
        return changes
    }

    /// A declared secret is a read-only file the launch must (or may) bring: it changes what a
    /// launch needs, not what the container may do.
    static func secrets(_ before: [Profile.SecretDeclaration], _ after: [Profile.SecretDeclaration]) -> [SettingChange] {
        let old = Dictionary(before.map { ($0.name, $0.required) }, uniquingKeysWith: { $1 })
        let new = Dictionary(after.map { ($0.name, $0.required) }, uniquingKeysWith: { $1 })
        func need(_ required: Bool) -> String { required ? "required" : "optional" }
        var changes: [SettingChange] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            let setting = StrictReader.render(["secrets", name])
            switch (old[name], new[name]) {
            case (nil, let required?): changes.append(SettingChange(setting, .neutral, "added, \(need(required)) (--secret \(name)=FILE)"))
            case (_?, nil): changes.append(SettingChange(setting, .neutral, "removed"))
            case (let a?, let b?) where a != b: changes.append(SettingChange(setting, .neutral, "\(need(a)) → \(need(b))"))
            default: continue
            }
        }
        return changes
    }

    /// Ports published without an address bind to it: loopback reaches only this host, one other
    /// address one network, 0.0.0.0 or :: every network the host is on.
    static func publish(_ address: String?) -> (rank: Int, shown: String) {
        let address = address ?? "127.0.0.1"
        if address == "::1" || (IPAddress.isIPv4(address) && address.hasPrefix("127.")) { return (2, address) }
        if address == "0.0.0.0" || address == "::" || address == "0:0:0:0:0:0:0:0" { return (0, address + " (every interface)") }
        return (1, address)
    }

    /// `none` has no network at all; the host's network or another container's is not the
    /// container's own; any bridge or user-defined network is one of its own.
    static func network(_ mode: String?) -> (rank: Int, shown: String) {
        guard let mode else { return (2, "the engine's default") }
        if mode == "none" { return (3, mode) }
        if mode == "host" { return (0, mode) }
        if mode.hasPrefix("container:") || mode.hasPrefix("service:") { return (1, mode) }
        return (2, mode)
    }

    /// Ranked by how often a failing container comes back: never, up to N times, forever.
    static func restart(_ policy: Profile.RestartPolicy?) -> (rank: Int, shown: String) {
        guard let policy else { return (Int.max, "the engine's default (no)") }
        switch policy.policy {
        case "no": return (Int.max, "no")
        case "on-failure": return policy.maxRetries.map { (Int.max - 1 - $0, "on-failure:\($0)") } ?? (1, "on-failure (unbounded)")
        default: return (0, policy.policy)
        }
    }

    /// A check lets the engine notice a wedged service (CIS 5.26); switching off the image's own
    /// check loosens. Timings are the service's business.
    static func healthcheck(_ before: Profile.Healthcheck?, _ after: Profile.Healthcheck?) -> [SettingChange] {
        func state(_ check: Profile.Healthcheck?) -> (rank: Int, shown: String) {
            guard let check else { return (1, "the image's own") }
            if check.disable { return (0, "disabled") }
            return check.command.map { (2, "\"\($0)\"") } ?? (1, "the image's own")
        }
        var changes: [SettingChange] = []
        if let change = Direction.ranked("healthcheck", state(before), state(after)) { changes.append(change) }
        if let old = before, let new = after, old.interval != new.interval || old.timeout != new.timeout || old.startPeriod != new.startPeriod || old.retries != new.retries {
            changes.append(SettingChange("healthcheck", .neutral, "timing changed"))
        }
        return changes
    }

    /// Values are never shown: they may be secrets. A literal secret added loosens (it is readable
    /// with `docker inspect` and in /proc), one removed tightens.
    static func environment(_ before: [Profile.EnvironmentVariable], _ after: [Profile.EnvironmentVariable]) -> [SettingChange] {
        let old = Dictionary(before.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        let new = Dictionary(after.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        var changes: [SettingChange] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            let setting = StrictReader.render(["environment", name])
            switch (old[name], new[name]) {
            case (nil, let value?):
                changes.append(secret(name, value) ? SettingChange(setting, .loosens, "added, holding a literal secret") : SettingChange(setting, .neutral, "added"))
            case (let value?, nil):
                changes.append(SettingChange(setting, secret(name, value) ? .tightens : .neutral, "removed"))
            case (let a?, let b?) where a != b:
                let effect: SettingChange.Effect = secret(name, b) && !secret(name, a) ? .loosens : secret(name, a) && !secret(name, b) ? .tightens : .neutral
                changes.append(SettingChange(setting, effect, "value changed"))
            default:
                break
            }
        }
        return changes
    }

    /// The validator's own test, so diff and `secret-in-environment` agree.
    static func secret(_ name: String, _ value: String) -> Bool {
        var plan = LaunchPlan()
        plan.environment = ["\(name)=\(value)"]
        return !EnvironmentChecks.secrets(plan, RuleContext(host: HostFacts(currentDirectory: "/", today: "1970-01-01"), policy: Policy())).isEmpty
    }
}
