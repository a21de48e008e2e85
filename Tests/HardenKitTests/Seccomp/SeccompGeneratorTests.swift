import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Generating a seccomp filter from a policy")
struct SeccompGeneratorTests {
    static func policy(allow: [String], deny: [String] = [], defaultAction: String = "errno", families: [String]? = nil) -> Profile.SeccompPolicy {
        var policy = Profile.SeccompPolicy()
        policy.allow = allow
        policy.deny = deny
        policy.defaultAction = defaultAction
        policy.socketFamilies = families
        return policy
    }

    /// Every name some rule lets through, with or without conditions.
    static func allowed(_ filter: SeccompFilter) -> Set<String> {
        Set(filter.rules.filter { $0.action == .allow }.flatMap(\.names))
    }

    static func rules(_ filter: SeccompFilter, for name: String) -> [SeccompFilter.Rule] {
        filter.rules.filter { $0.names.contains(name) }
    }

    @Test("deny beats allow, for names and for groups")
    func denyWins() {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["@system-service", "@mount"], deny: ["mkdir", "@network-io", "@mount"]))
        let allowed = Self.allowed(filter)
        for name in ["mkdir", "connect", "socket", "accept4", "mount", "pivot_root"] {
            #expect(!allowed.contains(name), "\(name) is denied")
        }
        #expect(allowed.contains("read") && allowed.contains("mkdirat"))
    }

    @Test("clone is allowed only without namespace flags")
    func cloneFlags() throws {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["@system-service"]))
        let rules = Self.rules(filter, for: "clone")
        #expect(rules.count == 1)
        let rule = try #require(rules.first)
        #expect(rule.action == .allow && rule.names == ["clone"])
        #expect(rule.arguments == [.init(index: 0, value: 0x7E02_0000, valueTwo: 0, op: .maskedEqual)])
        // CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET are among the refused bits; CLONE_THREAD is not.
        for flag: UInt64 in [0x1000_0000, 0x0002_0000, 0x4000_0000] { #expect(rule.arguments[0].value & flag != 0) }
        #expect(rule.arguments[0].value & 0x0001_0000 == 0)
    }

    @Test("clone3 answers ENOSYS even when allowed, unless denied", arguments: [
        (["@system-service"], [], SeccompFilter.Action.errno(38)),
        (["@system-service", "clone3"], [], .errno(38)),
        (["@system-service"], ["clone3"], nil),
    ] as [([String], [String], SeccompFilter.Action?)])
    func clone3(allow: [String], deny: [String], action: SeccompFilter.Action?) {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: allow, deny: deny))
        #expect(Self.rules(filter, for: "clone3").map(\.action) == (action.map { [$0] } ?? []))
    }

    @Test("calls callers fall back from answer ENOSYS or EOPNOTSUPP when not allowed, and keep EPERM when denied", arguments: [
        ("faccessat2", 38), ("fchmodat2", 38), ("landlock_create_ruleset", 38), ("openat2", 38),
        ("fsetxattr", 95), ("setxattr", 95), ("lsetxattr", 95), ("fremovexattr", 95), ("removexattr", 95), ("lremovexattr", 95),
    ])
    func probedCalls(name: String, errno: Int) {
        let absent = SeccompGenerator.filter(for: Self.policy(allow: ["read"]))
        #expect(Self.rules(absent, for: name).map(\.action) == [.errno(errno)])
        let allowed = SeccompGenerator.filter(for: Self.policy(allow: ["read", name]))
        #expect(Self.rules(allowed, for: name).map(\.action) == [.allow])
        let denied = SeccompGenerator.filter(for: Self.policy(allow: ["read"], deny: [name]))
        #expect(Self.rules(denied, for: name).isEmpty)
    }

    @Test("personality is allowed only for the Linux personas and the query")
    func personality() {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["personality"]))
        let values = Self.rules(filter, for: "personality").map { $0.arguments.map(\.value) }
        #expect(values == [[0], [8], [0x2_0000], [0x2_0008], [0xFFFF_FFFF]])
        #expect(Self.rules(filter, for: "personality").allSatisfy { $0.arguments.allSatisfy { $0.op == .equal && $0.index == 0 } })
    }

    @Test("socket and socketpair open only the profile's address families", arguments: [
        (nil, [1, 2, 10, 16]),
        (["unix"], [1]),
        (["inet6", "inet"], [2, 10]),
    ] as [([String]?, [UInt64])])
    func socketFamilies(families: [String]?, numbers: [UInt64]) {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["@network-io"], families: families))
        for name in ["socket", "socketpair"] {
            let rules = Self.rules(filter, for: name)
            #expect(rules.map { $0.arguments.map(\.value) } == numbers.map { [$0] })
            #expect(rules.allSatisfy { $0.action == .allow && $0.arguments.allSatisfy { $0.op == .equal && $0.index == 0 } })
        }
    }

    @Test("no name is both unconditionally allowed and under another rule")
    func noConflicts() {
        for name in ["web", "worker", "db"] {
            let filter = SeccompGenerator.filter(for: BuiltinFilters.policy(name))
            let unconditional = filter.rules.filter { $0.arguments.isEmpty && $0.action == .allow }.flatMap(\.names)
            let others = filter.rules.filter { !$0.arguments.isEmpty || $0.action != .allow }.flatMap(\.names)
            #expect(Set(unconditional).isDisjoint(with: others), "\(name)")
            #expect(Set(unconditional).count == unconditional.count, "\(name)")
        }
    }

    @Test("each rule's names exist on every architecture it applies to")
    func rulesMatchArchitectures() {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["@system-service", "@chown", "@setuid"]))
        for rule in filter.rules {
            for architecture in rule.architecture.map({ [$0] }) ?? SeccompArchitecture.allCases {
                for name in rule.names { #expect(Syscalls.exists(name, on: architecture), "\(name) on \(architecture)") }
            }
        }
        let x86Only = filter.rules.first { $0.architecture == .x86_64 && $0.action == .allow }?.names ?? []
        #expect(x86Only.contains("arch_prctl") && x86Only.contains("time"))
        let armOnly = filter.rules.first { $0.architecture == .aarch64 && $0.action == .allow }?.names ?? []
        #expect(armOnly.contains("set_tls"))
    }

    @Test("the default action maps to libseccomp's, and denies get EPERM rules only when it is not errno", arguments: [
        ("errno", SeccompFilter.Action.errno(1), false), ("log", .log, true), ("kill", .killProcess, true), ("trap", .trap, true),
    ])
    func defaultAction(spelling: String, action: SeccompFilter.Action, denyRule: Bool) {
        let filter = SeccompGenerator.filter(for: Self.policy(allow: ["@system-service"], deny: ["@mount"], defaultAction: spelling))
        #expect(filter.defaultAction == action)
        let denied = filter.rules.filter { $0.comment == "denied by the profile" }
        #expect(!denied.isEmpty == denyRule)
        if denyRule {
            #expect(denied.allSatisfy { $0.action == .errno(1) })
            #expect(Set(denied.flatMap(\.names)) == SyscallCatalogue.expand(["@mount"]))
        }
    }

    @Test("without no-new-privileges the runtime's hand-off calls are allowed, even denied ones")
    func runtimeHandoff() {
        let policy = Self.policy(allow: ["@system-service"], deny: ["@privileged"])
        let strict = Self.allowed(SeccompGenerator.filter(for: policy))
        let loose = Self.allowed(SeccompGenerator.filter(for: policy, noNewPrivileges: false))
        #expect(strict.isDisjoint(with: SeccompGenerator.runtimeHandoff))
        #expect(loose == strict.union(SeccompGenerator.runtimeHandoff.filter { Syscalls.exists($0, on: .x86_64) || Syscalls.exists($0, on: .aarch64) }))
    }

    @Test("a plan's filter: the profile's, with the hand-off without no-new-privileges, none when the user chose one")
    func planFilter() throws {
        var plan = PlanBuilder.plan(for: BuiltinFilters.profile("web"))
        #expect(SeccompGenerator.filter(for: plan) == BuiltinFilters.filter("web"))
        plan.noNewPrivileges = false
        #expect(try #require(SeccompGenerator.filter(for: plan)).rules.contains { $0.names.contains("setuid") })
        plan.seccomp = .unconfined
        #expect(SeccompGenerator.filter(for: plan) == nil)
        #expect(SeccompGenerator.filter(for: LaunchPlan()) == nil)
    }

    @Test("the same policy always gives the same filter, whatever the order of its lists")
    func deterministic() {
        let one = SeccompGenerator.filter(for: Self.policy(allow: ["@system-service", "@sync", "shmget"], deny: ["@privileged", "fsync"]))
        let two = SeccompGenerator.filter(for: Self.policy(allow: ["shmget", "@sync", "@system-service", "@sync"], deny: ["fsync", "@privileged"]))
        #expect(one == two)
        #expect(one.rules.allSatisfy { $0.names == $0.names.sorted() })
    }
}

/// The built-in profiles' policies, as `harden seccomp` resolves them.
enum BuiltinFilters {
    static func profile(_ name: String) -> Profile {
        try! ProfileRepository(searchPath: SearchPath(entries: [])).resolve(name).profile
    }

    static func policy(_ name: String) -> Profile.SeccompPolicy { profile(name).seccomp! }

    static func filter(_ name: String) -> SeccompFilter {
        let profile = profile(name)
        return SeccompGenerator.filter(for: profile.seccomp!, noNewPrivileges: profile.noNewPrivileges ?? false)
    }
}
