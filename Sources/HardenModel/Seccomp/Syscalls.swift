/// Which syscall names exist, and on which ABI. The facts live in `SyscallTable.swift`, generated
/// from libseccomp; this file only answers questions about them.
public enum Syscalls {
    struct Row: Sendable {
        let name: String
        let abis: SyscallABIs
        init(_ name: String, _ abis: SyscallABIs) { self.name = name; self.abis = abis }
    }

    private static let byName: [String: SyscallABIs] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.abis) })

    /// Every known name, sorted.
    public static var all: [String] { table.map(\.name) }

    /// The ABIs on which `name` has a number; empty for a name harden does not know.
    public static func abis(of name: String) -> SyscallABIs { byName[name] ?? [] }

    public static func isKnown(_ name: String) -> Bool { byName[name] != nil }

    /// True when the name has a number on the architecture's native ABI or one of its compat ABIs.
    public static func exists(_ name: String, on architecture: SeccompArchitecture) -> Bool {
        !abis(of: name).isDisjoint(with: architecture.abis)
    }

    /// True when the name has a number on the architecture's native ABI: what `--stats` counts,
    /// because that is what a 64-bit process can call.
    public static func isNative(_ name: String, on architecture: SeccompArchitecture) -> Bool {
        abis(of: name).contains(architecture.nativeABI)
    }
}
