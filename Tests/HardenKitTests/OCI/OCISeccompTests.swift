import Testing
@testable import HardenKit

@Suite("Seccomp in OCI configs")
struct OCISeccompTests {
    @Test("the baseline filter allows by default and refuses its list with EPERM, namespace clone flags one bit per rule, clone3 with ENOSYS")
    func baselineShape() throws {
        let filter = BaselineSeccomp.filter(architecture: "x86_64")
        #expect(filter.at("defaultAction")?.stringValue == "SCMP_ACT_ALLOW")
        let rules = filter.at("syscalls")?.arrayValue ?? []
        #expect(rules.first?.at("errnoRet")?.compact == "1")
        #expect(rules.first?.at("names")?.arrayValue?.count == BaselineSeccomp.names(on: "x86_64").count)
        let clone = rules.filter { $0.at("names")?.compact == #"["clone"]"# }
        #expect(clone.count == 7)
        #expect(clone.first?.at("args[0]")?.compact == #"{"index":0,"value":131072,"valueTwo":131072,"op":"SCMP_CMP_MASKED_EQ"}"#)
        #expect(rules.last?.compact == #"{"names":["clone3"],"action":"SCMP_ACT_ERRNO","errnoRet":38}"#)
    }

    @Test("names are sorted, unique, and only those of the architecture", arguments: ["x86_64", "aarch64"])
    func names(architecture: String) {
        let names = BaselineSeccomp.names(on: architecture)
        #expect(names == names.sorted() && Set(names).count == names.count)
        #expect(names.contains("ioperm") == (architecture == "x86_64"))
        for name in ["mount", "unshare", "setns", "bpf", "ptrace", "keyctl", "init_module", "kexec_load", "open_by_handle_at"] {
            #expect(names.contains(name), "\(name) on \(architecture)")
        }
    }

    @Test("nothing a built-in's workload needs is refused")
    func workloadsUnaffected() {
        let names = Set(BaselineSeccomp.names(on: "x86_64"))
        for needed in ["read", "write", "openat", "clone", "execve", "socket", "bind", "listen", "accept4", "epoll_wait", "futex", "mmap", "prctl", "setuid", "chown"] {
            #expect(!names.contains(needed), "\(needed)")
        }
    }

    @Test("the seccomp seam says which filter stands in, every time")
    func note() throws {
        var notes: [String] = []
        _ = OCISeccomp.filter(for: try OCIFixtures.plan("web"), architecture: "x86_64", notes: &notes)
        #expect(notes.count == 1 && notes[0].hasPrefix("seccomp: the profile names no seccomp policy; harden's baseline filter refuses"))
    }

    static let dockerProfile = try! JSONParser.parse(#"""
    {
      "defaultAction": "SCMP_ACT_ERRNO",
      "defaultErrnoRet": 1,
      "archMap": [
        { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] },
        { "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] }
      ],
      "syscalls": [
        { "names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "comment": "everyone" },
        { "names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": { "arches": ["amd64", "x32"] } },
        { "names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } },
        { "names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": { "caps": ["CAP_NET_RAW"] },
          "args": [{ "index": 1, "value": 3, "op": "SCMP_CMP_EQ" }] }
      ]
    }
    """#)

    @Test("a Docker seccomp file becomes linux.seccomp for this architecture and these capabilities", arguments: [
        ("x86_64", #"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],"syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},{"names":["arch_prctl"],"action":"SCMP_ACT_ALLOW"},{"names":["socket"],"action":"SCMP_ACT_ERRNO","errnoRet":1,"args":[{"index":1,"value":3,"op":"SCMP_CMP_EQ"}]}]}"#),
        ("aarch64", #"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_AARCH64","SCMP_ARCH_ARM"],"syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"},{"names":["socket"],"action":"SCMP_ACT_ERRNO","errnoRet":1,"args":[{"index":1,"value":3,"op":"SCMP_CMP_EQ"}]}]}"#),
    ])
    func dockerFile(architecture: String, expected: String) throws {
        let converted = try OCISeccomp.convert(Self.dockerProfile, file: "p.json", architecture: architecture, capabilities: [])
        #expect(converted.compact == expected)
    }

    @Test("a file that is no seccomp profile is refused with the file's name")
    func notAProfile() {
        #expect(throws: HardenError.input("p.json: not a seccomp profile: no \"defaultAction\"; give a file in Docker's or the runtime spec's seccomp format")) {
            try OCISeccomp.convert(try JSONParser.parse(#"{"syscalls": []}"#), file: "p.json", architecture: "x86_64", capabilities: [])
        }
    }
}
