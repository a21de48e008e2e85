import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// What an OCI config cannot hold is refused in one line, never left out: found by the property
/// tests, which compare the validator's verdict on a plan and on the config written from it.
@Suite("OCI refuses what a config cannot hold")
struct OCIRefusalTests {
    static func refusal(_ change: (inout LaunchPlan) -> Void) throws -> String? {
        var plan = try OCIFixtures.plan("worker")
        change(&plan)
        do { _ = try OCIConfig.convert(plan, profile: "worker", bundle: OCIBundleOptions(), host: OCIFixtures.host) } catch { return error.message }
        return nil
    }

    @Test("a privileged plan is refused, not written unprivileged")
    func privileged() throws {
        #expect(try Self.refusal { $0.privileged = true }?.hasPrefix("--privileged: ") == true)
    }

    @Test("--use-api-socket is refused, not dropped")
    func apiSocket() throws {
        #expect(try Self.refusal { $0.useAPISocket = true }?.hasPrefix("--use-api-socket: ") == true)
    }

    @Test("a --mount only a volume driver can give (here the docker socket) is refused, not dropped")
    func volumeDriverMount() throws {
        let value = "type=volume,src=sock,dst=/s,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/var/run/docker.sock"
        let message = try Self.refusal { $0.setDockerOption("mount", value) }
        #expect(message?.hasPrefix("--mount \(value): a bundle has no volume driver") == true, "\(message ?? "written")")
    }

    @Test("options harden oci refuses on its command line are refused by the conversion too", arguments: ["volumes-from", "restart", "publish-all"])
    func refusedOption(name: String) throws {
        let value = name == "publish-all" ? "true" : "x"
        #expect(try Self.refusal { $0.setDockerOption(name, value) }?.hasPrefix("--\(name) \(value): ") == true)
    }

    @Test("two AppArmor profiles, one unconfined, are refused rather than the last one kept")
    func contradictingAppArmor() throws {
        let message = try Self.refusal { $0.securityOptions = ["apparmor=unconfined", "apparmor=docker-default"] }
        #expect(message == "--security-opt apparmor: docker-default and unconfined contradict each other; keep one AppArmor profile")
    }
}
