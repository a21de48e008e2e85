import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden learn --bundle: its arguments")
struct LearnBundleCommandTests {
    static func bundle(config: String?, rootfs: Bool = true) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learn-bundle-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: directory + (rootfs ? "/rootfs" : ""), withIntermediateDirectories: true)
        if let config { _ = FileManager.default.createFile(atPath: directory + "/config.json", contents: Data(config.utf8)) }
        return directory
    }

    @Test("mistakes are one line naming the argument, before any runtime is asked", arguments: [
        (["learn", "worker", "--name", "job", "--bundle", "/nonexistent-b", "img:1"],
         "harden learn --bundle runs the bundle's own process; leave out \"img:1\": the command, its environment and mounts are in /nonexistent-b/config.json"),
        (["learn", "worker", "--name", "job", "--bundle", "/nonexistent-b", "--runtime", "docker"],
         "--runtime \"docker\" (argument 7) cannot run a bundle for harden learn; use --runtime runc or --runtime crun"),
        (["learn", "--engine", "podman", "worker", "--name", "job", "--bundle", "/nonexistent-b"],
         "--engine \"podman\" (argument 2) names a container engine; a bundle is run by its runtime: --runtime runc or --runtime crun"),
        (["learn", "worker", "--name", "job", "--runtime", "crun", "img:1"],
         "--runtime \"crun\" (argument 5) chooses the runtime of a bundle; give --bundle DIR with it, or --engine for a container"),
    ] as [([String], String)])
    func usage(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("a bundle without config.json or rootfs is named, and nothing is written")
    func missingParts() {
        let empty = Self.bundle(config: nil)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let noConfig = CapturedConsole.run(["learn", "worker", "--name", "job", "-o", empty + "/job.json", "--bundle", empty])
        #expect(noConfig.status == 2)
        #expect(noConfig.err.hasPrefix("harden: \(empty)/config.json"), "\(noConfig.err)")
        let noRoot = Self.bundle(config: #"{"process": {"args": ["sh"]}, "root": {"path": "rootfs"}}"#, rootfs: false)
        defer { try? FileManager.default.removeItem(atPath: noRoot) }
        let result = CapturedConsole.run(["learn", "worker", "--name", "job", "-o", noRoot + "/job.json", "--bundle", noRoot])
        #expect(result.status == 2)
        #expect(result.err == "harden: \(noRoot)/config.json: root.path rootfs is not a directory (\(noRoot)/rootfs); unpack the root filesystem there\n")
        #expect(!FileManager.default.fileExists(atPath: empty + "/job.json"))
        #expect(!FileManager.default.fileExists(atPath: noRoot + "/job.json"))
    }

    @Test("without the runtime on PATH it says so")
    func noRuntime() {
        let directory = Self.bundle(config: #"{"process": {"args": ["sh"]}, "root": {"path": "rootfs"}}"#)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = CapturedConsole()
        let status = HardenCLI.main(["learn", "worker", "--name", "job", "--bundle", directory, "--runtime", "crun"],
                                    console: captured.console(environment: ["HOME": directory, "PATH": directory], cwd: directory))
        #expect(status == 2)
        #expect(captured.err.hasPrefix("harden: engine \"crun\" was not found on PATH"), "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/job.json"))
    }
}
