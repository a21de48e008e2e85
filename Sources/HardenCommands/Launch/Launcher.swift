import FoundationEssentials
import HardenFormats
import HardenModel
import Glibc

/// Replaces harden with the container engine. No shell is involved, so arguments reach the engine
/// exactly as emitted, and the TTY, signals and exit status belong to the engine from then on.
public enum Launcher {
    public static let engines = ["docker", "podman", "nerdctl"]

    /// The engine's path, looked up along PATH as execvp would.
    public static func locate(_ engine: String, path: String?) throws(HardenError) -> String {
        if engine.contains("/") {
            guard access(engine, X_OK) == 0 else { throw .input("engine \(engine) is not an executable file") }
            return engine
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(engine)"
            var isDirectory = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory,
               access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw .input("engine \"\(engine)\" was not found on PATH; install it, or choose another with --engine docker|podman|nerdctl (or HARDEN_ENGINE)")
    }

    /// Never returns on success.
    public static func exec(_ executable: String, arguments: [String]) throws(HardenError) -> Never {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        execv(executable, argv)
        let reason = String(cString: strerror(errno))
        throw .input("could not start \(executable): \(reason)")
    }
}
