/// A hardening profile as written in one JSON file. Every setting is optional so that a profile can
/// say only what differs from the one it `extends`; `ProfileRepository` resolves the chain and the
/// result of that merge is decoded into the same type.
///
/// Inheritance rules, per key: absent inherits, a value replaces, `null` clears (for example
/// `"tmpfs": {"/run": null}` removes a parent's carve-out). Objects merge key by key; arrays replace.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// The parent profile's name; `builtin:NAME` names a built-in even where a team file shadows it.
    public var extends: String?
    public var description: String?
    /// The oldest harden version that reads this profile correctly (`"requires": "0.1"`).
    public var requires: String?
    /// Why the profile sets what it does, by setting (`"capabilities": "binds :443"`,
    /// `"resources.memory": "…"`), for `harden docs`. Inherited key by key like any object; it
    /// changes no container.
    public var rationale: [String: String] = [:]
    /// `uid:gid`, `uid`, or a user name, as `docker run --user` takes it.
    public var user: String?
    public var capabilities: Capabilities?
    public var noNewPrivileges: Bool?
    public var readOnlyRootFilesystem: Bool?
    /// Writable tmpfs carve-outs, by target path.
    public var tmpfs: [TmpfsCarveOut] = []
    /// Named volumes, anonymous volumes and bind mounts, by target path.
    public var volumes: [VolumeCarveOut] = []
    public var resources: Resources = Resources()
    public var userNamespace: UserNamespace?
    public var seccomp: SeccompPolicy?
    public var network: Network = Network()
    public var restart: RestartPolicy?
    public var healthcheck: Healthcheck?
    /// Environment variables every container of this profile gets, in key order.
    public var environment: [EnvironmentVariable] = []
    /// Secrets the workload reads from /run/secrets/NAME, in key order; `--secret NAME=FILE` gives each.
    public var secrets: [SecretDeclaration] = []

    public init(name: String) { self.name = name }

    public struct Capabilities: Sendable, Equatable {
        /// Canonical names (upper case, no `CAP_`); `ALL` allowed.
        public var drop: [String] = []
        public var add: [String] = []
        public init(drop: [String] = [], add: [String] = []) { self.drop = drop; self.add = add }

        /// What a container starting from Docker's default set ends up holding.
        public var effective: Set<Capability> {
            Profile.Capabilities.apply(drop: drop, add: add, to: Capability.dockerDefault)
        }

        /// Docker's rule: drops first (ALL empties the set), then adds (ALL fills it), so an add beats a drop.
        public static func apply(drop: [String], add: [String], to base: Set<Capability>) -> Set<Capability> {
            var set = base
            for name in drop {
                if name == "ALL" { set.removeAll() } else if let cap = Capability.named(name) { set.remove(cap) }
            }
            for name in add {
                if name == "ALL" { set = Capability.every } else if let cap = Capability.named(name) { set.insert(cap) }
            }
            return set
        }
    }

    public struct TmpfsCarveOut: Sendable, Equatable {
        public var target: String
        /// Size in bytes; nil leaves the kernel's default (half of memory) — the validator warns.
        public var size: Int64?
        /// Octal mode such as `1777`.
        public var mode: String?
        public var uid: Int?
        public var gid: Int?
        /// Mount flags: noexec, nosuid, nodev, exec, suid, dev, ro, rw, …
        public var options: [String] = []
        public init(target: String) { self.target = target }
    }

    public struct VolumeCarveOut: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable { case volume, bind }
        public var target: String
        public var kind: Kind = .volume
        /// Volume name or host path; nil for an anonymous volume.
        public var source: String?
        public var readOnly = false
        public init(target: String) { self.target = target }
    }

    public struct Resources: Sendable, Equatable {
        public var memory: Int64?
        /// Memory plus swap; when a profile sets memory but not this, swap is pinned to memory (no swap).
        /// -1 means unlimited swap.
        public var memorySwap: Int64?
        public var cpus: Double?
        public var pids: Int?
        public var nofile: Ulimit?
        public var nproc: Ulimit?
        public var shmSize: Int64?
        public init() {}
    }

    public struct Ulimit: Sendable, Equatable {
        public var soft: Int64
        public var hard: Int64
        public init(soft: Int64, hard: Int64) { self.soft = soft; self.hard = hard }
    }

    public struct UserNamespace: Sendable, Equatable {
        public var uidMappings: [IDMapping] = []
        public var gidMappings: [IDMapping] = []
        public init() {}
    }

    public struct IDMapping: Sendable, Equatable {
        public var containerID: Int
        public var hostID: Int
        public var size: Int
        public init(containerID: Int, hostID: Int, size: Int) {
            self.containerID = containerID; self.hostID = hostID; self.size = size
        }
    }

    /// Which syscalls the role needs; `SeccompGenerator` turns it into a filter.
    public struct SeccompPolicy: Sendable, Equatable {
        /// Syscall names and `@group`s (see `SyscallGroupTable`).
        public var allow: [String] = []
        /// Names and groups refused even when `allow` includes them: deny wins.
        public var deny: [String] = []
        /// Entries added to the inherited `allow` (the additive form, `SeccompAdditions`); resolving
        /// a chain folds them into `allow`, so a resolved profile's lists are always empty.
        public var add: [String] = []
        /// Entries taken out of what the inherited filter allows; folded into `allow` and `deny`.
        public var remove: [String] = []
        /// What every other call gets: `errno` (EPERM), `log` (allowed, and logged by the kernel:
        /// for finding what a workload needs), `kill` (the whole process) or `trap` (SIGSYS).
        public var defaultAction: String = "errno"
        /// Address families `socket` and `socketpair` may use, by name (`inet`, `unix`, ...);
        /// nil means `AddressFamilyTable.defaultNames`.
        public var socketFamilies: [String]?
        public init() {}
    }

    public struct Network: Sendable, Equatable {
        /// The address published ports bind to when the user names none.
        public var publishAddress: String?
        /// `bridge`, `none`, or a user-defined network; host namespaces are the validator's concern.
        public var mode: String?
        /// The container's `net.ipv4.ip_unprivileged_port_start` (`UnprivilegedPorts`): 0 lets a
        /// process without NET_BIND_SERVICE bind every port, inside its own network namespace only.
        public var unprivilegedPortStart: Int?
        public init() {}
    }

    public struct RestartPolicy: Sendable, Equatable {
        public var policy: String
        public var maxRetries: Int?
        public init(policy: String, maxRetries: Int? = nil) { self.policy = policy; self.maxRetries = maxRetries }
        /// Docker's spelling: `on-failure:5`, `unless-stopped`.
        public var dockerValue: String { maxRetries.map { "\(policy):\($0)" } ?? policy }
    }

    public struct Healthcheck: Sendable, Equatable {
        /// Run by the image's shell (`--health-cmd`).
        public var command: String?
        public var interval: String?
        public var timeout: String?
        public var startPeriod: String?
        public var retries: Int?
        /// `--no-healthcheck`: switch off a check the image defines.
        public var disable = false
        public init() {}
    }

    public struct SecretDeclaration: Sendable, Equatable {
        public var name: String
        /// A launch without `--secret NAME=FILE` is refused; false documents a secret the workload
        /// reads when it is there.
        public var required = true
        public init(name: String, required: Bool = true) { self.name = name; self.required = required }
    }

    public struct EnvironmentVariable: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }
}
