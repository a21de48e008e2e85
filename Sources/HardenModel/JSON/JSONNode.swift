/// A position in JSON source text, kept on every parsed node so that profile
/// errors can point the user at the exact spot they need to fix.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars rather than bytes, because
    /// that is what an editor shows the user.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One `"key": value` pair of a JSON object. Objects are kept as ordered member
/// lists rather than dictionaries so that source order and key locations survive.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: JSONNode

    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A JSON value together with where it started in the source.
///
/// Synthesized `==` compares locations too; use `sameContent(as:)` to compare
/// only what the JSON means.
public struct JSONNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The literal text exactly as written (e.g. "1.5", "-2", "1e3"), so that
        /// no precision is lost before a caller decides which numeric type it wants.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in source order.
        case object([JSONMember])
    }

    public var kind: Kind
    /// Where the value starts. Nodes built in code use 0:0.
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.kind = kind
        self.location = location
    }

    /// The JSON type name, for error messages such as "expected string, found number".
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value of the first member named `key`; nil if absent or if this is not an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    /// The value of a number literal that denotes an integer fitting in `Int`.
    /// "1e3" and "10.0" count as integers (1000 and 10) because they denote one
    /// exactly; "1.5" and "1e-1" do not. Never rounds or saturates.
    public var intValue: Int? {
        guard case .number(let literal) = kind else { return nil }
        if let plain = Int(literal) { return plain }
        return JSONNode.exactInteger(fromLiteral: literal)
    }

    /// The nearest `Double`. Literals beyond `Double`'s range give ±infinity.
    public var doubleValue: Double? {
        guard case .number(let literal) = kind else { return nil }
        return Double(literal)
    }

    public var arrayValue: [JSONNode]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// Equality of JSON content ignoring locations. Object member order still
    /// matters, and numbers compare by literal text ("1.0" is not "1").
    public func sameContent(as other: JSONNode) -> Bool {
        switch (kind, other.kind) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.number(let a), .number(let b)):
            return a == b
        case (.string(let a), .string(let b)):
            return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.key == $1.key && $0.value.sameContent(as: $1.value) }
        default:
            return false
        }
    }

    /// Works on the decimal digits so the answer is exact: floating point would
    /// silently turn "9007199254740993" or "1e-400" into something else.
    private static func exactInteger(fromLiteral literal: String) -> Int? {
        let bytes = Array(literal.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        while index < bytes.count, isDigit(bytes[index]) {
            digits.append(bytes[index])
            sawDigit = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits.append(bytes[index])
                fractionDigits += 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        // Exponents this large cannot yield an Int unless the mantissa is zero;
        // clamping keeps the arithmetic from overflowing on hostile input.
        let exponentClamp = 1_000_000
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var sawExponentDigit = false
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), exponentClamp)
                sawExponentDigit = true
                index += 1
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == bytes.count else { return nil }

        var significant = digits.drop(while: { $0 == UInt8(ascii: "0") })
        guard !significant.isEmpty else { return 0 }
        var scale = exponent - fractionDigits
        while significant.last == UInt8(ascii: "0") {
            significant.removeLast()
            scale += 1
        }
        guard scale >= 0 else { return nil }
        // Int.max has 19 digits; anything longer cannot fit.
        guard significant.count + scale <= 19 else { return nil }
        var text = negative ? "-" : ""
        text += String(decoding: significant, as: UTF8.self)
        text += String(repeating: "0", count: scale)
        return Int(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

// MARK: - Builders

/// Terse constructors for code that emits JSON (all at location 0:0).
///
///     JSONNode.obj([("name", .str("x")), ("ports", .arr([.int(80), .int(443)])), ("tty", .bool(false))])
///
/// The long spellings (`object`, `array`, `string`, `number`) are aliases of
/// the short ones for readability at call sites that prefer them; they live on
/// `JSONNode`, not on `JSONNode.Kind`, so they do not clash with the enum cases.
extension JSONNode {
    /// The JSON `null`.
    public static var null: JSONNode { JSONNode(.null) }

    /// An object whose members appear in exactly the given order.
    public static func obj(_ members: [(String, JSONNode)]) -> JSONNode {
        JSONNode(.object(members.map {
            JSONMember(key: $0.0, keyLocation: SourceLocation(line: 0, column: 0), value: $0.1)
        }))
    }

    public static func arr(_ elements: [JSONNode]) -> JSONNode {
        JSONNode(.array(elements))
    }

    public static func str(_ value: String) -> JSONNode {
        JSONNode(.string(value))
    }

    public static func int(_ value: Int) -> JSONNode {
        JSONNode(.number(String(value)))
    }

    public static func bool(_ value: Bool) -> JSONNode {
        JSONNode(.bool(value))
    }

    /// A number from its literal text, which must already be valid JSON number
    /// syntax (the writer emits it verbatim).
    public static func num(_ literal: String) -> JSONNode {
        JSONNode(.number(literal))
    }

    /// Alias of `obj(_:)`.
    public static func object(_ members: [(String, JSONNode)]) -> JSONNode { obj(members) }
    /// Alias of `arr(_:)`.
    public static func array(_ elements: [JSONNode]) -> JSONNode { arr(elements) }
    /// Alias of `str(_:)`.
    public static func string(_ value: String) -> JSONNode { str(value) }
    /// Alias of `num(_:)`.
    public static func number(_ literal: String) -> JSONNode { num(literal) }
}
