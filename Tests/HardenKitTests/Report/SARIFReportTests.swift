import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The shape SARIF 2.1.0 requires of what harden writes, checked against the schema's own rules for
/// the objects harden uses (required keys, allowed keys, value types and ranges).
@Suite("SARIF output")
struct SARIFReportTests {
    static func sample() throws -> JSONNode {
        let compose = try ComposeReader.read(try JSONParser.parse(#"{"services": {"web": {"image": "nginx", "network_mode": "host"}}}"#), file: "deploy/compose file.json")
        let line = try DockerLineReader.read(words: ["docker", "run", "--cap-add", "SYS_ADMIN", "img:1"], name: "docker run line")
        let policy = try Audit.policy(#"{"exceptions": [{"rule": "dangerous-capability", "image": "img", "reason": "needs mount", "expires": "2030-01-01"}]}"#)
        let validator = Validator(policy: policy, host: Audit.host)
        let results = (compose + [line]).map { AuditResult(launch: $0, findings: validator.findings(for: $0.plan, sources: $0.sources)) }
        return try JSONParser.parse(SARIFReport.render(results))
    }

    static func keys(_ node: JSONNode?) -> Set<String> { Set(node?.objectMembers?.map(\.key) ?? []) }

    @Test("the log has the version, schema and one run with the harden driver and every rule")
    func log() throws {
        let log = try Self.sample()
        #expect(Self.keys(log) == ["$schema", "version", "runs"])
        #expect(log["version"]?.stringValue == "2.1.0")
        let runs = log["runs"]?.arrayValue ?? []
        #expect(runs.count == 1)
        let driver = runs.first?["tool"]?["driver"]
        #expect(driver?["name"]?.stringValue == "harden")
        let rules = driver?["rules"]?.arrayValue ?? []
        #expect(rules.map { $0["id"]?.stringValue } == RuleTable.ids)
        for rule in rules {
            #expect(Self.keys(rule).isSubset(of: ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"]))
            #expect(rule["shortDescription"]?["text"]?.stringValue?.isEmpty == false)
            #expect(["error", "warning", "note"].contains(rule["defaultConfiguration"]?["level"]?.stringValue ?? ""))
            #expect(rule["properties"]?["tags"]?.arrayValue?.allSatisfy { $0.stringValue != nil } == true)
        }
    }

    @Test("each result names its rule by id and index, has a level, a message and a location")
    func results() throws {
        let run = try Self.sample()["runs"]!.arrayValue![0]
        let rules = run["tool"]!["driver"]!["rules"]!.arrayValue!
        let results = run["results"]?.arrayValue ?? []
        #expect(!results.isEmpty)
        for result in results {
            #expect(Self.keys(result).isSubset(of: ["ruleId", "ruleIndex", "level", "message", "locations", "suppressions"]))
            let index = result["ruleIndex"]?.intValue ?? -1
            #expect(rules.indices.contains(index) && rules[index]["id"]?.stringValue == result["ruleId"]?.stringValue)
            #expect(["error", "warning", "note", "none"].contains(result["level"]?.stringValue ?? ""))
            #expect(result["message"]?["text"]?.stringValue?.isEmpty == false)
            let locations = result["locations"]?.arrayValue ?? []
            #expect(locations.count == 1)
            for location in locations {
                #expect(Self.keys(location).isSubset(of: ["physicalLocation", "logicalLocations"]) && !Self.keys(location).isEmpty)
                if let physical = location["physicalLocation"] {
                    #expect(physical["artifactLocation"]?["uri"]?.stringValue?.contains(" ") == false, "URIs are percent-encoded")
                    if let region = physical["region"] {
                        #expect((region["startLine"]?.intValue ?? 0) >= 1)
                        #expect((region["startColumn"]?.intValue ?? 1) >= 1)
                    }
                }
            }
        }
    }

    @Test("a file finding is placed at its line and column; a command-line finding at its argument; an excepted one is suppressed")
    func placement() throws {
        let results = try Self.sample()["runs"]!.arrayValue![0]["results"]!.arrayValue!
        let namespace = results.first { $0["ruleId"]?.stringValue == "host-namespace" }!
        let physical = namespace["locations"]!.arrayValue![0]["physicalLocation"]!
        #expect(physical["artifactLocation"]?["uri"]?.stringValue == "deploy/compose%20file.json")
        #expect(physical["region"]?["startLine"]?.intValue == 1 && physical["region"]?["startColumn"]?.intValue == 57)
        let capability = results.first { $0["ruleId"]?.stringValue == "dangerous-capability" }!
        #expect(capability["locations"]!.arrayValue![0]["logicalLocations"]!.arrayValue![0]["name"]?.stringValue == "argument 3")
        #expect(capability["suppressions"]?.arrayValue?.first?["kind"]?.stringValue == "external")
    }
}
