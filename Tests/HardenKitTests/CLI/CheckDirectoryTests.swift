import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden check DIR")
struct CheckDirectoryTests {
    @Test("finds compose, Kubernetes and OCI files below the directory, skipping .git, node_modules and .build and other files")
    func walk() {
        let dir = TemporaryDirectory()
        dir.write("app/compose.yaml", "services:\n  web:\n    image: x:1\n    privileged: true\n")
        dir.write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n")
        dir.write("bundle/config.json", "{")
        dir.write("notes.yaml", "title: not a manifest\n")
        dir.write(".git/compose.yaml", "services:\n  hidden:\n    image: x:1\n")
        dir.write("node_modules/m/docker-compose.yml", "services:\n  hidden:\n    image: x:1\n")
        let result = CapturedConsole.run(["check", dir.path])
        #expect(result.status == 2, "\(result.out)\(result.err)")
        #expect(result.out.contains("\(dir.path)/app/compose.yaml service web: rejected"))
        #expect(result.out.contains("\(dir.path)/k8s/pod.yaml"))
        #expect(result.out.contains("\(dir.path)/bundle/config.json: unreadable"))
        #expect(!result.out.contains("notes.yaml") && !result.out.contains("hidden"))
        #expect(result.out.contains("harden check: 2 launches: 2 rejected, 0 accepted; 1 unreadable input; "))
    }
}
