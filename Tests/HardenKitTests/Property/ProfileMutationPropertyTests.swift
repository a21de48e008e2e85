import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Random mutations of the real profiles (Profiles/ and Examples/team-repo/): keys deleted,
/// duplicated, misspelt or invented at every depth, values swapped for other types, huge and
/// negative numbers, `null`, truncation, invalid UTF-8. Each mutant either decodes, and then says
/// exactly what the file says (nothing dropped), or fails with one line naming the file, the line and
/// column, and the key; through `harden show` the same is exit 2 and one line on stderr. Never a crash.
@Suite("Property: mutated profiles decode fully or fail in one line")
struct ProfileMutationPropertyTests {
    static let seed: UInt64 = 0x9F0F_11E5
    static let iterations = 1000

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every profile in the repository: (file name without .json, text).
    static let originals: [(name: String, text: String)] = {
        var result: [(String, String)] = []
        for directory in ["Profiles", "Examples/team-repo"] {
            let path = root.appendingPathComponent(directory).path
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") && $0 != "policy.json" }.sorted()
            for name in names {
                guard let text = try? String(contentsOfFile: path + "/" + name, encoding: .utf8) else { continue }
                result.append((String(name.dropLast(5)), text))
            }
        }
        return result + [("every-key", everyKey)]
    }()

    /// A profile that sets every key the README documents to something other than its default, so
    /// that a mutation can reach each one (the real profiles leave many unset).
    static let everyKey = #"""
    {
      "name": "every-key", "extends": "worker", "description": "every key", "requires": "0.1",
      "rationale": {"capabilities": "binds :443", "resources.memory": "heap", "network.mode": "backend only"},
      "user": "1000:1000",
      "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "cap_chown"]},
      "noNewPrivileges": false, "readOnlyRootFilesystem": false,
      "tmpfs": {"/tmp": {"size": "64m", "mode": "1777", "uid": 1000, "gid": 1000, "options": ["noexec", "nosuid"]}, "/run": {"size": 8388608}},
      "volumes": {"/data": {"type": "volume", "source": "appdata", "readOnly": true}, "/srv/site": {"type": "bind", "source": "/srv/site", "readOnly": false}, "/anon": {}},
      "resources": {"memory": "512m", "memorySwap": -1, "cpus": 1.5, "pids": 128, "nofile": {"soft": 1024, "hard": 4096}, "nproc": 512, "shmSize": "64m"},
      "userNamespace": {"uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]},
      "seccomp": {"allow": ["@system-service", "read"], "deny": ["ptrace"], "defaultAction": "log", "socketFamilies": ["inet", "unix"]},
      "network": {"publishAddress": "::1", "mode": "backend"},
      "restart": {"policy": "on-failure", "maxRetries": 3},
      "healthcheck": {"command": "curl -f http://localhost/", "interval": "30s", "timeout": "5s", "startPeriod": "10s", "retries": 3, "disable": false},
      "environment": {"MODE": "production", "EMPTY": ""},
      "secrets": {"db-password": {"required": false}, "api-key": {}}
    }
    """#

    static let hostileValues: [JSONNode] = [
        .null, .bool(true), .bool(false), .num("0"), .num("-1"), .num("1"), .num("65532"), .num("4294967295"), .num("4294967296"),
        .num("9223372036854775807"), .num("9223372036854775808"), .num("-9223372036854775809"), .num("1e400"), .num("-0"), .num("1.5"),
        .num("1e3"), .num("0.001"), .num("99999999999999999999999999"), .str(""), .str("64m"), .str("-1"), .str("1e3"), .str("NET_ADMIN"),
        .str("cap_sys_admin"), .str("ALL"), .str("/tmp"), .str("/var/run/docker.sock"), .str("../x"), .str("a,b"), .str("a:b"), .str("a=b"),
        .str("65532:65532"), .str("root"), .str("on-failure"), .str("30s"), .str("ünïcödé"), .str("\u{0}"), .str("line\nbreak"),
        .str(String(repeating: "x", count: 300)), .str("127.0.0.1"), .str("host"), .str("noexec"), .str("1777"),
        .arr([]), .arr([.str("ALL")]), .arr([.num("1")]), .obj([]), .obj([("soft", .num("1")), ("hard", .num("2"))]),
    ]

    static let unknownKeys = ["memroy", "readonly", "capabilites", "Drop", "extra", "", " ", "__proto__", "ünï", "size ", "type\u{0}"]

    // MARK: - Mutations

    /// Every position in a document: the path of keys (objects) and indices (arrays) to it.
    enum Step: Equatable { case key(String), index(Int) }

    static func paths(_ node: JSONNode, _ prefix: [Step] = []) -> [[Step]] {
        var result = [prefix]
        if let members = node.objectMembers { for member in members { result += paths(member.value, prefix + [.key(member.key)]) } }
        if let items = node.arrayValue { for (i, item) in items.enumerated() { result += paths(item, prefix + [.index(i)]) } }
        return result
    }

    /// The node with the one at `path` replaced by what `change` makes of it (nil deletes it).
    static func edit(_ node: JSONNode, at path: ArraySlice<Step>, _ change: (JSONNode) -> [(String?, JSONNode)]) -> JSONNode {
        guard let step = path.first else { return node }
        if let members = node.objectMembers, case .key(let key) = step {
            var result: [(String, JSONNode)] = []
            for member in members {
                if member.key == key {
                    if path.count == 1 {
                        for (newKey, value) in change(member.value) { result.append((newKey ?? member.key, value)) }
                    } else {
                        result.append((member.key, edit(member.value, at: path.dropFirst(), change)))
                    }
                } else {
                    result.append((member.key, member.value))
                }
            }
            return .obj(result)
        }
        if let items = node.arrayValue, case .index(let index) = step {
            var result: [JSONNode] = []
            for (i, item) in items.enumerated() {
                if i == index { result += path.count == 1 ? change(item).map(\.1) : [edit(item, at: path.dropFirst(), change)] } else { result.append(item) }
            }
            return .arr(result)
        }
        return node
    }

    static func typo(_ g: inout Gen, _ key: String) -> String {
        var chars = Array(key)
        guard !chars.isEmpty else { return "x" }
        switch g.int(0...4) {
        case 0: chars.remove(at: g.int(0...(chars.count - 1)))
        case 1: if chars.count > 1 { let i = g.int(0...(chars.count - 2)); chars.swapAt(i, i + 1) }
        case 2: chars.insert(g.pick(Array("abcxyz_-")), at: g.int(0...chars.count))
        case 3: return key.uppercased() == key ? key.lowercased() : key.uppercased()
        default: return key + "s"
        }
        return String(chars)
    }

    /// One structural mutation of a parsed document, and what it was.
    static func mutate(_ g: inout Gen, _ root: JSONNode) -> (JSONNode, String) {
        let all = paths(root)
        let keyed = all.filter { if case .key = $0.last { return true } else { return false } }
        let objects = all.filter { path in node(root, at: path)?.objectMembers != nil }
        let path = keyed.isEmpty ? [] : g.pick(keyed)
        let shown = path.map { step -> String in if case .key(let k) = step { return k } else if case .index(let i) = step { return "[\(i)]" } else { return "?" } }.joined(separator: ".")
        switch g.int(0...8) {
        case 0:
            return (edit(root, at: path[...]) { _ in [] }, "deleted \(shown)")
        case 1:
            return (edit(root, at: path[...]) { value in [(nil, value), (nil, value)] }, "duplicated \(shown)")
        case 2:
            guard case .key(let key) = path.last else { return (root, "nothing") }
            let renamed = typo(&g, key)
            return (edit(root, at: path[...]) { value in [(renamed, value)] }, "renamed \(shown) to \(renamed)")
        case 3, 4:
            let value = g.pick(hostileValues)
            return (edit(root, at: path[...]) { _ in [(nil, value)] }, "set \(shown) to \(JSONWriter.compact(value))")
        case 5:
            let target = g.pick(objects)
            let key = g.pick(unknownKeys + ["size", "readOnly", "add", "memory", "mode", "required", "soft"])
            let value = g.pick(hostileValues)
            let inserted = edit(root, at: target[...]) { object in [(nil, .obj((object.objectMembers ?? []).map { ($0.key, $0.value) } + [(key, value)]))] }
            return (target.isEmpty ? .obj((root.objectMembers ?? []).map { ($0.key, $0.value) } + [(key, value)]) : inserted,
                    "inserted \(key)=\(JSONWriter.compact(value)) at \(target.count) deep")
        case 6:
            // Numbers become strings and strings numbers: the commonest hand-editing slip.
            return (edit(root, at: path[...]) { value in
                if case .number(let literal) = value.kind { return [(nil, .str(literal))] }
                if let text = value.stringValue, Double(text) != nil { return [(nil, .num(text))] }
                return [(nil, value)]
            }, "swapped number/string at \(shown)")
        case 7:
            // The same type, another value: what a decoder that ignores a key would not notice.
            return (edit(root, at: path[...]) { value in
                switch value.kind {
                case .bool(let b): return [(nil, .bool(!b))]
                case .number: return [(nil, g.pick([.num("1"), .num("2"), .num("1024"), .num("65532"), .num("0.5"), .num("100")]))]
                case .string: return [(nil, .str(g.pick(["64m", "1g", "NET_RAW", "/srv", "65532", "bridge", "10s", "noexec", "errno", "read", "@basic-io", "inet"])))]
                default: return [(nil, value)]
                }
            }, "changed the value of \(shown)")
        default:
            return (edit(root, at: path[...]) { _ in [(nil, .null)] }, "set \(shown) to null")
        }
    }

    static func node(_ root: JSONNode, at path: [Step]) -> JSONNode? {
        var node: JSONNode? = root
        for step in path {
            switch step {
            case .key(let key): node = node?.objectMembers?.first { $0.key == key }?.value
            case .index(let index): node = node?.arrayValue.flatMap { index < $0.count ? $0[index] : nil }
            }
        }
        return node
    }

    /// The mutant's bytes: one to three structural mutations, sometimes then damaged as text.
    static func mutant(_ g: inout Gen, of documents: [(name: String, text: String)] = originals) -> (name: String, bytes: [UInt8], what: [String]) {
        let original = g.pick(documents)
        var root = try! JSONParser.parse(original.text)
        var what: [String] = []
        for _ in 0..<g.int(1...3) {
            let (next, description) = mutate(&g, root)
            root = next
            what.append(description)
        }
        var bytes = Array((g.chance(0.5) ? JSONWriter.pretty(root) : JSONWriter.compact(root)).utf8)
        if g.chance(0.2) {
            switch g.int(0...3) {
            case 0:
                let cut = g.int(0...bytes.count)
                bytes = Array(bytes[..<cut]); what.append("truncated at byte \(cut)")
            case 1:
                let at = g.int(0...bytes.count)
                let junk = g.pick([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xE2, 0x80]] as [[UInt8]])
                bytes.insert(contentsOf: junk, at: at); what.append("inserted bytes \(junk) at \(at)")
            case 2:
                guard !bytes.isEmpty else { break }
                let at = g.int(0...(bytes.count - 1))
                let byte = UInt8(g.int(0...255))
                bytes[at] = byte; what.append("byte \(at) set to \(byte)")
            default:
                guard !bytes.isEmpty else { break }
                let at = g.int(0...(bytes.count - 1))
                bytes.remove(at: at); what.append("removed byte \(at)")
            }
        }
        return (original.name, bytes, what)
    }

    // MARK: - The property

    /// Evidence keeps its line breaks, but a NUL or an escape must not cut or garble the report.
    static func shown(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { HardenError.oneLine(String($0)) }.joined(separator: "\n")
    }

    /// `file:LINE:COL: ` then, for a document that parses, the key path: one line.
    static func checkError(_ message: String, file: String, document: JSONNode?) -> String? {
        if message.contains("\n") || message.contains("\r") { return "the error is more than one line: \(message)" }
        guard message.hasPrefix(file + ":") else { return "the error does not start with the file name \(file): \(message)" }
        let rest = message.dropFirst(file.count + 1)
        let fields = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, Int(fields[0]) != nil, Int(fields[1]) != nil else { return "the error has no line:column after the file name: \(message)" }
        if let document {
            // The key path's first component is a key the document has (misspelt ones included).
            let keyPath = fields[2].dropFirst()
            let first = keyPath.hasPrefix("[\"") ? String(keyPath.dropFirst(2).prefix { $0 != "\"" }) : String(keyPath.prefix { $0 != "." && $0 != ":" && $0 != "[" })
            let keys = document.objectMembers?.map { HardenError.oneLine($0.key) } ?? []
            guard keyPath.hasPrefix("(top level)") || keys.contains(first) else { return "the error names no key path of the document: \(message)" }
        }
        return nil
    }

    static func decodeProperty(_ g: inout Gen) -> String? {
        let (name, bytes, what) = mutant(&g)
        let file = name + ".json"
        let text = String(decoding: bytes, as: UTF8.self)
        let evidence = "mutations: \(shown(what.joined(separator: "; ")))\ndocument: \(shown(text))"
        let profile: Profile
        do {
            profile = try ProfileDecoder.decode(text, file: file)
        } catch {
            return checkError(error.message, file: file, document: try? JSONParser.parse(text)).map { $0 + "\n" + evidence }
        }
        guard let root = try? JSONParser.parse(text) else { return "decoded a document the parser refuses\n" + evidence }
        guard let said = ProfileCanonicalForm.of(document: root, fallbackName: name) else { return "decoded a document that is not an object\n" + evidence }
        let got = ProfileCanonicalForm.of(profile)
        guard !said.sameContent(as: got) else { return nil }
        return "the decoded profile differs from the document\n  document says \(JSONWriter.compact(said))\n  profile holds  \(JSONWriter.compact(got))\n" + evidence
    }

    static func commandProperty(_ g: inout Gen) -> String? {
        let (name, bytes, what) = mutant(&g)
        let directory = TemporaryDirectory()
        let path = directory.path + "/" + name + ".json"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let result = CapturedConsole.run(["show", "--profiles", directory.path, name])
        let evidence = "mutations: \(shown(what.joined(separator: "; ")))\nstatus \(result.status), stderr: \(shown(result.err))\ndocument: \(shown(String(decoding: bytes, as: UTF8.self)))"
        let lines = result.err.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        if lines.contains(where: { !$0.hasPrefix("harden: ") }) { return "stderr has a line not starting with harden:\n" + evidence }
        let decodes = String(validating: bytes, as: UTF8.self).map { (try? ProfileDecoder.decode($0, file: path)) != nil } ?? false
        switch result.status {
        case 0: return decodes ? nil : "show accepted a profile the decoder refuses\n" + evidence
        case 1: return lines.last?.hasPrefix("harden: the profile") == true ? nil : "exit 1 without saying why\n" + evidence
        case 2:
            guard lines.count == 1 else { return "exit 2 with \(lines.count) lines on stderr\n" + evidence }
            if !decodes, !lines[0].contains(path) { return "the error does not name the file \(path)\n" + evidence }
            return nil
        default: return "exit status \(result.status)\n" + evidence
        }
    }

    @Test("a mutated profile decodes to exactly what it says, or fails in one line naming file, line:column and key")
    func decoder() {
        #expect(Self.originals.count >= 11, "the real profiles were not found under \(Self.root.path)")
        PropertyRun.check("profile mutation (decoder)", seed: Self.seed, iterations: Self.iterations) { g, _ in Self.decodeProperty(&g) }
    }

    @Test("harden show on a mutated profile: exit 2 and one line on stderr, or the profile shown")
    func command() {
        // A tenth of the cases: each one writes a file and runs the whole command.
        PropertyRun.check("profile mutation (harden show)", seed: Self.seed &+ 1, iterations: Self.iterations, share: 10) { g, _ in Self.commandProperty(&g) }
    }
}
