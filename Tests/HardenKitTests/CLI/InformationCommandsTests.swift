import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("show, profiles, help and version")
struct InformationCommandsTests {
    @Test("show prints each setting with the file that set it")
    func show() {
        let result = CapturedConsole.run(["show", "web"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("from: builtin:web.json → builtin:base.json"))
        let capabilities = result.out.split(separator: "\n").first { $0.contains("capabilities.add") }
        #expect(capabilities?.contains("[]") == true && capabilities?.contains("builtin:web.json") == true)
        let user = result.out.split(separator: "\n").first { $0.hasPrefix("  user ") }
        #expect(user?.contains("builtin:base.json") == true)
        #expect(result.out.contains("capabilities: none\n  ports from 0 without a capability: net.ipv4.ip_unprivileged_port_start=0 in the container's own network namespace"))
        #expect(result.out.contains("memory: 512m, no swap"))
    }

    @Test("show prints what the validator finds in a profile, and exits 1 when it is rejected")
    func showValidation() {
        let dir = TemporaryDirectory()
        dir.write("open.json", #"{"extends": "worker", "noNewPrivileges": false, "network": {"mode": "host"}}"#)
        let result = CapturedConsole.run(["show", "--profiles", dir.path, "open"])
        #expect(result.status == 1)
        #expect(result.out.contains("\nvalidation\n  error host-namespace: the network namespace is the host's (network host)"))
        #expect(result.out.contains("\n  warning new-privileges-allowed: "))
        #expect(result.err.hasPrefix("harden: the profile open is rejected: host-namespace: "))
        #expect(!CapturedConsole.run(["show", "web"]).out.contains("validation"))
    }

    @Test("profiles lists the built-ins and marks shadowed ones")
    func profiles() {
        let dir = TemporaryDirectory()
        dir.write("web.json", #"{"extends": "web"}"#)
        let result = CapturedConsole.run(["profiles", "--profiles", dir.path])
        #expect(result.status == 0)
        for name in ["base", "db", "web", "worker"] { #expect(result.out.contains("\n\(name) ")) }
        #expect(result.out.contains("(shadowed by \(dir.path)/web.json)"))
    }

    @Test("every command is reachable from help", arguments: HardenCLI.commands.map(\.name))
    func help(name: String) {
        let overview = CapturedConsole.run(["--help"])
        #expect(overview.out.contains("  \(name) "))
        let one = CapturedConsole.run(["help", name])
        #expect(one.status == 0 && one.out.hasPrefix("usage: harden \(name)"))
    }

    @Test("--version prints the version")
    func version() {
        #expect(CapturedConsole.run(["--version"]).out == "harden \(HardenVersion.current)\n")
    }
}

@Suite("show --format json")
struct ShowJSONTests {
    @Test("the effective settings come in the kernel's units")
    func json() throws {
        let result = CapturedConsole.run(["show", "--format", "json", "web"])
        #expect(result.status == 0, "\(result.err)")
        let root = try JSONParser.parse(result.out)
        #expect(root["capabilityMask"]?.stringValue == "0000000000000000")
        #expect(root["uid"]?.intValue == 65532 && root["gid"]?.intValue == 65532)
        #expect(root["memoryBytes"]?.intValue == 536_870_912 && root["memorySwapBytes"]?.intValue == 536_870_912)
        #expect(root["cpuQuotaMicros"]?.intValue == 100_000 && root["pidsLimit"]?.intValue == 256)
        #expect(root["tmpfs"]?.arrayValue?.compactMap(\.stringValue).contains("/var/lib/nginx") == true)
        #expect(root["noNewPrivileges"]?.boolValue == true && root["readOnlyRootFilesystem"]?.boolValue == true)
    }

    @Test("an unknown format is a usage error")
    func badFormat() {
        let result = CapturedConsole.run(["show", "--format", "yaml", "web"])
        #expect(result.status == 2)
        #expect(result.err == "harden: --format \"yaml\" (argument 2) is not a show format; use text or json\n")
    }
}
