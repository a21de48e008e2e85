import FoundationEssentials

/// Parsers for the value formats profiles and docker options share. Each returns nil for a malformed
/// value; callers own the error message because only they know the key or flag it came from.
public enum Units {
    /// Bytes from Docker's size syntax: `512m`, `1g`, `1.5g`, `64k`, `1024`, `512mb`, `2GiB`.
    /// Units are binary (k = 1024), as Docker's RAMInBytes reads them. Unlike Docker, a space
    /// between number and unit is refused, so `512 MB` gets a clear error rather than a guess.
    private static let kilo = 1024.0, mega = kilo * 1024, giga = mega * 1024, tera = giga * 1024
    private static let multipliers: [String: Double] = [
        "": 1, "b": 1,
        "k": kilo, "kb": kilo, "kib": kilo,
        "m": mega, "mb": mega, "mib": mega,
        "g": giga, "gb": giga, "gib": giga,
        "t": tera, "tb": tera, "tib": tera,
    ]

    public static func bytes(_ text: String) -> Int64? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiBytes(text) }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var number = ""
        while index < scalars.count, scalars[index] == "." || ("0"..."9").contains(scalars[index]) {
            number.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !number.isEmpty, number.first != ".", number.last != ".",
              number.filter({ $0 == "." }).count <= 1, let value = Double(number) else { return nil }
        let suffix = String(String.UnicodeScalarView(scalars[index...])).lowercased()
        guard let multiplier = multipliers[suffix] else { return nil }
        let bytes = value * multiplier
        guard bytes.isFinite, bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// The shortest exact spelling of a byte count: `536870912` → `512m`.
    public static func sizeSpelling(_ bytes: Int64) -> String {
        for (unit, size) in [("g", Int64(1) << 30), ("m", Int64(1) << 20), ("k", Int64(1) << 10)]
        where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)"
    }

    /// Seconds from Go's duration syntax as Docker's health options take it: `30s`, `1m30s`, `500ms`, `2h`.
    public static func seconds(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(text)
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return total
    }

    /// `bytes(_:)` for plain ASCII, on bytes: sizes are read for every audited launch. (Other text
    /// goes the Unicode way: its lower case may be ASCII, as the Kelvin sign's is.)
    private static func asciiBytes(_ text: String) -> Int64? {
        var copy = text
        if let whole = copy.withUTF8(wholeBytes) { return whole }
        let bytes = Array(text.utf8)
        var index = 0
        var dots = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if bytes[index] == UInt8(ascii: ".") { dots += 1 }
            index += 1
        }
        guard index > 0, bytes[0] != UInt8(ascii: "."), bytes[index - 1] != UInt8(ascii: "."), dots <= 1,
              let value = Double(String(decoding: bytes[..<index], as: UTF8.self)) else { return nil }
        let suffix = String(decoding: bytes[index...].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
        guard let multiplier = multipliers[suffix] else { return nil }
        let count = value * multiplier
        guard count.isFinite, count < 9.2e18 else { return nil }
        return Int64(count)
    }

    /// The common case on bytes: whole digits (at most 15, so exact as a Double) and a unit. Nil
    /// when the text needs the general reading (a fraction, many digits); `.some(nil)` when it is
    /// not a size. The product and its bounds are the general reading's, so both agree.
    private static func wholeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64?? {
        var index = 0
        var number: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            number = number * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            if index > 15 { return nil }
        }
        guard index > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") { return nil }
        let unit = bytes[index...].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        let multiplier: Double
        switch unit.first {
        case nil: multiplier = 1
        case UInt8(ascii: "b") where unit.count == 1: multiplier = 1
        case UInt8(ascii: "k"): multiplier = kilo
        case UInt8(ascii: "m"): multiplier = mega
        case UInt8(ascii: "g"): multiplier = giga
        case UInt8(ascii: "t"): multiplier = tera
        default: return .some(nil)
        }
        let rest = unit.dropFirst()
        guard multiplier == 1 || rest.isEmpty || rest.elementsEqual("b".utf8) || rest.elementsEqual("ib".utf8) else { return .some(nil) }
        let count = Double(number) * multiplier
        guard count.isFinite, count < 9.2e18 else { return .some(nil) }
        return .some(Int64(count))
    }

    /// CPUs as Docker's `--cpus` takes them: a positive decimal such as `1`, `0.5`, `2.25`.
    public static func cpus(_ text: String) -> Double? {
        guard let value = Double(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        // With at most nine decimals written, `value` is the double nearest them, far closer than the
        // half nano-CPU `isCPUCount` rounds to (below 4096), so the round trip it checks holds; only
        // the range is left to check, and the spelling (`String(format:)`) need not be made.
        let decimals = text.utf8.firstIndex(of: UInt8(ascii: ".")).map { text.utf8.distance(from: $0, to: text.utf8.endIndex) - 1 } ?? 0
        if decimals <= 9 {
            guard value.isFinite, value >= minimumCPUs, value <= 4096 else { return nil }
            return value
        }
        guard isCPUCount(value) else { return nil }
        return value
    }

    /// Docker's smallest `--cpus`. Below it docker refuses, and a value written as `0` would
    /// mean no limit at all, so no door takes less.
    public static let minimumCPUs = 0.01

    /// Whether docker can hold `value` CPUs: from 0.01 to 4096, and a whole number of nano-CPUs.
    /// Docker refuses finer values ("too precise"); written back out they would also lose digits,
    /// down to `0`, which docker reads as no limit at all.
    public static func isCPUCount(_ value: Double) -> Bool {
        value.isFinite && value >= minimumCPUs && value <= 4096 && Double(cpusSpelling(value)) == value
    }

    /// `1.0` → `1`, `0.50` → `0.5`: how cpus are written back out, to docker's nano-CPU precision.
    public static func cpusSpelling(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = StringText.fixed(value, digits: 9)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
