/// Whether a written directory holds scratch (temporary files, caches, logs, pid and lock files),
/// which a tmpfs carve-out serves, or data, which should outlive the container on a volume.
enum ScratchPaths {
    static let prefixes = ["/tmp", "/var/tmp", "/run", "/var/run", "/var/cache", "/var/log", "/dev/shm", "/var/lock"]
    static let words = ["tmp", "temp", "cache", "log", "logs", "run", "lock", "locks", "pid", "pids"]

    static func isScratch(_ path: String) -> Bool {
        if prefixes.contains(where: { path == $0 || PathOrder.isAncestor($0, of: path) }) { return true }
        return path.split(separator: "/").contains { component in
            let lower = component.lowercased()
            return words.contains(lower) || lower.contains("cache") || lower.hasSuffix("tmp") || lower.hasSuffix("_temp") || lower.hasSuffix("-temp")
        }
    }
}
