import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// Image hygiene: which references float, which are pinned, and where they come from.
@Suite("Image references: tags, digests and registries")
struct ImageChecksTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    @Test("a reference splits as docker reads it, with Docker Hub's spellings folded into one", arguments: [
        ("nginx", "docker.io", "library/nginx", nil as String?),
        ("docker.io/nginx:1.27", "docker.io", "library/nginx", "1.27"),
        ("index.docker.io/library/nginx", "docker.io", "library/nginx", nil),
        ("prom/node-exporter:v1", "docker.io", "prom/node-exporter", "v1"),
        ("GHCR.io/acme/api:3", "ghcr.io", "acme/api", "3"),
        ("localhost:5000/app", "localhost:5000", "app", nil),
        ("registry.local:5000/team/app:2.1", "registry.local:5000", "team/app", "2.1"),
    ])
    func split(image: String, registry: String, path: String, tag: String?) {
        let reference = ImageReference(image)
        #expect(reference.registry == registry && reference.path == path && reference.tag == tag)
    }

    @Test(":latest and untagged references float; a tag or a digest does not", arguments: [
        ("nginx", true), ("nginx:latest", true), ("ghcr.io/acme/api:latest", true), ("localhost:5000/app", true),
        ("nginx:1.27", false), ("nginx@\(digest)", false), ("nginx:latest@\(digest)", false), ("localhost:5000/app:2", false),
    ])
    func unpinned(image: String, floats: Bool) throws {
        #expect(try Audit.ruleIDs(image).contains("unpinned-image") == floats)
    }

    @Test("with digests required, only a well-formed digest pins", arguments: [
        ("ghcr.io/acme/api:3", false), ("ghcr.io/acme/api:3@\(digest)", true), ("ghcr.io/acme/api@\(digest)", true),
        ("ghcr.io/acme/api@md5:0123456789abcdef0123456789abcdef", false),
        ("ghcr.io/acme/api@" + digest.uppercased().replacingOccurrences(of: "SHA256", with: "sha256"), false),
    ])
    func digests(image: String, pinned: Bool) throws {
        let policy = try Audit.policy(#"{"registries": {"requireDigest": true}}"#)
        #expect(try Audit.errors(image, policy: policy).contains("digest-required") == !pinned)
    }

    @Test("a malformed digest is refused by the door as docker refuses it, and named as such by the rule")
    func malformedDigestMessage() throws {
        #expect(throws: HardenError.input("argument 1: the image reference \"app@sha256:abc\" is not one docker accepts: the digest sha256:abc is not ALGORITHM:HEX (sha256: and 64 hex digits); write [REGISTRY/]PATH[:TAG][@DIGEST] with the path in lower case")) {
            try Audit.launch("app@sha256:abc")
        }
        // A plan from no door (a test, a future reader) is still judged by the rule.
        let policy = try Audit.policy(#"{"registries": {"requireDigest": true}}"#)
        var plan = LaunchPlan()
        plan.image = "app@sha256:abc"
        let finding = try #require(Validator(policy: policy, host: Audit.host).findings(for: plan).first { $0.ruleID == "digest-required" })
        #expect(finding.message == "the image app@sha256:abc names the digest sha256:abc, which is not sha256: followed by 64 lower-case hex digits, so it pins nothing")
    }

    @Test("the registry allowlist takes hosts and repository prefixes, whatever spelling the image uses", arguments: [
        (["docker.io/library"], "nginx:1", true), (["docker.io/library"], "docker.io/nginx:1", true),
        (["docker.io/library"], "index.docker.io/library/nginx:1", true), (["docker.io/library"], "prom/node-exporter:1", false),
        (["docker.io"], "prom/node-exporter:1", true), (["index.docker.io"], "nginx:1", true),
        (["ghcr.io/acme"], "ghcr.io/acme/api:3", true), (["ghcr.io/acme"], "ghcr.io/acmecorp/api:3", false),
        (["GHCR.IO/acme/"], "ghcr.io/acme/api:3", true), (["ghcr.io/acme/api"], "ghcr.io/acme/api:3", true),
        (["registry.local:5000"], "registry.local:5000/app:2", true), (["registry.local"], "registry.local:5000/app:2", false),
    ])
    func registries(allow: [String], image: String, allowed: Bool) throws {
        let list = allow.map { "\"\($0)\"" }.joined(separator: ", ")
        let policy = try Audit.policy(#"{"registries": {"allow": [\#(list)]}}"#)
        #expect(try Audit.errors(image, policy: policy).contains("registry-not-allowed") == !allowed)
    }
}
