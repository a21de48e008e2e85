import FoundationEssentials

/// The one seam between the emitters that point at a seccomp profile on disk (compose's
/// `security_opt: seccomp:PATH`, Kubernetes' `seccompProfile: Localhost`) and the generator that
/// writes it. Both emitters ask here, so they can never disagree on where the file is.
public struct GeneratedSeccomp: Sendable, Equatable {
    /// Where the target refers to the file: `DIR/PROFILE.json`, relative paths as given.
    public var path: String
    /// The profile in Docker's seccomp JSON, which runc, crun and the kubelet read too.
    public var json: String

    public init(path: String, json: String) { self.path = path; self.json = json }

    /// Where emitters expect the profile unless told otherwise.
    public static let defaultDirectory = "./seccomp"

    /// The profile generated for `plan`, to live in `directory` as `PROFILE.json`, or nil with
    /// the note that says why the engine's default stays. A profile the user named
    /// (`--security-opt seccomp=FILE`) or unconfined is the plan's own: nil and no note.
    public static func forPlan(_ plan: LaunchPlan, profile: String, directory: String) -> (profile: GeneratedSeccomp?, note: String?) {
        guard plan.seccomp == .engineDefault else { return (nil, nil) }
        guard let filter = SeccompGenerator.filter(for: plan) else {
            return (nil, "seccomp: the profile has no seccomp section, so the container engine's default seccomp profile stays in force")
        }
        return (GeneratedSeccomp(path: directory + "/" + profile + ".json", json: SeccompJSON.text(filter, format: .docker)), nil)
    }

    /// Writes the profile to its path (relative to `currentDirectory`), creating the directory.
    public func write(currentDirectory: String) throws(HardenError) {
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        let directory = PathText.deletingLastComponent(absolute)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .input("cannot create the seccomp directory \(directory): \(SystemError.describe(error)); choose a writable --seccomp-dir")
        }
        do {
            try AtomicFile.write(json, to: absolute)
        } catch {
            throw .input("cannot write the seccomp profile \(path): \(error.description); \(error.advice), or choose another --seccomp-dir")
        }
    }
}
