import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Kubernetes quantities and names")
struct KubernetesQuantityTests {
    @Test("resource quantities keep docker's binary units", arguments: [
        (Int64(512) << 20, "512Mi"), (Int64(1) << 30, "1Gi"), (Int64(1536) << 20, "1536Mi"), (Int64(64) << 10, "64Ki"), (Int64(1000), "1000"),
    ])
    func quantities(bytes: Int64, quantity: String) {
        #expect(KubernetesQuantity.bytes(bytes) == quantity)
    }

    @Test("CPUs are whole numbers or millicores", arguments: [(1.0, "1"), (2.0, "2"), (0.5, "500m"), (1.25, "1250m"), (0.001, "1m")])
    func cpus(value: Double, quantity: String) {
        #expect(KubernetesQuantity.cpu(value) == quantity)
    }

    @Test("names become DNS-1123 labels", arguments: [
        ("/var/cache/nginx", "var-cache-nginx"), ("tmpfs-/tmp", "tmpfs-tmp"), ("My_Volume", "my-volume"), ("--x--", "x"),
        (String(repeating: "a", count: 70), String(repeating: "a", count: 63)),
    ])
    func labels(text: String, label: String) {
        #expect(KubernetesQuantity.label(text) == label)
    }

    @Test("object names are checked as DNS-1123 subdomains", arguments: [
        ("web", true), ("web-1", true), ("a.b", true), ("a--b", true), ("Web", false), ("-web", false), ("web-", false), ("a..b", false), ("", false), ("a_b", false),
    ])
    func subdomains(name: String, valid: Bool) {
        #expect(KubernetesQuantity.isSubdomain(name) == valid)
    }

    @Test("probe seconds round a Go duration up, to at least one", arguments: [("30s", 30), ("1m30s", 90), ("500ms", 1), ("1.2s", 2)])
    func seconds(duration: String, seconds: Int) {
        #expect(KubernetesQuantity.seconds(duration) == seconds)
    }
}
