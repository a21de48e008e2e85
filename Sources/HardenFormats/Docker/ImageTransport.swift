import HardenModel
/// podman's transports (containers/image): `docker://`, `oci:`, `dir:`, … before an image. Whether
/// the rest is a reference docker accepts is `ImageReference.problem(with:)`.
package enum ImageTransport {
    /// The transport `text` names an image through, or nil for a plain reference.
    static func of(_ text: String) -> String? {
        let known = ["docker", "docker-archive", "docker-daemon", "oci", "oci-archive", "containers-storage", "dir", "sif", "tarball"]
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = String(text[..<colon])
        // `docker` is a transport only as `docker://`; `docker:27` is the image docker, tag 27.
        guard known.contains(name), name != "docker" || text.hasPrefix("docker://") else { return nil }
        return name
    }
}
