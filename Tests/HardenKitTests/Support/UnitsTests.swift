import Testing
@testable import HardenKit

@Suite("Sizes, durations and CPU counts read the way Docker reads them")
struct UnitsTests {
    @Test("sizes", arguments: [
        ("512m", Int64(512) << 20), ("1g", Int64(1) << 30), ("1.5g", Int64(3) << 29), ("64k", Int64(64) << 10),
        ("1024", Int64(1024)), ("512mb", Int64(512) << 20), ("2GiB", Int64(2) << 30), ("10b", Int64(10)),
    ])
    func sizes(text: String, bytes: Int64) { #expect(Units.bytes(text) == bytes) }

    @Test("not sizes", arguments: ["512 MB", "", "m", "1.2.3m", "-1m", "12x", ".5m", "1e3"])
    func notSizes(text: String) { #expect(Units.bytes(text) == nil) }

    @Test("sizes are written back in the largest exact unit", arguments: [
        (Int64(512) << 20, "512m"), (Int64(1) << 30, "1g"), (Int64(1536) << 20, "1536m"), (Int64(1000), "1000"),
    ])
    func spelling(bytes: Int64, text: String) { #expect(Units.sizeSpelling(bytes) == text) }

    @Test("durations", arguments: [("30s", 30.0), ("1m30s", 90.0), ("500ms", 0.5), ("2h", 7200.0)])
    func durations(text: String, seconds: Double) { #expect(Units.seconds(text) == seconds) }

    @Test("not durations", arguments: ["30", "s", "1x", ""])
    func notDurations(text: String) { #expect(Units.seconds(text) == nil) }

    @Test("cpus round trip", arguments: [("1", 1.0), ("0.5", 0.5), ("2.25", 2.25)])
    func cpus(text: String, value: Double) {
        #expect(Units.cpus(text) == value)
        #expect(Units.cpusSpelling(value) == text)
    }
}
