/// Whether a string is an image reference docker would accept, by distribution/reference's grammar
/// (`reference/regexp.go`, `normalize.go`): a registry host (`[a-zA-Z0-9-.]` labels, an optional
/// `:port`, or `[IPv6]`), lower-case path components joined by `.`, `_`, `__` or dashes, a tag of at
/// most 128 word characters, dots and dashes, a digest `algorithm:hex` with 32 or more hex digits;
/// or an image ID (64 hex digits, or `sha256:` and 64), which `docker run` looks up locally.
extension ImageReference {
    /// Why docker would refuse `text` as an image reference, or nil when it would take it.
    static func problem(with text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) { return "it contains a blank or a control character (a whole command line given as one word?)" }
        if !text.unicodeScalars.allSatisfy(\.isASCII) { return "it contains a character outside ASCII" }
        if isImageID(text) { return nil }
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isAlgorithm(parts[0]), parts[1].count >= 32, parts[1].allSatisfy(\.isHexDigit) else {
                return "the digest \(digest) is not ALGORITHM:HEX (sha256: and 64 hex digits)"
            }
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), rest[colon...].firstIndex(of: "/") == nil {
            let tag = rest[rest.index(after: colon)...]
            guard isTag(tag) else { return "the tag \(tag) is not 1 to 128 letters, digits, _, . or - (not starting with . or -)" }
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1 {
            let first = components[0]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
                guard isHost(first) else { return "the registry \(first) is not a host name or address with an optional :port" }
                components.removeFirst()
            }
        }
        if rest.count > 255 { return "the name is longer than 255 characters" }
        for component in components where !isPathComponent(component) {
            if component.contains(where: \.isUppercase) { return "the repository path \(components.joined(separator: "/")) must be lower case" }
            return "the path component \"\(component)\" is not lower-case letters and digits joined by ., _, __ or -"
        }
        return nil
    }

    /// Checks a reference where a door meets it, for exit 2 with one line naming where it was.
    static func validate(_ text: String, at place: String) throws(HardenError) {
        if let refusal = refusal(text) { throw .input("\(place): \(refusal)") }
    }

    /// What every door says of a reference docker would refuse, after its own place; nil when docker takes it.
    static func refusal(_ text: String) -> String? {
        guard let problem = problem(with: text) else { return nil }
        return "the image reference \"\(text)\" is not one docker accepts: \(problem); write [REGISTRY/]PATH[:TAG][@DIGEST] with the path in lower case"
    }

    static func isImageID(_ text: String) -> Bool {
        let hex = text.hasPrefix("sha256:") ? text.dropFirst(7) : Substring(text)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private static func isAlgorithm(_ text: Substring) -> Bool {
        // [A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*
        var previousSeparator = true
        for character in text {
            if character.isASCII, character.isLetter { previousSeparator = false; continue }
            if character.isASCII, character.isNumber, !previousSeparator { continue }
            if "-_+.".contains(character), !previousSeparator { previousSeparator = true; continue }
            return false
        }
        return !previousSeparator
    }

    private static func isTag(_ text: Substring) -> Bool {
        guard let first = text.first, text.count <= 128, first != ".", first != "-" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }

    private static func isHost(_ text: Substring) -> Bool {
        var host = text
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            guard host.first == ":" else { return false }
            let port = host.dropFirst()
            return !port.isEmpty && port.allSatisfy(\.isNumber)
        }
        if let colon = host.firstIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
            return label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
    private static func isPathComponent(_ text: Substring) -> Bool {
        var run = ""
        var sawAlphanumeric = false
        for character in text {
            if character.isASCII, character.isLowercase || character.isNumber {
                if !run.isEmpty, !(run == "." || run == "_" || run == "__" || run.allSatisfy { $0 == "-" }) { return false }
                run = ""
                sawAlphanumeric = true
                continue
            }
            guard sawAlphanumeric, ".-_".contains(character) else { return false }
            run.append(character)
        }
        return sawAlphanumeric && run.isEmpty
    }
}
