import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Seccomp JSON for Docker and for OCI runtimes")
struct SeccompJSONTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seccomp").path

    @Test("seccomp/NAME.json is what the built-in generates (run scripts/generate-seccomp.sh when this fails)", arguments: ["web", "worker", "db"])
    func golden(name: String) throws {
        let expected = SeccompJSON.text(BuiltinFilters.filter(name), format: .docker)
        let file = Self.directory + "/\(name).json"
        let actual = try? String(contentsOfFile: file, encoding: .utf8)
        #expect(actual == expected, "seccomp/\(name).json is out of date; regenerate it with scripts/generate-seccomp.sh and review the diff")
    }

    @Test("the Docker format names both architectures and their compat ABIs, and marks architecture-only rules")
    func dockerShape() throws {
        let root = try JSONParser.parse(SeccompJSON.text(BuiltinFilters.filter("web"), format: .docker))
        #expect(root["defaultAction"]?.stringValue == "SCMP_ACT_ERRNO")
        #expect(root["defaultErrnoRet"]?.intValue == 1)
        let archMap = try #require(root["archMap"]?.arrayValue)
        #expect(archMap.map { $0["architecture"]?.stringValue } == ["SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"])
        #expect(archMap[0]["subArchitectures"]?.arrayValue?.map(\.stringValue) == ["SCMP_ARCH_X86", "SCMP_ARCH_X32"])
        let rules = try #require(root["syscalls"]?.arrayValue)
        for rule in rules {
            let names = rule["names"]?.arrayValue?.compactMap { $0.stringValue } ?? []
            let arches = rule["includes"]?["arches"]?.arrayValue?.compactMap(\.stringValue)
            let architecture: SeccompArchitecture? = arches.map { $0.contains("amd64") ? .x86_64 : .aarch64 }
            for name in names {
                for on in architecture.map({ [$0] }) ?? SeccompArchitecture.allCases {
                    #expect(Syscalls.exists(name, on: on), "\(name) in a rule for \(on)")
                }
            }
        }
        let clone = try #require(rules.first { $0["names"]?.arrayValue?.first?.stringValue == "clone" })
        #expect(JSONWriter.compact(clone["args"]!) == #"[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]"#)
    }

    @Test("the OCI format is for one architecture, with only the runtime spec's keys", arguments: SeccompArchitecture.allCases)
    func ociShape(architecture: SeccompArchitecture) throws {
        let root = try JSONParser.parse(SeccompJSON.text(BuiltinFilters.filter("db"), format: .oci, architecture: architecture))
        #expect(root.objectMembers?.map(\.key) == ["defaultAction", "defaultErrnoRet", "architectures", "syscalls"])
        #expect(root["architectures"]?.arrayValue?.compactMap(\.stringValue) == architecture.scmpArchitectures)
        for rule in try #require(root["syscalls"]?.arrayValue) {
            #expect(Set(rule.objectMembers!.map(\.key)).isSubset(of: ["names", "action", "errnoRet", "args"]))
            for name in rule["names"]!.arrayValue!.compactMap(\.stringValue) {
                #expect(Syscalls.exists(name, on: architecture), "\(name) on \(architecture)")
            }
        }
    }

    @Test("a default action other than errno carries no errno")
    func logDefault() throws {
        var policy = BuiltinFilters.policy("web")
        policy.defaultAction = "log"
        let root = try JSONParser.parse(SeccompJSON.text(SeccompGenerator.filter(for: policy), format: .oci, architecture: .x86_64))
        #expect(root["defaultAction"]?.stringValue == "SCMP_ACT_LOG")
        #expect(root["defaultErrnoRet"] == nil)
    }
}
