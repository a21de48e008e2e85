import Foundation
import Testing
@testable import HardenModel

@Suite("Kernel seccomp records")
struct SeccompLogRecordTests {
    // Seen on this project's host (kernel 6.18, dockerd 20.10, a filter with SCMP_ACT_LOG as default).
    static let dmesg = #"[32044.891283] audit: type=1326 audit(1796639038.945:149): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=16050 comm="sh" exe="/bin/busybox" sig=0 arch=c000003e syscall=273 compat=0 ip=0x495a96 code=0x7ffc0000"#
    static let kmsg = #"6,2741,32044891283,-;audit: type=1326 audit(1796639038.945:150): auid=4294967295 uid=999 gid=999 ses=4294967295 pid=16407 comm="redis server" exe="/usr/bin/redis-check-rdb" sig=0 arch=c000003e syscall=257 compat=0 ip=0x7f3 code=0x7ffc0000"#
    static let auditd = #"type=SECCOMP msg=audit(1796639038.945:151): auid=4294967295 uid=65532 gid=65532 ses=4294967295 subj=unconfined pid=812 comm="python3" exe="/usr/bin/python3.11" sig=0 arch=c00000b7 syscall=56 compat=0 ip=0xffff code=0x7ffc0000\#u{1d}AUID="unset""#

    @Test("dmesg, /dev/kmsg and auditd lines give pid, comm and the call's name on its architecture")
    func parses() throws {
        let one = try #require(SeccompLogRecord.parse(Self.dmesg))
        #expect(one == SeccompLogRecord(pid: 16050, comm: "sh", arch: "c000003e", number: 273, name: "set_robust_list"))
        let two = try #require(SeccompLogRecord.parse(Self.kmsg))
        #expect(two.comm == "redis server")
        #expect(two.name == "openat")
        #expect(two.pid == 16407)
        let three = try #require(SeccompLogRecord.parse(Self.auditd))
        #expect(three.name == "openat", "aarch64's openat is 56")
        #expect(three.arch == "c00000b7")
    }

    @Test("records of other actions, other record types and unknown numbers are told apart")
    func others() throws {
        let kill = Self.dmesg.replacingOccurrences(of: "code=0x7ffc0000", with: "code=0x80000000")
        #expect(SeccompLogRecord.parse(kill) == nil, "a kill says what was refused, not what ran")
        #expect(SeccompLogRecord.parse("[1.0] docker0: port 1(veth) entered blocking state") == nil)
        #expect(SeccompLogRecord.parse(#"audit: type=1326 pid=1 comm="x" arch=c000003e code=0x7ffc0000"#) == nil, "no syscall= field")
        let i386 = try #require(SeccompLogRecord.parse(Self.dmesg.replacingOccurrences(of: "arch=c000003e", with: "arch=40000003")))
        #expect(i386.name == nil)
        let high = try #require(SeccompLogRecord.parse(Self.dmesg.replacingOccurrences(of: "syscall=273", with: "syscall=9999")))
        #expect(high.name == nil)
    }

    @Test("the rate limit's notice gives how many records were dropped")
    func suppressed() {
        #expect(SeccompLogRecord.suppressed("[32050.1] kauditd_printk_skb: 42 callbacks suppressed") == 42)
        #expect(SeccompLogRecord.suppressed("[32050.1] net_ratelimit: 42 callbacks suppressed") == nil)
        #expect(SeccompLogRecord.suppressed("kauditd_printk_skb: many") == nil)
    }

    @Test("x86_64 and aarch64 numbers map to the names libseccomp gives")
    func numbers() {
        #expect(SyscallNumbers.name(59, on: .x86_64) == "execve")
        #expect(SyscallNumbers.name(221, on: .aarch64) == "execve")
        #expect(SyscallNumbers.name(0, on: .x86_64) == "read")
        #expect(SyscallNumbers.architecture(audit: "C000003E") == .x86_64)
        #expect(SyscallNumbers.architecture(audit: "40000003") == nil)
        for name in ProcessStartTable.rows.map(\.syscall) where Syscalls.isNative(name, on: .x86_64) {
            #expect(SyscallNumbers.x86_64.values.contains(name), "\(name) has an x86_64 number")
        }
    }
}
