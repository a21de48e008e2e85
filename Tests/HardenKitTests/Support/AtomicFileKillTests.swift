import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// The promise of `AtomicFile` where it matters: a real `harden` process, killed while it writes a
/// large config.json over an existing one, leaves the existing one whole.
@Suite("A harden killed mid-write leaves the previous file intact", .serialized)
struct AtomicFileKillTests {
    static let previous = "{\"previous\": \"config\"}\n"

    /// A profile whose config.json is about 12 MB (under the 16 MB a profile may be), so the write takes long enough to be caught.
    static func largeProfileDirectory(_ directory: TemporaryDirectory) -> String {
        let blob = String(repeating: "x", count: 1_000_000)
        let variables = (0..<12).map { "\"BLOB_\($0)\": \"\(blob)\"" }.joined(separator: ", ")
        directory.write("profiles/huge.json", "{\"name\": \"huge\", \"extends\": \"builtin:worker\", \"environment\": {\(variables)}}")
        return directory.path + "/profiles"
    }

    /// A scratch directory with the large profile and a config.json holding `previous`.
    static func scene() throws -> (TemporaryDirectory, String, String) {
        let directory = TemporaryDirectory()
        let profiles = largeProfileDirectory(directory)
        let target = directory.path + "/config.json"
        try previous.write(toFile: target, atomically: false, encoding: .utf8)
        return (directory, profiles, target)
    }

    static func arguments(profiles: String, output: String) -> [String] {
        ["oci", "--profiles", profiles, "huge", "-o", output, "--", "/bin/sh"]
    }

    @Test("SIGKILL while the temporary file is being written")
    func killedByKill() throws {
        let (directory, profiles, target) = try Self.scene()

        let process = try HardenProcess.start(Self.arguments(profiles: profiles, output: target))
        // Kill as soon as the temporary file beside the target has any bytes in it: harden is then
        // between its first write(2) and its rename(2).
        var killedWith: UInt64?
        while process.isRunning {
            if let size = Self.temporaryFiles(in: directory.path).compactMap(Self.size).first(where: { $0 > 0 }) {
                kill(process.processIdentifier, SIGKILL)
                killedWith = size
                break
            }
            usleep(100)
        }
        process.waitUntilExit()
        #expect(killedWith != nil, "harden finished before its temporary file was seen; the write was not interrupted")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.previous)
    }

    @Test("SIGXFSZ one megabyte into the write (a deterministic kill at a known byte)")
    func killedByFileSizeLimit() throws {
        let (directory, profiles, target) = try Self.scene()

        // prlimit sets RLIMIT_FSIZE for the harden it execs; the kernel sends SIGXFSZ when a write
        // crosses it, which kills harden halfway through its output.
        let outcome = try HardenProcess.runWithDefaultSignals(["--fsize=1000000", try HardenProcess.binary()] + Self.arguments(profiles: profiles, output: target))
        #expect(outcome == .signal(SIGXFSZ))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.previous)
        let partial = Self.temporaryFiles(in: directory.path).compactMap(Self.size)
        #expect(partial == [1_000_000], "the interrupted temporary file holds exactly the bytes written before the limit")
    }

    @Test("a write the kernel refuses (EFBIG with SIGXFSZ ignored) is a one-line error; the old file stays and no temporary is left")
    func refusedWrite() throws {
        let (directory, profiles, target) = try Self.scene()

        let process = try HardenProcess.start(Self.arguments(profiles: profiles, output: target), limitFileSize: 1_000_000, ignoreFileSizeSignal: true)
        let stderr = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 2)
        let errors = stderr.split(separator: "\n").filter { !$0.hasPrefix("harden: warning:") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("harden: \(target): cannot write \(directory.path)/.config.json.tmp-") == true)
        #expect(errors.first?.hasSuffix(": File too large; the file size limit (ulimit -f) is below the output's size; raise it; the previous file, if any, is unchanged") == true)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.previous)
        #expect(Self.temporaryFiles(in: directory.path).isEmpty)
    }

    @Test("the same command, not killed, replaces the file with the whole new config")
    func completes() throws {
        let (directory, profiles, target) = try Self.scene()

        let process = try HardenProcess.start(Self.arguments(profiles: profiles, output: target))
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let written = try JSONParser.parse(try String(contentsOfFile: target, encoding: .utf8))
        #expect(written["process"]?["env"]?.arrayValue?.count ?? 0 >= 12)
        #expect(Self.temporaryFiles(in: directory.path).isEmpty)
    }

    static func temporaryFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix(".config.json.tmp-") }.map { directory + "/" + $0 }
    }

    static func size(_ path: String) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? UInt64
    }
}

/// Starts the `harden` executable that `swift build` put beside this test bundle.
enum HardenProcess {
    static func binary() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle.appendingPathComponent("harden").path,
                          bundle.deletingLastPathComponent().appendingPathComponent("harden").path]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HardenProcessError(description: "no harden executable beside the test bundle (looked at \(candidates.joined(separator: ", "))); run swift build first")
        }
        return found
    }

    static func start(_ arguments: [String], limitFileSize: Int? = nil, ignoreFileSizeSignal: Bool = false) throws -> Process {
        let process = Process()
        let harden = try binary()
        if let limitFileSize {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--fsize=\(limitFileSize)", harden] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: harden)
            process.arguments = arguments
        }
        process.standardError = Pipe()
        process.standardOutput = FileHandle.nullDevice
        // An ignored signal stays ignored across exec; the test says which state it wants rather
        // than inheriting whatever the test runner happens to have.
        let previous = signal(SIGXFSZ, ignoreFileSizeSignal ? SIG_IGN : SIG_DFL)
        defer { signal(SIGXFSZ, previous) }
        try process.run()
        return process
    }

    /// Runs harden to the end with `arguments`, and returns its exit status and standard output.
    static func output(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    enum Outcome: Equatable {
        case exit(Int32)
        case signal(Int32)
    }

    /// Runs `/usr/bin/prlimit ARGUMENTS` with every signal's default action restored and none blocked
    /// in the child (posix_spawn's SETSIGDEF and SETSIGMASK), so SIGXFSZ kills as it would from a shell.
    static func runWithDefaultSignals(_ arguments: [String]) throws -> Outcome {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The test runner's threads may also block signals, and the mask is inherited too.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/prlimit"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/prlimit", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw HardenProcessError(description: "posix_spawn prlimit: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // The wait status: the low 7 bits are the terminating signal, or 0 for a normal exit.
        return status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
    }
}

struct HardenProcessError: Error, CustomStringConvertible {
    var description: String
}
