import Foundation

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

    /// The profile generated for `plan`, to live in `directory`; nil while harden has no generator,
    /// in which case the emitters keep the engine's default profile and say so.
    // TODO(issue 5): return the generator's JSON for `plan.seccompPolicy` (and for a plan without
    // one, the role's default) at `directory/<profile>.json`.
    public static func forPlan(_ plan: LaunchPlan, profile: String, directory: String) -> GeneratedSeccomp? {
        nil
    }

    /// The stderr note for an emitter that keeps the engine's default because nothing was generated.
    public static func notGeneratedNote(target: String) -> String {
        "seccomp: this harden has no seccomp generator yet, so \(target) keeps the container engine's default seccomp profile (never unconfined); nothing is written to the seccomp directory"
    }

    /// Writes the profile to its path (relative to `currentDirectory`), creating the directory.
    public func write(currentDirectory: String) throws(HardenError) {
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        let directory = (absolute as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(json.utf8).write(to: URL(fileURLWithPath: absolute))
        } catch {
            throw .input("cannot write the seccomp profile \(path): \(error.localizedDescription); choose a writable --seccomp-dir")
        }
    }
}
