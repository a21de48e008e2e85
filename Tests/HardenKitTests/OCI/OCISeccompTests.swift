import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Seccomp in OCI configs")
struct OCISeccompTests {
    @Test("a built-in's config carries the filter harden run gives docker, in the spec's form")
    func generatedFilter() throws {
        var notes: [String] = []
        let plan = try OCIFixtures.plan("web")
        let filter = OCISeccomp.filter(for: plan, architecture: "x86_64", notes: &notes)
        #expect(notes.isEmpty, "\(notes)")
        let expected = SeccompJSON.oci(SeccompGenerator.filter(for: plan)!, architecture: .x86_64)
        #expect(filter.sameContent(as: expected))
        #expect(filter.at("defaultAction")?.stringValue == "SCMP_ACT_ERRNO")
    }

    @Test("a profile without a seccomp policy gets the base profile's filter, and is told so")
    func fallback() throws {
        var notes: [String] = []
        var plan = try OCIFixtures.plan("web")
        plan.seccompPolicy = nil
        let filter = OCISeccomp.filter(for: plan, architecture: "x86_64", notes: &notes)
        #expect(notes.count == 1 && notes[0].hasPrefix("seccomp: the profile names no seccomp policy and a bundle has no engine default"))
        #expect(filter.at("defaultAction")?.stringValue == "SCMP_ACT_ERRNO")
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
