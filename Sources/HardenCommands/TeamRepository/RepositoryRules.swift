import HardenFormats
import HardenModel
/// What `harden validate` finds wrong with a repository's files, as opposed to what the validator
/// finds wrong with a launch. They are rules so that every report format (text, JSON, SARIF) and
/// `harden explain` treat them alike; they judge files, not plans, so their checks are empty, and a
/// policy cannot turn them off: a profile that does not load runs nothing at all.
public enum RepositoryRules {
    public static let all: [Rule] = [
        rule("invalid-profile", .error,
             summary: "a profile file that does not parse or decode strictly: a syntax error, an unknown key, a wrong type or value",
             why: "harden refuses a profile it cannot read exactly as written, so every launch with this profile, and with the profiles that extend it, fails.",
             fix: "correct the key or value the message names; the profile format is in harden's README"),
        rule("requires-newer-harden", .error,
             summary: "a profile whose \"requires\" names a newer harden than this one",
             why: "The profile may use keys or meanings this harden does not know; it refuses the profile rather than misread it.",
             fix: "upgrade harden to the version the profile requires (in CI too), or lower \"requires\" if the profile does not need the newer harden"),
        rule("name-mismatch", .error,
             summary: "a profile whose \"name\" differs from its file name",
             why: "Profiles are found by file name; a different name inside would make `harden run NAME` and the file disagree.",
             fix: "rename the file or change \"name\" so they agree (or drop \"name\": it defaults to the file name)"),
        rule("unknown-parent", .error,
             summary: "\"extends\" names no profile on the search path",
             why: "A profile is merged over its parent; without the parent there is no profile to run.",
             fix: "correct the name, use a built-in (`harden profiles` lists them), or add the parent's directory with --profiles"),
        rule("extends-cycle", .error,
             summary: "profiles that extend each other in a cycle",
             why: "A cycle has no root to merge from, so none of its profiles can be resolved.",
             fix: "remove one \"extends\" so the chain ends in a profile that extends nothing (usually a built-in)"),
        rule("broken-parent", .error,
             summary: "a profile whose parent, or an ancestor further up, is broken",
             why: "The profile itself may be fine, but it cannot be resolved until its ancestor is; the ancestor's own defect is reported with its file.",
             fix: "fix the ancestor named in the message"),
        rule("duplicate-name", .error,
             summary: "two profiles of the same name (or names differing only in case) in the validated directories",
             why: "The first on the search path hides the other, which is then never used unless the first extends it; names differing only in case collide on case-insensitive filesystems.",
             fix: "rename one of them, or make the first extend the name to build on the second"),
        rule("seccomp-add-shadowed", .warning,
             summary: "a seccomp \"add\" entry that an inherited deny group still refuses",
             why: "Deny wins: adding ptrace under a parent that denies @debug changes nothing, and the workload still gets EPERM.",
             fix: "add the deny entry's exact name (\"add\": [\"@debug\"]) to lift that deny, or drop the entry"),
        rule("invalid-policy", .error,
             summary: "a policy file that does not parse or decode strictly",
             why: "A policy that half-decodes would validate launches less strictly than the team wrote; harden refuses it.",
             fix: "correct the key or value the message names; the policy format is in harden's docs/validator.md"),
        rule("policy-unknown-profile", .warning,
             summary: "a policy exception scoped to a profile that is not in the repository or built in",
             why: "An exception for a misspelt profile never applies, and the launch it was written for is still rejected.",
             fix: "correct the profile name in the exception, or remove the exception"),
    ]

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }

    public static var ids: [String] { all.map(\.id) }

    private static func rule(_ id: String, _ severity: Severity, summary: String, why: String, fix: String) -> Rule {
        Rule(id, severity, summary: summary, why: why, fix: fix, cis: "—", pss: "—", check: { _, _ in [] })
    }

    /// A finding of one of these rules, with the rule's fix.
    static func finding(_ id: String, _ message: String, at position: SourcePosition) -> Finding {
        let rule = rule(id)!
        return Finding(ruleID: id, severity: rule.severity, message: message, fix: rule.fix, position: position)
    }
}
