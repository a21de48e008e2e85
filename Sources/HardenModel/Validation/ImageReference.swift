/// An image reference split as docker reads it: `[registry[:port]/]path[:tag][@digest]`.
package struct ImageReference: Sendable, Equatable {
    var registry: String
    /// The repository without registry, as in `library/nginx`.
    var path: String
    var tag: String?
    var digest: String?

    /// Splits what is there; `problem(with:)` says first whether docker would take it at all.
    init(_ text: String) {
        // Plain ASCII (nearly every reference) is cut on bytes, where a Character is one; anything
        // else by Characters, as always. Every launch's image is split this way, several times.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        func first(_ byte: Unicode.Scalar, in text: Substring) -> String.Index? {
            ascii ? text.utf8.firstIndex(of: UInt8(byte.value)) : text.firstIndex(of: Character(byte))
        }
        func last(_ byte: Unicode.Scalar, in text: Substring) -> String.Index? {
            ascii ? text.utf8.lastIndex(of: UInt8(byte.value)) : text.lastIndex(of: Character(byte))
        }
        var rest = Substring(text)
        if let at = first("@", in: rest) {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A colon after the last slash starts the tag; one before it is a registry's port.
        let lastSlash = last("/", in: rest)
        if let colon = last(":", in: rest), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        let parts = rest.splitASCII("/", maxSplits: 1, omittingEmptySubsequences: false)
        let first = String(parts[0])
        // distribution/reference splitDockerDomain: the first component is a registry host when it
        // has a `.` or `:`, is `localhost`, or has an upper-case letter (a repository path may not).
        let isHost = parts.count == 2 && (first.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }
            || first == "localhost" || first.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        if isHost {
            // Host names are case-insensitive, and index.docker.io and registry-1.docker.io are Docker
            // Hub's other names: a policy must not tell them apart.
            registry = Self.foldedHost(first)
            path = String(parts[1])
            // docker adds library/ only for a domain it folds to docker.io itself (index.docker.io).
            let slash = ascii ? path.utf8.contains(UInt8(ascii: "/")) : path.contains("/")
            if first == "docker.io" || first == "index.docker.io", !slash { path = "library/" + path }
        } else {
            registry = "docker.io"
            path = String(rest)
            // Docker Hub's official images live under library/: `nginx` and `docker.io/nginx` are one repository.
            let slash = ascii ? path.utf8.contains(UInt8(ascii: "/")) : path.contains("/")
            if !slash { path = "library/" + path }
        }
    }

    /// A registry host as policies compare it: lower case, Docker Hub's other names folded.
    static func foldedHost(_ host: String) -> String {
        let lower = host.lowercased()
        return lower == "index.docker.io" || lower == "registry-1.docker.io" ? "docker.io" : lower
    }

    /// Whether the digest is one a registry can resolve: `sha256:` and 64 hex digits (or sha512, 128).
    /// Docker refuses anything else, so a malformed one pins nothing.
    var hasWellFormedDigest: Bool {
        guard let digest else { return false }
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let length = ["sha256": 64, "sha512": 128][String(parts[0])] else { return false }
        return parts[1].count == length && parts[1].allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// `docker.io/library/nginx`: the one spelling of a repository policies compare against.
    var repository: String { registry + "/" + path }

    /// `docker.io/library/nginx:1.27`: the reference with registry and path spelt out, digest dropped.
    var spelledOut: String { repository + (tag.map { ":" + $0 } ?? "") }

    /// Whether a policy's image pattern names this image: the repository in either spelling (`nginx`,
    /// `docker.io/library/nginx`), a full reference with tag or digest, or a prefix ending in `*`.
    static func matches(_ pattern: String, image: String) -> Bool {
        let reference = ImageReference(image)
        let names = [image, reference.repository, reference.spelledOut]
        if pattern.hasSuffix("*") {
            let prefix = String(pattern.dropLast())
            let prefixes = prefix.isEmpty ? [""] : [prefix, ImageReference(prefix).spelledOut]
            return names.contains { name in prefixes.contains { name.hasPrefix($0) } }
        }
        let wanted = ImageReference(pattern)
        guard wanted.repository == reference.repository else { return false }
        return (wanted.tag == nil || wanted.tag == reference.tag) && (wanted.digest == nil || wanted.digest == reference.digest)
    }
}
