/// Enough of XML 1.0 to read what a JUnit report holds (a declaration, elements, double- or
/// single-quoted attributes, character data, the five named entities and character references),
/// refusing anything malformed, and the structural rules of the JUnit schema CI servers validate
/// against: Jenkins' xunit plugin junit-10.xsd
/// (github.com/jenkinsci/xunit-plugin, src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd).
struct XMLElement: Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var children: [XMLElement] = []
    var text = ""

    func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

enum XMLRead {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func document(_ source: String) throws -> XMLElement {
        var input = Array(source.unicodeScalars)[...]
        if input.starts(with: Array("<?xml".unicodeScalars)) {
            guard let end = find("?>", in: input) else { throw Malformed(description: "unterminated declaration") }
            input = input[(end + 2)...]
        }
        skipSpace(&input)
        let root = try element(&input)
        skipSpace(&input)
        guard input.isEmpty else { throw Malformed(description: "content after the root element") }
        return root
    }

    private static func find(_ needle: String, in input: ArraySlice<Unicode.Scalar>) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var index = input.startIndex
        while index + pattern.count <= input.endIndex {
            if Array(input[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }

    private static func skipSpace(_ input: inout ArraySlice<Unicode.Scalar>) {
        while let first = input.first, [" ", "\n", "\t", "\r"].contains(first) { input = input.dropFirst() }
    }

    private static func name(_ input: inout ArraySlice<Unicode.Scalar>) throws -> String {
        var name = ""
        while let first = input.first, first.properties.isAlphabetic || ("0"..."9").contains(first) || "-_:.".unicodeScalars.contains(first) {
            name.unicodeScalars.append(first)
            input = input.dropFirst()
        }
        guard !name.isEmpty else { throw Malformed(description: "expected a name at \(String(String.UnicodeScalarView(input.prefix(20))))") }
        return name
    }

    private static func element(_ input: inout ArraySlice<Unicode.Scalar>) throws -> XMLElement {
        guard input.first == "<" else { throw Malformed(description: "expected an element") }
        input = input.dropFirst()
        var element = XMLElement(name: try name(&input))
        while true {
            skipSpace(&input)
            guard let first = input.first else { throw Malformed(description: "unterminated tag <\(element.name)") }
            if first == "/" {
                input = input.dropFirst()
                guard input.first == ">" else { throw Malformed(description: "expected > after /") }
                input = input.dropFirst()
                return element
            }
            if first == ">" { input = input.dropFirst(); break }
            let key = try name(&input)
            skipSpace(&input)
            guard input.first == "=" else { throw Malformed(description: "attribute \(key) without a value") }
            input = input.dropFirst()
            skipSpace(&input)
            guard let quote = input.first, quote == "\"" || quote == "'" else { throw Malformed(description: "attribute \(key) not quoted") }
            input = input.dropFirst()
            var raw = ""
            while let scalar = input.first, scalar != quote {
                guard scalar != "<" else { throw Malformed(description: "< in attribute \(key)") }
                raw.unicodeScalars.append(scalar)
                input = input.dropFirst()
            }
            guard !input.isEmpty else { throw Malformed(description: "unterminated attribute \(key)") }
            input = input.dropFirst()
            guard element.attributes[key] == nil else { throw Malformed(description: "attribute \(key) twice") }
            element.attributes[key] = try unescape(raw)
        }
        while true {
            var raw = ""
            while let scalar = input.first, scalar != "<" {
                raw.unicodeScalars.append(scalar)
                input = input.dropFirst()
            }
            element.text += try unescape(raw)
            guard !input.isEmpty else { throw Malformed(description: "<\(element.name)> not closed") }
            if input.dropFirst().first == "/" {
                input = input.dropFirst(2)
                let closing = try name(&input)
                guard closing == element.name else { throw Malformed(description: "</\(closing)> closes <\(element.name)>") }
                skipSpace(&input)
                guard input.first == ">" else { throw Malformed(description: "expected > in </\(closing)") }
                input = input.dropFirst()
                return element
            }
            element.children.append(try self.element(&input))
        }
    }

    private static func unescape(_ raw: String) throws -> String {
        var out = ""
        var scalars = raw.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar.value < 0x20, !["\t", "\n", "\r"].contains(scalar) { throw Malformed(description: "control character U+\(scalar.value)") }
            if scalar != "&" { out.unicodeScalars.append(scalar); continue }
            guard let semicolon = scalars.firstIndex(of: ";") else { throw Malformed(description: "& without ;") }
            let entity = String(String.UnicodeScalarView(scalars[..<semicolon]))
            scalars = scalars[scalars.index(after: semicolon)...]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let code = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                guard let code, let decoded = Unicode.Scalar(code) else { throw Malformed(description: "unknown entity &\(entity);") }
                out.unicodeScalars.append(decoded)
            }
        }
        return out
    }
}

/// junit-10.xsd's required elements and attributes, and where each element may appear.
enum JUnitSchema {
    static func problems(_ root: XMLElement) -> [String] {
        var problems: [String] = []
        guard root.name == "testsuites" else { return ["root is <\(root.name)>, not <testsuites>"] }
        for child in root.children where child.name != "testsuite" { problems.append("<testsuites> holds <\(child.name)>") }
        for suite in root.all("testsuite") { problems += self.suite(suite) }
        return problems
    }

    static func suite(_ suite: XMLElement) -> [String] {
        var problems: [String] = []
        for required in ["name", "tests", "failures", "errors"] where suite.attributes[required] == nil {
            problems.append("<testsuite> without \(required)")
        }
        if let time = suite.attributes["time"], time.contains(where: { !$0.isNumber && $0 != "." && $0 != "," }) { problems.append("testsuite time \(time)") }
        let allowed: Set = ["testsuite", "properties", "testcase", "system-out", "system-err"]
        for child in suite.children where !allowed.contains(child.name) { problems.append("<testsuite> holds <\(child.name)>") }
        for nested in suite.all("testsuite") { problems += self.suite(nested) }
        let cases = suite.all("testcase")
        if Int(suite.attributes["tests"] ?? "") != cases.count { problems.append("tests=\(suite.attributes["tests"] ?? "") but \(cases.count) test cases") }
        for testCase in cases {
            if testCase.attributes["name"] == nil { problems.append("<testcase> without name") }
            let inCase: Set = ["skipped", "error", "failure", "system-out", "system-err", "rerunFailure", "rerunError", "flakyFailure", "flakyError"]
            for child in testCase.children where !inCase.contains(child.name) { problems.append("<testcase> holds <\(child.name)>") }
            for child in testCase.children where !child.children.isEmpty && ["failure", "error", "system-out", "system-err", "skipped"].contains(child.name) {
                problems.append("<\(child.name)> holds elements")
            }
            for child in testCase.children {
                let known: Set = ["type", "message"]
                if ["failure", "error", "skipped"].contains(child.name), let extra = child.attributes.keys.first(where: { !known.contains($0) }) {
                    problems.append("<\(child.name)> has attribute \(extra)")
                }
            }
        }
        return problems
    }
}
