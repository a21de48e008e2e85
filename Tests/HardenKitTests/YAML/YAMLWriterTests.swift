import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The YAML writer")
struct YAMLWriterTests {
    /// Strings a YAML 1.1 or 1.2 reader would take for something else, or could not read plain.
    @Test("a string that YAML would misread is double-quoted", arguments: [
        // booleans of YAML 1.1 in several casings, and null
        "yes", "Yes", "YES", "no", "No", "on", "On", "OFF", "off", "y", "Y", "n", "N", "true", "False", "null", "Null", "~",
        // numbers, octal-looking modes, base-60 ports, dates, infinities
        "0", "1", "-1", "+1", "0755", "1777", "1.5", ".5", "1e3", "1_000", "0x1F", "0o17", "0b101", ".inf", "-.Inf", ".NaN",
        "8080:80", "127.0.0.1:8080:80", "2024-01-01", "1.2.3",
        // mapping values and comments
        "a: b", "a:b", "key:", "a #b", "#comment", "no-new-privileges:true", "on-failure:5",
        // indicators at the start
        "-", "-c", "--", "---", "...", "?x", ":x", "*ref", "&anchor", "!tag", "%TAG", "@at", "`id`", "'q'", "\"q\"",
        "[a]", "{a}", "|", ">", ",",
        // emptiness and edges
        "", " ", " lead", "trail ", "\tlead", "<<", "=",
    ])
    func quoted(text: String) {
        let written = YAMLScalar.string(text)
        #expect(written.hasPrefix("\"") && written.hasSuffix("\""), "\(text) was written plain as \(written)")
    }

    @Test("a string that is certainly a string stays plain", arguments: [
        "web", "512m", "1g", "30s", "ALL", "NET_BIND_SERVICE", "/tmp", "/var/cache/nginx", "harden-e2e/busybox", "sh",
        "CMD-SHELL", "a b", "it's", "say \"hi\"", "x-y", "a,b", "a-", "ünïcödé", "yes-please", "nope", "0ff1ce-zone",
        "noexec,nosuid,nodev,size=64m",
    ])
    func plain(text: String) {
        #expect(YAMLScalar.string(text) == text)
    }

    @Test("control characters, line breaks and quotes are escaped inside double quotes", arguments: [
        ("line1\nline2", #""line1\nline2""#),
        ("tab\there", #""tab\there""#),
        ("cr\r", #""cr\r""#),
        ("q\"uote\n", #""q\"uote\n""#),
        ("back\\slash: x", #""back\\slash: x""#),
        ("bell\u{07}", #""bell\u0007""#),
        ("del\u{7F}", #""del\u007F""#),
        ("nel\u{85}", #""nel\u0085""#),
        ("ls\u{2028}", #""ls\u2028""#),
        ("\u{FEFF}bom", #""\uFEFFbom""#),
        ("nul\u{0}", #""nul\u0000""#),
    ])
    func escapes(text: String, expected: String) {
        #expect(YAMLScalar.string(text) == expected)
    }

    @Test("blocks: two-space indent, sequences under their key, maps inside sequences, empty containers inline")
    func layout() {
        let tree = JSONNode.obj([
            ("services", .obj([
                ("web", .obj([
                    ("image", .str("nginx:1.27")),
                    ("read_only", .bool(true)),
                    ("cap_drop", .arr([.str("ALL")])),
                    ("cpus", .num("0.5")),
                    ("pids_limit", .int(256)),
                    ("ulimits", .obj([("nofile", .obj([("soft", .int(1024)), ("hard", .int(1024))]))])),
                    ("secrets", .arr([.obj([("source", .str("db")), ("target", .str("/run/secrets/db"))])])),
                    ("nested", .arr([.arr([.str("a"), .str("b")]), .arr([])])),
                    ("labels", .obj([])),
                    ("nothing", .null),
                ])),
            ])),
        ])
        #expect(YAMLWriter.document(tree) == """
        services:
          web:
            image: "nginx:1.27"
            read_only: true
            cap_drop:
              - ALL
            cpus: 0.5
            pids_limit: 256
            ulimits:
              nofile:
                soft: 1024
                hard: 1024
            secrets:
              - source: db
                target: /run/secrets/db
            nested:
              - - a
                - b
              - []
            labels: {}
            nothing: null

        """)
    }

    @Test("keys are spelt by the same rules as values")
    func keys() {
        let tree = JSONNode.obj([("on", .str("x")), ("app.kubernetes.io/name", .str("web")), ("8080", .int(1)), ("a: b", .bool(false))])
        #expect(YAMLWriter.document(tree) == "\"on\": x\napp.kubernetes.io/name: web\n\"8080\": 1\n\"a: b\": false\n")
    }

    @Test("a scalar or empty document is one line")
    func scalars() {
        #expect(YAMLWriter.document(.str("yes")) == "\"yes\"\n")
        #expect(YAMLWriter.document(.obj([])) == "{}\n")
        #expect(YAMLWriter.document(.arr([])) == "[]\n")
    }

    /// Every tricky string, written and read back by PyYAML (a YAML 1.1 reader, as docker-compose
    /// 1.29 uses), must come back as the same string. Skipped where python3 with PyYAML is missing.
    @Test("PyYAML reads every string back unchanged", .enabled(if: PyYAML.available))
    func pyyamlRoundTrip() throws {
        let strings = ["yes", "No", "on", "OFF", "y", "n", "null", "~", "0755", "1777", "8080:80", "127.0.0.1:8080:80", "1e3",
                       "1_000", "0x1F", ".5", ".inf", "2024-01-01", "12:30:00", "a: b", "a #b", "#c", "-c", "--", "---", "...",
                       "?x", "*x", "&x", "!x", "%x", "@x", "`x`", "'x'", "\"x\"", "[x]", "{x}", "|", ">", "", " ", " a", "a ",
                       "line1\nline2", "tab\t", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}x", "ünï", "a,b", "<<", "=", "512m", "1g",
                       "30s", "noexec,nosuid,nodev,size=64m,mode=1777", "sh -c 'echo $HOME; exit 1' # x"]
        let tree = JSONNode.obj([
            ("list", .arr(strings.map(JSONNode.str))),
            ("map", .obj(strings.enumerated().map { ("k\($0.offset)", JSONNode.str($0.element)) })),
            ("keys", .obj(strings.enumerated().filter { !$0.element.isEmpty }.map { ($0.element, JSONNode.int($0.offset)) })),
        ])
        let back = try PyYAML.toJSON(YAMLWriter.document(tree))
        #expect(back.sameContent(as: tree), "PyYAML read something else back: \(JSONWriter.compact(back))")
    }
}

/// python3 with PyYAML, when this machine has them: YAML in, the JSON PyYAML reads out.
enum PyYAML {
    static let available: Bool = (try? run("import yaml", input: "")) != nil

    static func toJSON(_ yaml: String) throws -> JSONNode {
        let json = try run("import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout, ensure_ascii=False)", input: yaml)
        return try JSONParser.parse(json)
    }

    struct Failed: Error { var message: String }

    static func run(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed(message: String(decoding: err, as: UTF8.self)) }
        return String(decoding: out, as: UTF8.self)
    }
}
