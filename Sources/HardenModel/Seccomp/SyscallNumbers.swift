/// Syscall numbers back to names, for the architectures whose numbers kernel seccomp records carry
/// (`arch=c000003e syscall=257`). The tables are generated from libseccomp (`SyscallNumberTable.swift`).
public enum SyscallNumbers {
    /// The audit architecture values (`AUDIT_ARCH_*`) records name: x86_64 and aarch64 only, their
    /// native ABIs; a 32-bit process's records are reported as not understood rather than misnamed.
    public static func architecture(audit: String) -> SeccompArchitecture? {
        switch audit.lowercased() {
        case "c000003e": .x86_64
        case "c00000b7": .aarch64
        default: nil
        }
    }

    public static func name(_ number: Int, on architecture: SeccompArchitecture) -> String? {
        architecture == .x86_64 ? x86_64[number] : aarch64[number]
    }
}
