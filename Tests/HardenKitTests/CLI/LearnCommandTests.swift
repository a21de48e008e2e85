import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("harden learn: its arguments")
struct LearnCommandTests {
    @Test("usage mistakes are one line naming the argument, exit 2, before any engine is asked", arguments: [
        (["learn", "web", "--", "img"], "harden learn needs --name NAME, the learned profile's name; usage: " + ArgumentCursorTests.usage("learn")),
        (["learn", "web", "--name", "a b", "img"], "--name \"a b\" (argument 3) is not a profile name; use letters, digits, '-', '_' and '.'"),
        (["learn", "web", "--name", "web", "img"], "--name \"web\" (argument 3) is the profile learned from; give the learned one a name of its own"),
        (["learn", "web", "--name", "api", "--seconds", "0", "img"], "--seconds \"0\" (argument 5) is not a number of seconds; use a whole number from 1 to 86400"),
        (["learn", "web", "--name", "api", "--runs", "0", "img"], "--runs \"0\" (argument 5) is not a number of runs; use a whole number from 1 to 20"),
        (["learn", "web", "--name", "api", "-o", "out/other.json", "img"], "--output \"out/other.json\" (argument 5) must name a file api.json: harden finds a profile by its file name; use -o DIR/api.json"),
        (["learn", "--name", "api"], "missing the profile to learn from; usage: " + ArgumentCursorTests.usage("learn")),
    ] as [([String], String)])
    func usage(arguments: [String], message: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == 2)
        #expect(result.err == "harden: \(message)\n")
    }

    @Test("--runs N watches at least N times, each pass after the first told the calls seen so far", arguments: [1, 3])
    func runs(count: Int) throws {
        var observations = LearnObservations(base: "worker", baseProfile: Profile(name: "worker"), name: "api", image: "img:1", started: "t", seconds: 0)
        var knownSeen: [Set<String>] = []
        var said: [String] = []
        // A call made only on the second run: what --runs is for.
        let calls = [["read", "write"], ["read", "kill"], ["write"]]
        _ = try LearnSteps.observe(&observations, runs: count, signal: LearnSteps.Signal(environment: [:], haveLog: true), say: { said.append($0) }) {
            number, known, _, observations throws(HardenError) in
            knownSeen.append(known)
            observations.records += calls[number - 1].map { SeccompLogRecord(pid: 1, comm: "job", arch: "c000003e", number: 0, name: $0) }
            return LearnWatch.Outcome()
        }
        #expect(knownSeen.count == count)
        if count == 3 {
            #expect(knownSeen == [[], ["read", "write"], ["read", "write", "kill"]])
            #expect(said == ["pass 2: kill not seen in an earlier pass", "pass 3: no call not seen in an earlier pass"])
            #expect(Set(observations.records.compactMap { $0.name }) == ["read", "write", "kill"])
        }
    }

    @Test("a seccomp profile of the user's own is refused: learning needs its own filter")
    func ownFilter() {
        let result = CapturedConsole.run(["learn", "web", "--name", "api", "--security-opt", "seccomp=/etc/hostname", "img:1"])
        #expect(result.status == 2)
        #expect(result.err.contains("harden learn loads a learning filter of its own; leave out --security-opt seccomp=..."), "\(result.err)")
    }

    @Test("without docker on PATH it says so, and writes nothing")
    func noDocker() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learn-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let captured = CapturedConsole()
        let status = HardenCLI.main(["learn", "worker", "--name", "job", "img:1"],
                                    console: captured.console(environment: ["HOME": directory, "PATH": directory], cwd: directory))
        #expect(status == 2)
        #expect(captured.err.hasPrefix("harden: engine \"docker\" was not found on PATH"), "\(captured.err)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/job.json"))
    }
}

@Suite("harden learn: did the learned profile run the same way")
struct LearnVerificationTests {
    static func outcome(exit: Int? = nil, exercise: Int32? = 0, output: String = "200\n404\n", logs: String = "") -> LearnWatch.Outcome {
        var outcome = LearnWatch.Outcome()
        outcome.exitStatus = exit
        outcome.exerciseStatus = exercise
        outcome.exerciseOutput = output
        outcome.logs = logs
        return outcome
    }

    @Test("the same status and output, both still running or both exited alike: no difference")
    func same() {
        #expect(LearnWatch.differences(Self.outcome(), Self.outcome()).isEmpty)
        #expect(LearnWatch.differences(Self.outcome(exit: 0, exercise: nil, output: "", logs: "job ok\n"),
                                       Self.outcome(exit: 0, exercise: nil, output: "", logs: "job ok\n")).isEmpty)
    }

    @Test("each way of differing is named", arguments: [
        (outcome(exercise: 0), outcome(exercise: 7), "the exercise exited with status 7, not 0"),
        (outcome(), outcome(output: "200\n500\n"), "the exercise printed something else (500 instead of 404)"),
        (outcome(), outcome(exit: 139), "the container exited with status 139 where it kept running before"),
        (outcome(exit: 0), outcome(), "the container kept running where it exited with status 0 before"),
        (outcome(exit: 0), outcome(exit: 1), "the container exited with status 1, not 0"),
        (outcome(exit: 0, logs: "job ok\n"), outcome(exit: 0, logs: "job wrong\n"), "the container printed something else (job wrong instead of job ok)"),
    ] as [(LearnWatch.Outcome, LearnWatch.Outcome, String)])
    func differs(before: LearnWatch.Outcome, after: LearnWatch.Outcome, said: String) {
        #expect(LearnWatch.differences(before, after) == [said])
    }
}

@Suite("harden learn: reading the audit log")
struct SeccompLogSourceTests {
    @Test("a log file is read from where it stood: earlier records never count, a half-written line waits")
    func follows() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let line = SeccompLogRecordTests.auditd
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let source = try #require(SeccompLogSource.following(file: path))
        #expect(source.drain().isEmpty, "written before learning began")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n" + "type=SECCOMP msg=audit(1.2:3): pid=9 comm=\"x\" arch=c000003e sys").utf8))
        #expect(source.drain().map(\.pid) == [812])
        handle.write(Data("call=0 code=0x7ffc0000\n".utf8))
        try handle.close()
        #expect(source.drain().map(\.name) == ["read"])
    }

    @Test("where auditd runs its log is read; where the kernel log cannot be read, one line says why")
    func choice() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "\(getpid())\n".write(toFile: directory + "/auditd.pid", atomically: true, encoding: .utf8)
        try "".write(toFile: directory + "/audit.log", atomically: true, encoding: .utf8)
        let audit = try SeccompLogSource.open(auditLog: directory + "/audit.log", auditPid: directory + "/auditd.pid", kernelLog: "/dev/null").get()
        #expect(audit.kind == .auditLog(directory + "/audit.log"))
        switch SeccompLogSource.open(auditLog: directory + "/none.log", auditPid: directory + "/auditd.pid", kernelLog: "/dev/null") {
        case .success: Issue.record("an unreadable audit log must not be taken for a source")
        case .failure(let problem): #expect(problem.message.hasPrefix("auditd runs, so the kernel sends seccomp records to \(directory)/none.log, which cannot be read ("))
        }
        switch SeccompLogSource.open(auditLog: directory + "/audit.log", auditPid: directory + "/no.pid", kernelLog: directory + "/kmsg") {
        case .success: Issue.record("a missing kernel log must not be taken for a source")
        case .failure(let problem): #expect(problem.message == "the kernel log (\(directory)/kmsg) cannot be read: No such file or directory")
        }
    }

    @Test("records of processes in another container are left out; the container's and ended ones are kept")
    func attribution() {
        var records = ContainerRecords(containerID: "no-such-container-id")
        let mine = SeccompLogRecord(pid: Int(getpid()), comm: "harden", arch: "c000003e", number: 0, name: "read")
        let gone = SeccompLogRecord(pid: 4_194_303, comm: "gone", arch: "c000003e", number: 0, name: "read")
        records.take([mine, gone])
        #expect(records.records == [gone], "this test process is in no such container; a pid with no /proc entry counts")
        #expect(records.others == 1)
        #expect(records.unattributed == 1)
    }
}
