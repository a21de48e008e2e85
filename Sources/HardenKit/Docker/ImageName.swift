/// Whether a word can be the image of a docker run line. distribution/reference refuses blanks,
/// control characters and upper case in the repository path (`repository name must be lowercase`);
/// a word with them is most likely a whole command line given as one quoted word, and judging it as
/// an image would put every option in it out of sight. Other faults (a malformed digest or tag) are
/// left to the rules, which name them.
enum ImageName {
    static func isValid(_ text: String) -> Bool { problem(text).isEmpty }

    /// What is wrong with the reference, empty when nothing is.
    static func problem(_ text: String) -> String {
        guard !text.isEmpty else { return "it is empty" }
        // Every line's image is checked: plain ASCII (nearly all) on its bytes, with a way out for
        // the usual all-lower-case reference.
        var upper = false, other = false, blank = false
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0x7F { blank = true } else if byte >= 0x80 { other = true } else if byte >= 0x41 && byte <= 0x5A { upper = true }
        }
        if blank || (other && text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })) {
            return "it holds blanks or control characters"
        }
        // distribution/reference's grammar is ASCII: `—privileged` (a dash a web page made of
        // `--`) or a zero-width space before an option would hide that option as an image name.
        if other { return "it holds characters that are not ASCII (a pasted dash or an invisible space?), which no image reference has" }
        guard upper else { return "" }
        var name = Substring(text)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        if let colon = name.lastIndex(of: ":"), name.lastIndex(of: "/").map({ colon > $0 }) ?? true { name = name[..<colon] }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        // docker's splitDockerDomain: a first component with '.' or ':', `localhost`, or upper case
        // is a registry host; only the path after it must be lower case.
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
            components.removeFirst()
        }
        if components.contains(where: { $0.unicodeScalars.contains { ("A"..."Z").contains($0) } }) {
            return "the repository path \(components.joined(separator: "/")) must be lower case"
        }
        return ""
    }

    /// podman's transports (containers/image): `docker://`, `oci:`, `dir:`, … as a prefix.
    static func transport(_ text: String) -> String? {
        let known = ["docker", "docker-archive", "docker-daemon", "oci", "oci-archive", "containers-storage", "dir", "sif", "tarball"]
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = String(text[..<colon])
        // `docker` is a transport only as `docker://`; `docker:27` is the image docker, tag 27.
        guard known.contains(name), name != "docker" || text.hasPrefix("docker://") else { return nil }
        return name
    }
}
