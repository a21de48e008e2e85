import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check judges every input on its own")
struct CheckUnreadableInputTests {
    static let socket = #"{"services": {"a": {"image": "x:1", "volumes": ["/var/run/docker.sock:/var/run/docker.sock"]}}}"#

    @Test("a file that does not parse is an unreadable-input finding; the files around it are still judged; exit 2")
    func fileBetweenGoodOnes() throws {
        let dir = TemporaryDirectory()
        let a = dir.write("a.json", Self.socket)
        let bad = dir.write("bad.json", "{\"services\": ")
        let c = dir.write("c.json", #"{"services": {"c": {"image": "x:1"}}}"#)
        let result = CapturedConsole.run(["check", a, bad, c])
        #expect(result.status == 2)
        #expect(result.out.contains("\(a) service a: rejected"))
        #expect(result.out.contains("error runtime-socket"))
        #expect(result.out.contains("\(bad): unreadable\n  \(bad):1:14: error unreadable-input: not JSON: unexpected end of input, expected a value; for docker run command lines use --file\n"))
        #expect(result.out.contains("\(c) service c: accepted"))
        #expect(result.out.contains("harden check: 2 launches: 1 rejected, 1 accepted; 1 unreadable input; 1 error, "))
        #expect(result.out.hasSuffix(" warnings: incomplete\n"))
        #expect(result.err == "harden: \(bad):1:14: not JSON: unexpected end of input, expected a value; for docker run command lines use --file\n")
    }

    @Test("JSON and SARIF carry the unreadable input with its file, line and column", arguments: ["json", "sarif"])
    func machineFormats(format: String) throws {
        let dir = TemporaryDirectory()
        let a = dir.write("a.json", Self.socket)
        let bad = dir.write("bad.json", "{\"services\": ")
        let result = CapturedConsole.run(["check", "--format", format, a, bad])
        #expect(result.status == 2)
        let root = try JSONParser.parse(result.out)
        if format == "json" {
            #expect(root["verdict"]?.stringValue == "incomplete")
            #expect(root["unreadable"]?.intValue == 1)
            let launches = try #require(root["launches"]?.arrayValue)
            #expect(launches.count == 2)
            #expect(launches[0]["verdict"]?.stringValue == "rejected")
            #expect(launches[1]["kind"]?.stringValue == "unreadable input")
            let finding = try #require(launches[1]["findings"]?.arrayValue?.first)
            #expect(finding["rule"]?.stringValue == "unreadable-input")
            #expect(finding["message"]?.stringValue?.hasPrefix("not JSON: unexpected end of input") == true)
            #expect(finding["location"]?["line"]?.intValue == 1)
            #expect(finding["location"]?["column"]?.intValue == 14)
        } else {
            let run = try #require(root["runs"]?.arrayValue?.first)
            let results = try #require(run["results"]?.arrayValue)
            let unreadable = try #require(results.first { $0["ruleId"]?.stringValue == "unreadable-input" })
            #expect(unreadable["ruleIndex"]?.intValue == RuleTable.ids.firstIndex(of: "unreadable-input"))
            #expect(unreadable["level"]?.stringValue == "error")
            let region = unreadable["locations"]?.arrayValue?.first?["physicalLocation"]?["region"]
            #expect(region?["startLine"]?.intValue == 1)
            #expect(region?["startColumn"]?.intValue == 14)
            #expect(results.contains { $0["ruleId"]?.stringValue == "runtime-socket" })
        }
    }

    @Test("a list with unreadable lines reports every readable line and names each unreadable one")
    func listLines() {
        let dir = TemporaryDirectory()
        let list = dir.write("lines.txt", "docker run --privileged img:1\ndocker run --memory lots img:1\ndocker run 'img:1\ndocker run --rm img:1\n")
        let result = CapturedConsole.run(["check", "--file", list])
        #expect(result.status == 2)
        #expect(result.out.contains("\(list):1: rejected"))
        #expect(result.out.contains("  \(list):2: error unreadable-input: --memory \"lots\" (argument 3): not a size; use e.g. 512m or 1g\n"))
        #expect(result.out.contains("  \(list):3: error unreadable-input: unterminated single quote at column 12; close the quote or escape it with a backslash\n"))
        #expect(result.out.contains("\(list):4: accepted"))
        #expect(result.out.contains("harden check: 2 launches: 1 rejected, 1 accepted; 2 unreadable inputs; "))
        #expect(result.err.split(separator: "\n").count == 2)
    }

    @Test("without an unreadable input, a rejected launch is exit 1 and the summary is as it always was")
    func noUnreadable() {
        let dir = TemporaryDirectory()
        let a = dir.write("a.json", Self.socket)
        let result = CapturedConsole.run(["check", a])
        #expect(result.status == 1)
        #expect(result.out.hasSuffix("harden check: 1 launch: 1 rejected, 0 accepted; 1 error, 7 warnings: rejected\n"), "\(result.out)")
    }

    @Test("the rule is in the table, so rules and explain know it, and no policy can lower it")
    func inTheTable() throws {
        let rule = try #require(RuleTable.rule("unreadable-input"))
        #expect(rule.hard)
        #expect(CapturedConsole.run(["rules"]).out.contains("unreadable-input"))
        let explain = CapturedConsole.run(["explain", "unreadable-input"])
        #expect(explain.status == 0)
        #expect(explain.out.contains("judged by nobody"))
        #expect(throws: HardenError.self) { try PolicyDecoder.decode(#"{"severities": {"unreadable-input": "warning"}}"#, file: "p.json") }
    }
}
