import Foundation
import Testing

/// SplitMix64: a tiny, fast generator whose whole state is one number, so any case can be replayed
/// from the seed a failure prints.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random choices for the generators, over a seeded SplitMix64.
struct Gen {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &rng) }
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func maybe<T>(_ p: Double, _ make: (inout Gen) -> T) -> T? { chance(p) ? make(&self) : nil }
    /// Up to `max` values, each made by `make`.
    mutating func list<T>(max: Int, _ make: (inout Gen) -> T) -> [T] {
        (0..<int(0...max)).map { _ in make(&self) }
    }
    mutating func subset<T>(_ items: [T], p: Double) -> [T] { items.filter { _ in chance(p) } }
}

/// How many cases each property tries, and from which seed: fixed by default so `swift test` is
/// repeatable and quick; `HARDEN_PROPERTY_ITERATIONS` runs more, `HARDEN_PROPERTY_SEED` replays.
enum PropertyRun {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func iterations(default value: Int) -> Int {
        environment["HARDEN_PROPERTY_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? value
    }

    static func seed(default value: UInt64) -> UInt64 {
        guard let text = environment["HARDEN_PROPERTY_SEED"] else { return value }
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) ?? value : UInt64(text) ?? value
    }

    /// The seed of one case: the first case uses the run's seed itself, so a failing case replays
    /// alone with `HARDEN_PROPERTY_SEED=<its seed> HARDEN_PROPERTY_ITERATIONS=1`.
    static func caseSeed(_ base: UInt64, _ iteration: Int) -> UInt64 {
        guard iteration > 0 else { return base }
        var mix = SplitMix64(seed: base &+ UInt64(iteration))
        return mix.next()
    }

    /// Runs `property` on `iterations` cases (`1/share` of them, for a slow property); it returns nil
    /// when the case holds, or the evidence when it fails. Stops after a few failures, each recorded with how to replay it.
    static func check(
        _ name: String, seed defaultSeed: UInt64, iterations defaultIterations: Int, share: Int = 1,
        sourceLocation: SourceLocation = #_sourceLocation, _ property: (inout Gen, UInt64) -> String?
    ) {
        let base = seed(default: defaultSeed)
        let count = max(1, iterations(default: defaultIterations) / share)
        var failures = 0
        for iteration in 0..<count {
            let caseSeed = caseSeed(base, iteration)
            var gen = Gen(seed: caseSeed)
            guard let evidence = property(&gen, caseSeed) else { continue }
            failures += 1
            Issue.record(
                "\(name): case \(iteration) of \(count) failed; replay with HARDEN_PROPERTY_SEED=\(caseSeed) HARDEN_PROPERTY_ITERATIONS=1\n\(evidence)",
                sourceLocation: sourceLocation)
            if failures >= 3 { return }
        }
    }
}
