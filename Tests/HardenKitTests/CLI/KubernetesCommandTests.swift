import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden k8s")
struct KubernetesCommandTests {
    @Test("each built-in's Pod and Deployment match their golden files (HARDEN_UPDATE_GOLDEN=1 rewrites them)",
          arguments: ["web", "worker", "db"], Kubernetes.Workload.Kind.allCases)
    func golden(profile: String, kind: Kubernetes.Workload.Kind) throws {
        let arguments = ["k8s", profile, "--name", profile, "--kind", kind.rawValue, "-p", "8080:80",
                         "registry.example/app:1.0", "serve", "--port", "8080"]
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 0, "\(result.err)")
        try Golden.expect(Golden.transcript(arguments, status: result.status, out: result.out, err: result.err), matches: "\(profile).\(kind.rawValue).yaml")
    }

    @Test("usage errors are one line naming the input and the fix", arguments: [
        (["k8s", "web", "img"], "harden: harden k8s needs --name NAME after the profile, the name of the Pod; usage: \(KubernetesCommand.command.usage)\n"),
        (["k8s", "web", "--name", "Web_1", "img"], "harden: --name \"Web_1\" is not a Kubernetes name; use lower-case letters, digits and '-', '.' between parts, each starting and ending with a letter or digit\n"),
        (["k8s", "web", "--name", "web", "--kind", "job", "img"], "harden: --kind \"job\" (argument 5) is not a workload harden writes; use pod or deployment\n"),
        (["k8s", "web", "--name", "web", "--namespace", "Team A", "img"], "harden: --namespace \"Team A\" (argument 5) is not a namespace name; use lower-case letters, digits and '-' (at most 63)\n"),
        (["k8s", "web", "--name", "web", "--seccomp", "unconfined", "img"], "harden: --seccomp \"unconfined\" (argument 5) is not a choice; use runtime-default or localhost\n"),
        (["k8s", "--dry-run", "web", "--name", "web", "img"], "harden: --dry-run (argument 2) has no meaning for harden k8s; it belongs to harden run and broker; leave it out\n"),
    ])
    func usageErrors(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
    }

    @Test("what harden run refuses, harden k8s refuses with the same findings", arguments: [
        ["--privileged", "img"], ["-v", "/var/run/docker.sock:/var/run/docker.sock", "img"], ["--network", "host", "img"],
        ["--cap-add", "SYS_ADMIN", "img"], ["--pid", "host", "--device", "/dev/sda", "img"],
    ])
    func sameRefusals(docker: [String]) {
        let run = CapturedConsole.run(["run", "--dry-run", "web"] + docker)
        let k8s = CapturedConsole.run(["k8s", "web", "--name=web"] + docker)
        #expect(run.status == 1 && k8s.status == 1)
        #expect(k8s.err.hasPrefix("harden: refusing to write the Pod: "))
        #expect(run.err.dropFirst("harden: refusing to run: ".count) == k8s.err.dropFirst("harden: refusing to write the Pod: ".count))
        #expect(k8s.out.isEmpty)
    }

    @Test("--namespace, --pull and --format json reach the object")
    func options() throws {
        let result = CapturedConsole.run(["k8s", "worker", "--name", "jobs", "--namespace", "batch", "--pull", "always", "--format", "json", "img:1"])
        #expect(result.status == 0, "\(result.err)")
        let object = try JSONParser.parse(result.out)
        #expect(object["metadata"]?["namespace"]?.stringValue == "batch")
        #expect(object["spec"]?["containers"]?.arrayValue?.first?["imagePullPolicy"]?.stringValue == "Always")
        #expect(object["spec"]?["containers"]?.arrayValue?.first?["name"]?.stringValue == "jobs")
    }

    @Test("--seccomp localhost points the Pod at the generated profile and writes it to the seccomp directory")
    func localhostSeccomp() throws {
        let directory = TemporaryDirectory()
        let captured = CapturedConsole()
        let status = HardenCLI.main(["k8s", "web", "--name", "web", "--seccomp", "localhost", "--seccomp-dir", "profiles", "img:1"],
                                    console: captured.console(cwd: directory.path))
        #expect(status == 0, "\(captured.err)")
        #expect(captured.out.contains("      type: Localhost\n"), "\(captured.out)")
        #expect(captured.out.contains("web.json"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/profiles/web.json"))
    }
}
