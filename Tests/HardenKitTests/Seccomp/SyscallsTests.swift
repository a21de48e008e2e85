import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The syscall table: which names exist on which ABI")
struct SyscallsTests {
    @Test("the table is sorted, one row per name, and every row exists somewhere")
    func tableShape() {
        let names = Syscalls.table.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        #expect(Syscalls.table.allSatisfy { !$0.abis.isEmpty })
    }

    /// Facts any Linux porter knows, to catch a table generated with the ABIs mixed up.
    @Test("well-known facts hold", arguments: [
        ("open", SyscallABIs([.x86_64, .x86, .x32, .arm])),
        ("openat", [.x86_64, .x86, .x32, .aarch64, .arm]),
        ("_llseek", [.x86, .arm]),
        ("chown32", [.x86, .arm]),
        ("arch_prctl", [.x86_64, .x86, .x32]),
        ("set_tls", [.arm]),
        ("clone3", [.x86_64, .x86, .x32, .aarch64, .arm]),
        ("socketcall", [.x86]),
        ("time", [.x86_64, .x86, .x32]),
    ] as [(String, SyscallABIs)])
    func facts(name: String, abis: SyscallABIs) {
        #expect(Syscalls.abis(of: name) == abis, "\(name)")
    }

    @Test("Docker's default allows 292 syscalls that exist on x86_64, as its documentation counts")
    func dockerCount() {
        #expect(DockerDefaultSyscalls.unconditional.count == 361)
        #expect(DockerDefaultSyscalls.unconditional.filter { Syscalls.isNative($0, on: .x86_64) }.count == 292)
        // Docker lists calls newer than the libseccomp the table comes from; runc linked with that
        // library cannot resolve them either, so they cannot be in any filter it loads.
        #expect(DockerDefaultSyscalls.unconditional.filter { !Syscalls.isKnown($0) } == [
            "getxattrat", "listmount", "listxattrat", "mseal", "removexattrat", "riscv_hwprobe", "setxattrat", "statmount", "uretprobe",
        ])
    }

    @Test("architectures accept the kernel's and Go's spellings", arguments: [
        ("x86_64", SeccompArchitecture.x86_64), ("amd64", .x86_64), ("aarch64", .aarch64), ("arm64", .aarch64),
    ])
    func architectureNames(text: String, architecture: SeccompArchitecture) {
        #expect(SeccompArchitecture.named(text) == architecture)
    }
}
