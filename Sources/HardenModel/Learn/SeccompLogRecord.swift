/// One kernel record of a call a seccomp filter logged (`type=1326` in the kernel log, `type=SECCOMP`
/// in auditd's log), reduced to what `harden learn` needs: which process made which call.
public struct SeccompLogRecord: Sendable, Equatable, Hashable {
    /// The process as the host sees it (the thread group id).
    public var pid: Int
    public var comm: String
    /// The audit architecture (`c000003e` for x86_64).
    public var arch: String
    public var number: Int
    /// The name on that architecture; nil when harden's table has no such number there.
    public var name: String?

    public init(pid: Int, comm: String, arch: String, number: Int, name: String?) {
        self.pid = pid; self.comm = comm; self.arch = arch; self.number = number; self.name = name
    }

    /// `code=0x7ffc0000`: SECCOMP_RET_LOG, the action of a call logged and allowed. Records of other
    /// actions (a kill, an errno some filter logs) say what was refused, not what the workload did.
    static let logAction = "0x7ffc0000"

    /// Reads one line of `dmesg`, `/dev/kmsg`, `journalctl -k` or `/var/log/audit/audit.log`; nil for
    /// a line that is no seccomp record of a logged-and-allowed call.
    public static func parse(_ line: Substring) -> SeccompLogRecord? {
        guard line.contains("type=1326") || line.contains("type=SECCOMP") else { return nil }
        // auditd ends a record with enriched fields after a group separator (0x1D): a word break.
        let fields = Self.fields(Substring(String(line.map { $0 == "\u{1d}" || $0 == "\n" ? " " : $0 })))
        guard fields["code"] == logAction, let pidText = fields["pid"], let pid = Int(pidText),
              let arch = fields["arch"], let numberText = fields["syscall"], let number = Int(numberText), number >= 0
        else { return nil }
        let name = SyscallNumbers.architecture(audit: arch).flatMap { SyscallNumbers.name(number, on: $0) }
        return SeccompLogRecord(pid: pid, comm: fields["comm"] ?? "?", arch: arch.lowercased(), number: number, name: name)
    }

    public static func parse(_ line: String) -> SeccompLogRecord? { parse(line[...]) }

    /// `key=value` words; a quoted value (`comm="redis-server"`) may hold spaces. A comm the kernel
    /// could not print plainly is hex (`comm=6E67696E78`) and kept as it is.
    static func fields(_ line: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = line[...]
        while let equals = rest.firstIndex(of: "=") {
            let keyStart = rest[..<equals].lastIndex(of: " ").map { rest.index(after: $0) } ?? rest.startIndex
            let key = String(rest[keyStart..<equals])
            var valueStart = rest.index(after: equals)
            let value: Substring
            if valueStart < rest.endIndex, rest[valueStart] == "\"" {
                valueStart = rest.index(after: valueStart)
                let close = rest[valueStart...].firstIndex(of: "\"") ?? rest.endIndex
                value = rest[valueStart..<close]
                rest = close < rest.endIndex ? rest[rest.index(after: close)...] : rest[rest.endIndex...]
            } else {
                let end = rest[valueStart...].firstIndex(of: " ") ?? rest.endIndex
                value = rest[valueStart..<end]
                rest = rest[end...]
            }
            if result[key] == nil { result[key] = String(value) }
        }
        return result
    }

    /// How many records the kernel's printk rate limit dropped, from its later notice
    /// (`kauditd_printk_skb: 42 callbacks suppressed`); nil for any other line.
    public static func suppressed(_ line: Substring) -> Int? {
        guard let range = line.firstRange(of: "kauditd_printk_skb: ") else { return nil }
        let words = line[range.upperBound...].split(separator: " ")
        guard words.count >= 3, words[1] == "callbacks", words[2].hasPrefix("suppressed") else { return nil }
        return Int(words[0])
    }
}
