/// Whether a string is an image reference docker would accept, by distribution/reference's grammar
/// (`reference/regexp.go`, `normalize.go`): a registry host (`[a-zA-Z0-9-.]` labels, an optional
/// `:port`, or `[IPv6]`), lower-case path components joined by `.`, `_`, `__` or dashes, a tag of at
/// most 128 word characters, dots and dashes, a digest `algorithm:hex` with 32 or more hex digits;
/// or an image ID (64 hex digits, or `sha256:` and 64), which `docker run` looks up locally.
extension ImageReference {
    /// Why docker would refuse `text` as an image reference, or nil when it would take it. Read on
    /// bytes: every door checks its image, `check --file` one a line, and past the first two
    /// checks the text is ASCII, one byte a character.
    static func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return "it is empty" }
        // UTF-8 never puts a byte below 0x80 inside a longer character, so these bytes are the scalars.
        if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return "it contains a blank (a whole command line quoted as one word? drop the quotes so that each word is an argument of its own)" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "it contains a control character" }
        if bytes.contains(where: { $0 >= 0x80 }) { return "it contains a character outside ASCII" }
        if isImageID(bytes[...]) { return nil }
        func shown(_ part: ArraySlice<UInt8>) -> String { String(decoding: part, as: UTF8.self) }
        var rest = bytes[...]
        if let at = rest.firstIndex(of: UInt8(ascii: "@")) {
            let digest = rest[(at + 1)...]
            guard let colon = digest.firstIndex(of: UInt8(ascii: ":")), isAlgorithm(digest[..<colon]),
                  digest.endIndex - colon - 1 >= 32, digest[(colon + 1)...].allSatisfy(isHex) else {
                return "the digest \(shown(digest)) is not ALGORITHM:HEX (sha256: and 64 hex digits)"
            }
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: UInt8(ascii: ":")), !rest[colon...].contains(UInt8(ascii: "/")) {
            let tag = rest[(colon + 1)...]
            guard isTag(tag) else { return "the tag \(shown(tag)) is not 1 to 128 letters, digits, _, . or - (not starting with . or -)" }
            rest = rest[..<colon]
        }
        var components = rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if components.count > 1 {
            let first = components[0]
            if first.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") || isUpper($0) }) || first.elementsEqual("localhost".utf8) {
                guard isHost(first) else { return "the registry \(shown(first)) is not a host name or address with an optional :port" }
                components.removeFirst()
            }
        }
        if rest.count > 255 { return "the name is longer than 255 characters" }
        for component in components where !isPathComponent(component) {
            if component.contains(where: isUpper) { return "the repository path \(components.map(shown).joined(separator: "/")) must be lower case" }
            return "the path component \"\(shown(component))\" is not lower-case letters and digits joined by ., _, __ or -"
        }
        return nil
    }

    /// Checks a reference where a door meets it, for exit 2 with one line naming where it was.
    package static func validate(_ text: String, at place: String) throws(HardenError) {
        if let refusal = refusal(text) { throw .input("\(place): \(refusal)") }
    }

    /// What every door says of a reference docker would refuse, after its own place; nil when docker takes it.
    package static func refusal(_ text: String) -> String? {
        guard let problem = problem(with: text) else { return nil }
        if let engine = quotedCommandLine(text) {
            return "\"\(text)\" is a whole \(engine) command line quoted as one word, not an image reference; drop the quotes so that each word is an argument of its own"
        }
        return "the image reference \"\(text)\" is not one docker accepts: \(problem); write [REGISTRY/]PATH[:TAG][@DIGEST] with the path in lower case"
    }

    /// The engine a word names when the word is a whole command line (`docker run --privileged
    /// alpine`, `sudo podman run x`), as a shell passes it on when the line was quoted; else nil.
    package static func quotedCommandLine(_ text: String) -> String? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        guard words.count > 1 else { return nil }
        if words.first == "sudo" { words = words.dropFirst() }
        guard let first = words.first, words.count > 1 else { return nil }
        let engine = first.split(separator: "/").last.map(String.init) ?? ""
        return ["docker", "podman", "nerdctl"].contains(engine) ? engine : nil
    }

    static func isImageID(_ text: String) -> Bool { isImageID(Array(text.utf8)[...]) }

    private static func isImageID(_ text: ArraySlice<UInt8>) -> Bool {
        let hex = text.starts(with: "sha256:".utf8) ? text.dropFirst(7) : text
        return hex.count == 64 && hex.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    private static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) }

    private static func isAlgorithm(_ text: ArraySlice<UInt8>) -> Bool {
        // [A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*
        var previousSeparator = true
        for byte in text {
            if isLetter(byte) { previousSeparator = false; continue }
            if isDigit(byte), !previousSeparator { continue }
            if "-_+.".utf8.contains(byte), !previousSeparator { previousSeparator = true; continue }
            return false
        }
        return !previousSeparator
    }

    private static func isTag(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first, text.count <= 128, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return text.allSatisfy { isLetter($0) || isDigit($0) || "_.-".utf8.contains($0) }
    }

    private static func isHost(_ text: ArraySlice<UInt8>) -> Bool {
        func isPort(_ port: ArraySlice<UInt8>) -> Bool { !port.isEmpty && port.allSatisfy(isDigit) }
        var host = text
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let address = host[(host.startIndex + 1)..<close]
            guard !address.isEmpty, address.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") }) else { return false }
            host = host[(close + 1)...]
            if host.isEmpty { return true }
            return host.first == UInt8(ascii: ":") && isPort(host.dropFirst())
        }
        if let colon = host.firstIndex(of: UInt8(ascii: ":")) {
            guard isPort(host[(colon + 1)...]) else { return false }
            host = host[..<colon]
        }
        return host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
            return label.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
    private static func isPathComponent(_ text: ArraySlice<UInt8>) -> Bool {
        var run: ArraySlice<UInt8> = []
        var sawAlphanumeric = false
        // An index loop, not zip(indices, text): the first zip of these types instantiates its
        // metadata from a mangled name at run time, a million instructions on every harden start.
        for offset in text.indices {
            let byte = text[offset]
            if isLower(byte) || isDigit(byte) {
                if !run.isEmpty, !(run.count == 1 || run.elementsEqual("__".utf8) || run.allSatisfy { $0 == UInt8(ascii: "-") }) { return false }
                run = []
                sawAlphanumeric = true
                continue
            }
            guard sawAlphanumeric, "._-".utf8.contains(byte) else { return false }
            run = run.isEmpty ? text[offset...offset] : text[run.startIndex...offset]
        }
        return sawAlphanumeric && run.isEmpty
    }
}
