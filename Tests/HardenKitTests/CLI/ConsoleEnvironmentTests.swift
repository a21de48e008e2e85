import Foundation
import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("The console's environment")
struct ConsoleEnvironmentTests {
    @Test("is the one ProcessInfo reads, from environ directly")
    func sameAsProcessInfo() {
        #expect(Console.environment() == ProcessInfo.processInfo.environment)
        #expect(Console.process.environment == ProcessInfo.processInfo.environment)
    }

    @Test("a command's long help is built when it is asked for, and is the same each time")
    func details() throws {
        let doctor = try #require(HardenCLI.command(named: "doctor"))
        #expect(doctor.details.contains("The checks (`harden explain CHECK` shows one in full):"))
        #expect(doctor.details == DoctorCommand.command.details)
    }
}
