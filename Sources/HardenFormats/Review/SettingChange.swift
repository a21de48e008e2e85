import HardenModel
/// One difference between two profiles' effective settings, and which way it moves the container.
public struct SettingChange: Sendable, Equatable, CustomStringConvertible {
    public enum Effect: String, Sendable, Equatable, CaseIterable {
        /// The container can do more: a capability added, a limit raised, a carve-out added, a
        /// syscall allowed, root instead of a non-root user.
        case loosens
        /// The container can do less.
        case tightens
        /// Neither, or not for harden to judge (a volume's name, an environment value).
        case neutral
    }

    /// The profile key the change is about, as `harden show` names keys: `resources.memory`.
    public var setting: String
    public var effect: Effect
    /// What changed, in words: `SYS_ADMIN added`, `512m → 1g`. Never an environment value, which
    /// may be a secret.
    public var detail: String

    public init(_ setting: String, _ effect: Effect, _ detail: String) {
        self.setting = setting
        self.effect = effect
        self.detail = detail
    }

    /// `loosens   capabilities: SYS_ADMIN added`
    public var description: String {
        effect.rawValue.padded(to: 10) + setting + ": " + detail
    }
}

/// Directions shared by the field comparisons.
package enum Direction {
    /// A limit where nil means none: raising or removing it loosens, lowering or setting it tightens.
    static func limit<T: Comparable>(_ setting: String, _ before: T?, _ after: T?, show: (T) -> String, unlimited: String = "no limit") -> SettingChange? {
        switch (before, after) {
        case (nil, nil): return nil
        case (nil, let value?): return SettingChange(setting, .tightens, "\(unlimited) → \(show(value))")
        case (let value?, nil): return SettingChange(setting, .loosens, "\(show(value)) → \(unlimited)")
        case (let old?, let new?):
            if old == new { return nil }
            return SettingChange(setting, new > old ? .loosens : .tightens, "\(show(old)) → \(show(new))")
        }
    }

    /// A value ranked from loosest (0) up: a higher rank tightens, a lower one loosens, the same
    /// rank with a different value is neutral.
    static func ranked(_ setting: String, _ before: (rank: Int, shown: String), _ after: (rank: Int, shown: String)) -> SettingChange? {
        if before.shown == after.shown { return nil }
        let effect: SettingChange.Effect = after.rank > before.rank ? .tightens : after.rank < before.rank ? .loosens : .neutral
        return SettingChange(setting, effect, "\(before.shown) → \(after.shown)")
    }

    /// Members added to and removed from a set, one change each: adding loosens when `addingLoosens`.
    static func members(_ setting: String, _ before: Set<String>, _ after: Set<String>, addingLoosens: Bool) -> [SettingChange] {
        let added = after.subtracting(before).sorted().map { SettingChange(setting, addingLoosens ? .loosens : .tightens, "\($0) added") }
        let removed = before.subtracting(after).sorted().map { SettingChange(setting, addingLoosens ? .tightens : .loosens, "\($0) removed") }
        return added + removed
    }
}
