import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Sizes, durations and CPU counts read the way Docker reads them")
struct UnitsTests {
    @Test("sizes", arguments: [
        ("512m", Int64(512) << 20), ("1g", Int64(1) << 30), ("1.5g", Int64(3) << 29), ("64k", Int64(64) << 10),
        ("1024", Int64(1024)), ("512mb", Int64(512) << 20), ("2GiB", Int64(2) << 30), ("10b", Int64(10)),
    ])
    func sizes(text: String, bytes: Int64) { #expect(Units.bytes(text) == bytes) }

    /// The byte-level reading of whole numbers agrees with the general one at its edges.
    @Test("whole sizes", arguments: [
        ("1B", 1 as Int64), ("3KIB", 3 << 10), ("7Tb", 7 << 40), ("000000000000001k", 1 << 10),
        ("9007199254740993", 9007199254740992), ("8000000t", 8000000 << 40), ("0", 0),
    ] as [(String, Int64)])
    func wholeSizes(text: String, bytes: Int64) { #expect(Units.bytes(text) == bytes) }

    @Test("not sizes", arguments: ["512 MB", "", "m", "1.2.3m", "-1m", "12x", ".5m", "1e3", "1bb", "1kx", "1bib", "8388608t", "1.", "1k "])
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

    @Test("cpus to docker's precision, nano-CPUs, round trip", arguments: [("0.010000001", 0.010000001), ("4095.999999999", 4095.999999999), ("0.123456789", 0.123456789)])
    func nanoCPUs(text: String, value: Double) {
        #expect(Units.cpus(text) == value)
        #expect(Units.cpusSpelling(value) == text)
    }

    // Found by fuzzing (FuzzUnits): `.000000001570831368` was read as a CPU count and spelt back `0.`,
    // which docker reads as no limit at all. Docker refuses such values as too precise; so does harden.
    @Test("cpus finer than a nano-CPU are not a CPU count", arguments: [".000000001570831368", "0.0000000001", "1.0000000001"])
    func tooPrecise(text: String) {
        #expect(Units.cpus(text) == nil)
    }

    @Test("no CPU count is spelt as zero", arguments: [1e-12, 4e-10, 0.0000000016])
    func neverZero(value: Double) {
        #expect(!Units.isCPUCount(value))
        #expect(Units.cpusSpelling(value) != "0." && Units.cpus(Units.cpusSpelling(value)) != value)
    }
}
