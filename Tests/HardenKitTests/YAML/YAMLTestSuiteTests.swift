import FoundationEssentials
import Testing
@testable import HardenKit

/// The official yaml-test-suite (its `data` branch), found through HARDEN_YAML_TEST_SUITE: every case
/// with in.json loads to exactly that JSON, every case marked `error` is refused, every other loads.
@Suite struct YAMLTestSuiteTests {
    struct Case {
        var name: String
        var directory: String
    }

    /// Cases left out, with the reason; docs/yaml.md lists the same.
    static let leftOut: [String: String] = [:]

    static func cases(in root: String) -> [Case] {
        let manager = FileManager.default
        var result: [Case] = []
        for name in ((try? manager.contentsOfDirectory(atPath: root)) ?? []).sorted() {
            let directory = root + "/" + name
            if manager.fileExists(atPath: directory + "/in.yaml") {
                result.append(Case(name: name, directory: directory))
                continue
            }
            for sub in ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            where manager.fileExists(atPath: directory + "/" + sub + "/in.yaml") {
                result.append(Case(name: name + "/" + sub, directory: directory + "/" + sub))
            }
        }
        return result
    }

    /// nil when the case passes, else why not.
    static func run(_ testCase: Case) -> String? {
        let manager = FileManager.default
        guard let data = manager.contents(atPath: testCase.directory + "/in.yaml") else { return "cannot read in.yaml" }
        let loaded: Result<[YAMLDocument], YAMLSyntaxError>
        do { loaded = .success(try YAMLReader.load(Array(data))) } catch { loaded = .failure(error) }
        if manager.fileExists(atPath: testCase.directory + "/error") {
            if case .success = loaded { return "loaded, but the case is an error" }
            return nil
        }
        let documents: [YAMLDocument]
        switch loaded {
        case .failure(let error): return "refused: \(error)"
        case .success(let value): documents = value
        }
        guard let json = manager.contents(atPath: testCase.directory + "/in.json") else { return nil }
        guard let expected = splitJSON(String(decoding: json, as: UTF8.self)) else { return "cannot read in.json" }
        guard expected.count == documents.count else { return "\(documents.count) documents, expected \(expected.count)" }
        for (document, want) in zip(documents, expected) where !same(document.root, want) {
            return "got \(JSONWriter.compact(document.root)), expected \(JSONWriter.compact(want))"
        }
        return nil
    }

    /// in.json holds one JSON value per document, one after another.
    static func splitJSON(_ text: String) -> [JSONNode]? {
        let bytes = Array(text.utf8)
        var values: [JSONNode] = []
        var index = 0
        while true {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count else { return values }
            let start = index
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    depth += 1
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    depth -= 1
                } else if depth == 0, byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    break
                }
                index += 1
                if depth == 0, !inString, bytes[index - 1] == UInt8(ascii: "]") || bytes[index - 1] == UInt8(ascii: "}") || (bytes[index - 1] == UInt8(ascii: "\"") && index - 1 > start) { break }
            }
            guard let value = try? JSONParser.parse(Array(bytes[start..<index])) else { return nil }
            values.append(value)
        }
    }

    /// Content equality; numbers by value (the suite writes 1e3 where YAML wrote 1000.0), mappings
    /// regardless of member order.
    static func same(_ a: JSONNode, _ b: JSONNode) -> Bool {
        switch (a.kind, b.kind) {
        case (.number, .number): return a.doubleValue == b.doubleValue
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { member in y.contains { $0.key == member.key && same(member.value, $0.value) } }
        default: return a.sameContent(as: b)
        }
    }

    @Test func officialSuite() {
        guard let root = ProcessInfo.processInfo.environment["HARDEN_YAML_TEST_SUITE"], !root.isEmpty else {
            print("yaml-test-suite: did not run (HARDEN_YAML_TEST_SUITE is not set)")
            return
        }
        let cases = Self.cases(in: root)
        var passed = 0
        var failures: [String] = []
        for testCase in cases where Self.leftOut[testCase.name] == nil {
            if let reason = Self.run(testCase) { failures.append("\(testCase.name): \(reason)") } else { passed += 1 }
        }
        for failure in failures { print("yaml-test-suite: FAIL \(failure)") }
        print("yaml-test-suite: \(passed) passed, \(failures.count) failed")
        #expect(!cases.isEmpty, "no cases under \(root)")
        #expect(failures.isEmpty, "\(failures.count) yaml-test-suite cases failed, first: \(failures.first ?? "")")
    }
}
