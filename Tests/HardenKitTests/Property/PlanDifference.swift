@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Evidence for a failed property: the fields two plans differ in, each side as Swift prints it.
enum PlanDifference {
    static func fields(_ a: LaunchPlan, _ b: LaunchPlan) -> String {
        let left = Mirror(reflecting: a).children, right = Mirror(reflecting: b).children
        return zip(left, right).compactMap { l, r in
            let (x, y) = (String(reflecting: l.value), String(reflecting: r.value))
            return x == y ? nil : "  \(l.label ?? "?"): expected \(x)\n  \(String(repeating: " ", count: (l.label ?? "?").count))  got      \(y)"
        }.joined(separator: "\n")
    }
}
