import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden k8s --from")
struct KubernetesFromCommandTests {
    static let arguments = ["--from", "compose.yaml", "--profile", "proxy=web", "--profile", "db=db", "--default-profile", "worker"]

    /// The YAML documents written, each as a tree.
    static func objects(_ text: String) throws -> [JSONNode] {
        try YAMLReader.load(text).map(\.root)
    }

    static func value(_ node: JSONNode, _ path: String...) -> JSONNode? {
        var current: JSONNode? = node
        for key in path {
            if let index = Int(key) { current = current?.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } } else {
                current = current?.objectMembers?.first { $0.key == key }?.value
            }
        }
        return current
    }

    @Test("each service: a restricted Deployment, a Service for what it publishes or exposes, a NetworkPolicy of its compose networks")
    func objectsPerService() throws {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", ComposeFromCommandTests.project.replacingOccurrences(of: "  cache:\n", with: "  cache:\n    expose: [\"6379\"]\n"))
        let captured = CapturedConsole()
        let status = HardenCLI.main(["k8s"] + Self.arguments, console: captured.console(cwd: directory.path))
        #expect(status == 0, "\(captured.err)")
        #expect(captured.out.hasPrefix("# Written by: harden k8s --from compose.yaml"))
        let objects = try Self.objects(captured.out)
        let kinds = objects.map { "\(Self.value($0, "kind")?.stringValue ?? "?")/\(Self.value($0, "metadata", "name")?.stringValue ?? "?")" }
        #expect(kinds == ["Deployment/proxy", "Service/proxy", "NetworkPolicy/proxy", "Deployment/app", "NetworkPolicy/app",
                          "Deployment/db", "NetworkPolicy/db", "Deployment/cache", "Service/cache", "NetworkPolicy/cache"], "\(kinds)")
        let proxyService = objects[1]
        #expect(Self.value(proxyService, "spec", "ports", "0", "port")?.intValue == 80)
        #expect(Self.value(proxyService, "spec", "type")?.stringValue == "ClusterIP")
        #expect(Self.value(objects[0], "spec", "template", "spec", "containers", "0", "securityContext", "readOnlyRootFilesystem")?.boolValue == true)
        #expect(Self.value(objects[3], "spec", "template", "spec", "containers", "0", "args")?.arrayValue?.compactMap(\.stringValue) == ["python3", "/srv/app.py"])
        // db shares only backend with app: in from app, out to app and DNS, and no way out.
        let db = objects[6]
        #expect(Self.value(db, "spec", "ingress", "0", "from", "0", "podSelector", "matchExpressions", "0", "values")?.arrayValue?.compactMap(\.stringValue) == ["app"])
        let dbEgress = Self.value(db, "spec", "egress")?.arrayValue ?? []
        #expect(dbEgress.count == 2, "\(dbEgress)")
        #expect(!dbEgress.contains { $0.objectMembers?.isEmpty == true })
        // proxy publishes: anyone on its port, and a way out.
        let proxy = objects[2]
        #expect(Self.value(proxy, "spec", "ingress", "1", "ports", "0", "port")?.intValue == 80)
        #expect(Self.value(proxy, "spec", "egress")?.arrayValue?.last?.objectMembers?.isEmpty == true)
    }

    @Test("what compose --from refuses, k8s --from refuses with the same findings")
    func sameRefusals() {
        let project = "services:\n  web:\n    image: registry.example/app:1\n    x-harden: {profile: web}\n    privileged: true\n"
        let compose = ComposeFromCommandTests.run(["--from", "compose.yaml"], files: ["compose.yaml": project])
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", project)
        let captured = CapturedConsole()
        let status = HardenCLI.main(["k8s", "--from", "compose.yaml"], console: captured.console(cwd: directory.path))
        #expect(status == 1 && compose.status == 1)
        #expect(captured.err.hasPrefix("harden: refusing to write the Kubernetes objects: service web (profile web): privileged: "), "\(captured.err)")
        #expect(captured.err.dropFirst("harden: refusing to write the Kubernetes objects: ".count)
                == compose.err.dropFirst("harden: refusing to write the compose file: ".count))
        #expect(captured.out.isEmpty)
    }

    @Test("two compose names that fold to one Kubernetes name are bad input, never one object")
    func foldedNames() {
        let directory = TemporaryDirectory()
        directory.write("compose.yaml", "services:\n  web_1:\n    image: registry.example/app:1\n  Web-1:\n    image: registry.example/app:1\n")
        let captured = CapturedConsole()
        let status = HardenCLI.main(["k8s", "--from", "compose.yaml", "--default-profile", "worker"], console: captured.console(cwd: directory.path))
        #expect(status == 2)
        #expect(captured.err == "harden: services web_1 and Web-1 would both be named web-1 in Kubernetes; rename one of them\n", "\(captured.err)")
        #expect(captured.out.isEmpty)
    }
}
