import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The other JSON harden reads from others: OCI configs and compose files (`harden check`) and team
/// policies. Mutated as the profiles are (ProfileMutationPropertyTests), each is read or refused in
/// one line naming the file, line and column; never a crash. Unlike profiles these readers are
/// tolerant of keys they do not know (an audit reads what it is given), so there is no "nothing
/// dropped" check here.
@Suite("Property: mutated OCI configs, compose files and policies are read or refused in one line")
struct AuditInputMutationPropertyTests {
    static let seed: UInt64 = 0xA0D1_7000
    static let iterations = 600

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    /// harden's own OCI configs and compose files (in JSON, as the audit door reads them), which
    /// cover every key the readers look at.
    static let auditDocuments: [(name: String, text: String)] = {
        var documents: [(String, String)] = []
        for name in ["base.oci.json", "web.oci.json", "db.oci.json", "web.rootless.oci.json"] {
            if let text = try? String(contentsOfFile: golden + "/" + name, encoding: .utf8) { documents.append((name, text)) }
        }
        var g = Gen(seed: seed)
        for index in 0..<6 {
            let plan = PlanGenerator.plan(&g)
            documents.append(("compose-\(index).json", JSONWriter.pretty(ComposeConversion.convert(plan, service: "app", seccomp: nil).file.json)))
        }
        return documents
    }()

    static let policies: [(name: String, text: String)] = {
        let path = ProfileMutationPropertyTests.root.appendingPathComponent("Examples/team-repo/policy.json").path
        return [("policy", (try? String(contentsOfFile: path, encoding: .utf8)) ?? "{}")]
    }()

    static func oneLine(_ message: String, file: String) -> String? {
        if message.contains("\n") { return "the error is more than one line: \(message)" }
        guard message.hasPrefix(file + ":") else { return "the error does not start with the file name \(file): \(message)" }
        return nil
    }

    @Test("a mutated OCI config or compose file is audited, or refused in one line naming the file")
    func audit() {
        #expect(Self.auditDocuments.count == 10)
        // A third of the cases: each audit runs every rule.
        PropertyRun.check("audit input mutation", seed: Self.seed, iterations: Self.iterations, share: 3) { g, _ in
            let (name, bytes, what) = ProfileMutationPropertyTests.mutant(&g, of: Self.auditDocuments)
            let text = String(decoding: bytes, as: UTF8.self)
            let launches: [AuditedLaunch]
            do throws(HardenError) { launches = try AuditInput.read(file: name, text: text) } catch {
                return Self.oneLine(error.message, file: name).map { "\($0)\nmutations: \(what)\n\(ProfileMutationPropertyTests.shown(text))" }
            }
            // What was read is judged; judging must not trip over anything the reader let through.
            for launch in launches { _ = Validator(host: Audit.host).findings(for: launch.plan, sources: launch.sources) }
            return nil
        }
    }

    @Test("a mutated team policy is read, or refused in one line naming the file")
    func policy() {
        PropertyRun.check("policy mutation", seed: Self.seed &+ 1, iterations: Self.iterations) { g, _ in
            let (_, bytes, what) = ProfileMutationPropertyTests.mutant(&g, of: Self.policies)
            let text = String(decoding: bytes, as: UTF8.self)
            do throws(HardenError) { _ = try PolicyDecoder.decode(text, file: "policy.json") } catch {
                return Self.oneLine(error.message, file: "policy.json").map { "\($0)\nmutations: \(what)\n\(ProfileMutationPropertyTests.shown(text))" }
            }
            return nil
        }
    }
}
