/// Linux capabilities, name and number in one row (linux/capability.h), so no list of names is kept twice.
public struct Capability: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as Docker spells it: upper case, without the `CAP_` prefix.
    public let name: String
    public let number: Int

    public static func < (a: Capability, b: Capability) -> Bool { a.name < b.name }
    /// By number alone (equal capabilities have equal numbers): sets of them are built and compared
    /// for every audited launch, and hashing the name cost more than the rest of the comparison.
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }
    public var description: String { name }
    /// The spelling the OCI runtime spec uses.
    public var ociName: String { "CAP_" + name }

    public static let all: [Capability] = [
        ("CHOWN", 0), ("DAC_OVERRIDE", 1), ("DAC_READ_SEARCH", 2), ("FOWNER", 3), ("FSETID", 4),
        ("KILL", 5), ("SETGID", 6), ("SETUID", 7), ("SETPCAP", 8), ("LINUX_IMMUTABLE", 9),
        ("NET_BIND_SERVICE", 10), ("NET_BROADCAST", 11), ("NET_ADMIN", 12), ("NET_RAW", 13),
        ("IPC_LOCK", 14), ("IPC_OWNER", 15), ("SYS_MODULE", 16), ("SYS_RAWIO", 17), ("SYS_CHROOT", 18),
        ("SYS_PTRACE", 19), ("SYS_PACCT", 20), ("SYS_ADMIN", 21), ("SYS_BOOT", 22), ("SYS_NICE", 23),
        ("SYS_RESOURCE", 24), ("SYS_TIME", 25), ("SYS_TTY_CONFIG", 26), ("MKNOD", 27), ("LEASE", 28),
        ("AUDIT_WRITE", 29), ("AUDIT_CONTROL", 30), ("SETFCAP", 31), ("MAC_OVERRIDE", 32),
        ("MAC_ADMIN", 33), ("SYSLOG", 34), ("WAKE_ALARM", 35), ("BLOCK_SUSPEND", 36), ("AUDIT_READ", 37),
        // 38-40 arrived in Linux 5.8 / 5.9; Docker 20.10 knows them.
        ("PERFMON", 38), ("BPF", 39), ("CHECKPOINT_RESTORE", 40),
    ].map { Capability(name: $0.0, number: $0.1) }

    /// Every capability, as the set `ALL` means.
    public static let every: Set<Capability> = Set(all)

    /// The 14 capabilities Docker grants a container when nothing is said (moby's defaultCapabilities).
    public static let dockerDefault: Set<Capability> = Set([
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID",
        "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
    ].map { named($0)! })

    private static let byName: [String: Capability] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Looks up a capability the way Docker does: any case, with or without `CAP_`.
    public static func named(_ spelling: String) -> Capability? {
        byName[canonicalName(spelling)]
    }

    /// Upper-cased, `CAP_` removed: the form names are compared in. `ALL` stays `ALL`.
    public static func canonicalName(_ spelling: String) -> String {
        // Spellings are almost always plain ASCII without blanks at either end: skip Foundation's trimming then.
        let plain = spelling.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        let upper = (plain ? spelling : spelling.trimmingWhitespace()).uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }
}

import FoundationEssentials
