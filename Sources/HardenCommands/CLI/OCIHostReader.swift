import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// Reads `OCIHost` from this machine. Only `harden oci` calls it; the conversion never looks at the host.
enum OCIHostReader {
    /// Linux's resource numbers (asm-generic, the same on x86_64 and aarch64).
    static let resourceNumbers: [String: Int32] = [
        "RLIMIT_CPU": 0, "RLIMIT_FSIZE": 1, "RLIMIT_DATA": 2, "RLIMIT_STACK": 3, "RLIMIT_CORE": 4, "RLIMIT_RSS": 5,
        "RLIMIT_NPROC": 6, "RLIMIT_NOFILE": 7, "RLIMIT_MEMLOCK": 8, "RLIMIT_AS": 9, "RLIMIT_LOCKS": 10,
        "RLIMIT_SIGPENDING": 11, "RLIMIT_MSGQUEUE": 12, "RLIMIT_NICE": 13, "RLIMIT_RTPRIO": 14, "RLIMIT_RTTIME": 15,
    ]

    static func live(environment: [String: String]) -> OCIHost {
        OCIHost(architecture: architecture(), hardLimits: hardLimits(), cgroup: cgroupVersion(), swapAccounting: swapAccounting(),
                user: user(environment: environment))
    }

    static func architecture() -> String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    static func hardLimits() -> [String: UInt64] {
        var limits: [String: UInt64] = [:]
        for (type, number) in resourceNumbers {
            var limit = rlimit()
            #if os(Linux)
            let status = getrlimit(__rlimit_resource_t(UInt32(number)), &limit)
            #else
            let status = getrlimit(number, &limit)
            #endif
            // RLIM_INFINITY is all ones; an unlimited hard limit clamps nothing.
            if status == 0, UInt64(limit.rlim_max) != UInt64.max { limits[type] = UInt64(limit.rlim_max) }
        }
        return limits
    }

    static func cgroupVersion() -> OCIHost.CgroupVersion {
        FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") ? .v2 : .v1
    }

    /// cgroup v1 shows memsw files only with swap accounting on; v2 accounts swap whenever the
    /// kernel has swap support, which every distribution kernel enables.
    static func swapAccounting() -> Bool {
        cgroupVersion() == .v2 || FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes")
    }

    static func user(environment: [String: String]) -> OCIHost.HostUser {
        let uid = Int(getuid()), gid = Int(getgid())
        var host = OCIHost.HostUser(uid: uid, gid: gid)
        let path = (environment["PATH"] ?? "") + ":/usr/bin:/bin"
        let helpers = ["newuidmap", "newgidmap"].allSatisfy { tool in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
        }
        guard helpers else { return host }
        let name = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        host.subordinateUIDs = ranges(in: read("/etc/subuid"), for: [name, String(uid)].compactMap { $0 })
        host.subordinateGIDs = ranges(in: read("/etc/subgid"), for: [name, String(uid)].compactMap { $0 })
        return host
    }

    /// `name:start:count` lines for the user, by name or by uid, in file order.
    static func ranges(in text: String?, for owners: [String]) -> [OCIHost.IDRange] {
        (text ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":").map(String.init)
            guard fields.count == 3, owners.contains(fields[0]), let start = Int(fields[1]), let count = Int(fields[2]), count > 0 else { return nil }
            return OCIHost.IDRange(start: start, count: count)
        }
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
