/// Turns `--secret NAME=FILE` requests into the plan's secrets: each FILE made absolute and checked
/// to be a regular file holding a value, never read. The host is passed in, so tests describe files.
public enum SecretFiles {
    /// Kernel filesystems whose "files" are interfaces, not values someone wrote.
    static let kernelFilesystems = ["/proc", "/sys", "/dev"]

    public static func resolve(
        _ requests: [SecretRequest], currentDirectory: String,
        status: (String) -> FileStatus?, resolveSymlinks: (String) -> String?
    ) throws(HardenError) -> [LaunchPlan.Secret] {
        var secrets: [LaunchPlan.Secret] = []
        for request in requests {
            let path = absolute(request.file, currentDirectory: currentDirectory)
            let shown = "--secret \(request.name)=\(request.file) (argument \(request.argument))"
            let real = RuntimeSockets.normalize(resolveSymlinks(path) ?? path)
            if let root = kernelFilesystems.first(where: { real == $0 || real.hasPrefix($0 + "/") }) {
                throw .input("\(shown): \(real) is a kernel interface under \(root), not a file holding a secret; write the value to a file of its own and pass that")
            }
            guard let file = status(path) else {
                throw .input("\(shown): \(path) does not exist; write the value to a file first (umask 077 while you do) and pass its path")
            }
            guard file.kind == .regular else {
                let hint = file.kind == .directory
                    ? "pass one --secret NAME=FILE for each file in it"
                    : "a secret is a regular file holding the value"
                throw .input("\(shown): \(path) is \(file.kind.rawValue); \(hint)")
            }
            secrets.append(LaunchPlan.Secret(name: request.name, source: path))
        }
        return secrets
    }

    /// The path against the working directory, with `.` and `..` folded, as the engine will be told it.
    public static func absolute(_ path: String, currentDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Refuses a launch that leaves out a secret its profile requires, or mounts something else where
    /// a secret goes.
    public static func check(_ plan: LaunchPlan, profile: Profile) throws(HardenError) {
        let given = Set(plan.secrets.map(\.name))
        let missing = profile.secrets.filter { $0.required && !given.contains($0.name) }.map(\.name)
        if !missing.isEmpty {
            let flags = missing.map { "--secret \($0)=FILE" }.joined(separator: " ")
            let noun = missing.count == 1 ? "the secret \(missing[0])" : "the secrets \(missing.joined(separator: ", "))"
            throw .input("the profile \(profile.name) requires \(noun); pass \(flags) with FILE holding the value (the container reads it at \(LaunchPlan.Secret.directory)/NAME)")
        }
        for secret in plan.secrets {
            let clash = plan.mounts.map(\.target) + plan.tmpfs.map(\.target)
            if let target = clash.first(where: { RuntimeSockets.normalize($0) == secret.target }) {
                throw .input("--secret \(secret.name): \(target) is already a mount of the launch; the secret goes to \(secret.target), so remove that mount or rename the secret")
            }
        }
    }
}
