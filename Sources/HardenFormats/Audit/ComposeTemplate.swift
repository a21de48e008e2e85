import HardenModel
/// Compose's variable substitution (compose-go template package), for files read as written:
/// `$$` is a literal `$`; `$NAME` and `${NAME}` the variable; `${NAME:-default}` / `${NAME-default}`
/// the default when unset or empty / unset; `${NAME:?error}` / `${NAME?error}` an error then;
/// `${NAME:+alternative}` / `${NAME+alternative}` the alternative when set and non-empty / set.
/// Defaults and alternatives are substituted in turn (`${A:-${B}}`).
package enum ComposeTemplate {
    struct Result: Equatable {
        var text: String
        /// Variables compose would have filled with "" (or stopped on): unset, without a default.
        var unresolved: [String] = []
    }

    enum Failure: Error, Equatable {
        case invalid(String)
    }

    static func substitute(_ text: String, _ lookup: (String) -> String?) throws(Failure) -> Result {
        var result = Result(text: "")
        let scalars = Array(text.unicodeScalars)
        var index = 0
        try expand(scalars, &index, until: nil, lookup, into: &result)
        return result
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.isASCII && scalar.properties.isAlphabetic)
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    /// Appends `scalars[index...]` substituted, up to the `}` closing a braced expression when `until` is set.
    static func expand(_ scalars: [Unicode.Scalar], _ index: inout Int, until closing: Unicode.Scalar?,
                       _ lookup: (String) -> String?, into result: inout Result) throws(Failure) {
        while index < scalars.count {
            let scalar = scalars[index]
            if let closing, scalar == closing { return }
            guard scalar == "$" else { result.text.unicodeScalars.append(scalar); index += 1; continue }
            index += 1
            guard index < scalars.count else { throw .invalid("a lone $ at the end") }
            let next = scalars[index]
            if next == "$" { result.text.append("$"); index += 1; continue }
            if isNameStart(next) {
                var name = ""
                while index < scalars.count, isNameCharacter(scalars[index]) { name.unicodeScalars.append(scalars[index]); index += 1 }
                if let value = lookup(name) { result.text += value } else { result.unresolved.append(name) }
                continue
            }
            guard next == "{" else { throw .invalid("a lone $ before \"\(Character(next))\"") }
            index += 1
            try braced(scalars, &index, lookup, into: &result)
        }
        if closing != nil { throw .invalid("a ${ without its closing }") }
    }

    static func braced(_ scalars: [Unicode.Scalar], _ index: inout Int, _ lookup: (String) -> String?, into result: inout Result) throws(Failure) {
        var name = ""
        while index < scalars.count, isNameCharacter(scalars[index]) { name.unicodeScalars.append(scalars[index]); index += 1 }
        guard !name.isEmpty, isNameStart(name.unicodeScalars.first!), index < scalars.count else {
            throw .invalid("${…} needs a variable name (letters, digits, _)")
        }
        let value = lookup(name)
        if scalars[index] == "}" {
            index += 1
            if let value { result.text += value } else { result.unresolved.append(name) }
            return
        }
        var colon = false
        if scalars[index] == ":" { colon = true; index += 1 }
        guard index < scalars.count, ["-", "?", "+"].contains(scalars[index]) else {
            throw .invalid("${\(name)…} uses an operator compose does not know; use :-, -, :?, ?, :+ or +")
        }
        let operation = scalars[index]
        index += 1
        // The argument is substituted on its own, and used only when the operator picks it.
        var argument = Result(text: "")
        try expand(scalars, &index, until: "}", lookup, into: &argument)
        index += 1
        let missing = colon ? (value ?? "").isEmpty : value == nil
        switch operation {
        case "-":
            if missing { result.text += argument.text; result.unresolved += argument.unresolved } else { result.text += value ?? "" }
        case "?":
            if missing { result.unresolved.append(name) } else { result.text += value ?? "" }
        default:
            if !missing { result.text += argument.text; result.unresolved += argument.unresolved }
        }
    }
}
