/// Rules about the container's environment.
enum EnvironmentChecks {
    static let secretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY"]

    /// Names that point at a secret rather than hold one (`POSTGRES_PASSWORD_FILE=/run/secrets/db`).
    static let referenceSuffixes = ["_FILE", "_PATH", "_DIR"]

    static func secrets(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.environment.compactMap { variable in
            let pair = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[1].isEmpty else { return nil }
            let name = String(pair[0])
            let upper = name.uppercased()
            guard secretWords.contains(where: upper.contains), !referenceSuffixes.contains(where: upper.hasSuffix) else { return nil }
            return Hit("the environment variable \(name) holds a literal secret, which `docker inspect`, /proc and child processes reveal", .environment(name))
        }
    }
}
