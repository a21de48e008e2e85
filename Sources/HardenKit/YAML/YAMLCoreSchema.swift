/// The YAML 1.2 core schema's reading of a plain scalar, with numbers rewritten in JSON's syntax
/// (the tree's number literals are JSON literals: `+1` is `1`, `0x1F` is `31`, `.5` is `0.5`).
enum YAMLCoreSchema {
    static func resolve(_ text: String) -> JSONNode.Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first,
              first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || isDigit(first),
              let number = number(Array(text.utf8)) else { return .string(text) }
        return .number(number)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The JSON literal of a core-schema int or float, nil when `bytes` is neither (or is ±.inf/.nan).
    static func number(_ bytes: [UInt8]) -> String? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix: UInt64 = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            var value: UInt64 = 0
            for byte in bytes[2...] {
                guard let digit = YAMLScanner.hexValue(byte), UInt64(digit) < radix else { return nil }
                let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
                guard !overflow else { return nil }
                value = shifted + UInt64(digit)
            }
            return String(value)
        }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        var integer = bytes[integerStart..<index].drop(while: { $0 == UInt8(ascii: "0") })
        let hadInteger = index > integerStart
        var fraction: ArraySlice<UInt8>?
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fraction = bytes[fractionStart..<index]
            guard hadInteger || index > fractionStart else { return nil }
        } else if !hadInteger {
            return nil
        }
        var exponent: ArraySlice<UInt8>?
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            let exponentStart = index + 1
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
            exponent = bytes[exponentStart..<index]
        }
        guard index == bytes.count else { return nil }
        if integer.isEmpty { integer = [UInt8(ascii: "0")][...] }
        var literal = negative ? [UInt8(ascii: "-")] : []
        literal += integer
        if let fraction { literal += [UInt8(ascii: ".")] + (fraction.isEmpty ? [UInt8(ascii: "0")][...] : fraction) }
        if let exponent { literal += [UInt8(ascii: "e")] + exponent }
        return String(decoding: literal, as: UTF8.self)
    }
}
