/// The system-call ABIs harden writes filters for. A 64-bit kernel also runs its 32-bit compat ABIs
/// (x86 and x32 on x86_64, arm on aarch64), each with its own syscall numbers, so a filter lists them
/// too, as Docker's does; otherwise a 32-bit binary in the image would meet the bad-architecture action.
public struct SyscallABIs: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let x86_64 = SyscallABIs(rawValue: 1 << 0)
    /// i386, the 32-bit x86 ABI.
    public static let x86 = SyscallABIs(rawValue: 1 << 1)
    /// 64-bit registers with 32-bit pointers; numbers are x86_64's with bit 30 set.
    public static let x32 = SyscallABIs(rawValue: 1 << 2)
    public static let aarch64 = SyscallABIs(rawValue: 1 << 3)
    /// 32-bit ARM (EABI), aarch64's compat ABI.
    public static let arm = SyscallABIs(rawValue: 1 << 4)
}

/// A host architecture harden targets: its native ABI and the compat ABIs the kernel runs beside it.
public enum SeccompArchitecture: String, Sendable, CaseIterable {
    case x86_64
    case aarch64

    /// The native ABI and its compat ABIs.
    public var abis: SyscallABIs {
        switch self {
        case .x86_64: [.x86_64, .x86, .x32]
        case .aarch64: [.aarch64, .arm]
        }
    }

    public var nativeABI: SyscallABIs { self == .x86_64 ? .x86_64 : .aarch64 }

    /// libseccomp's names, native first, as `architectures` and `archMap` spell them.
    public var scmpArchitectures: [String] {
        switch self {
        case .x86_64: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]
        case .aarch64: ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"]
        }
    }

    /// Go's GOARCH names, which Docker matches a rule's `includes.arches` against: the host's own
    /// architecture, never a compat one, so a 32-bit host of the family is listed as well.
    public var dockerArches: [String] {
        switch self {
        case .x86_64: ["386", "amd64"]
        case .aarch64: ["arm", "arm64"]
        }
    }

    /// The machine harden itself runs on, which is where `harden run` starts containers.
    public static var host: SeccompArchitecture {
        #if arch(arm64)
        return .aarch64
        #else
        return .x86_64
        #endif
    }

    /// Accepts the kernel's, Go's and Debian's spellings: x86_64, amd64; aarch64, arm64.
    public static func named(_ text: String) -> SeccompArchitecture? {
        switch text.lowercased() {
        case "x86_64", "amd64", "x86-64": .x86_64
        case "aarch64", "arm64": .aarch64
        default: nil
        }
    }
}
