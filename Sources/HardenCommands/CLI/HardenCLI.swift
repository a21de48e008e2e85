import HardenFormats
import HardenModel
/// The command table and dispatcher. Each command lives in its own file; this one only routes.
public enum HardenCLI {
    public struct Command: Sendable {
        public var name: String
        public var summary: String
        public var usage: String
        /// Every option the command takes; its arguments are read by these alone. Built when read,
        /// as the details are: building every command's list at each start costs more than reading.
        private let optionList: @Sendable () -> [CommandOption]
        var options: [CommandOption] { optionList() }
        public var run: @Sendable ([String], Console) throws(HardenError) -> Int32
        /// Built when help is shown, not at every start: some list a whole table (doctor's checks).
        private let detailText: @Sendable () -> String
        public var details: String { detailText() }

        init(
            name: String, summary: String, usage: String, options: @autoclosure @escaping @Sendable () -> [CommandOption] = [.help],
            details: @autoclosure @escaping @Sendable () -> String,
            run: @escaping @Sendable ([String], Console) throws(HardenError) -> Int32
        ) {
            self.name = name
            self.summary = summary
            self.usage = usage
            self.optionList = options
            self.detailText = details
            self.run = run
        }
    }

    public static let commands: [Command] = [
        RunCommand.command, OCICommand.command, ComposeCommand.command, KubernetesCommand.command, BrokerCommand.command, CheckCommand.command,
        RulesCommand.command, ExplainCommand.command, SeccompCommand.command, DoctorCommand.command, ShowCommand.command,
        ProfilesCommand.command, InitCommand.command, ValidateCommand.command, DiffCommand.command, LearnCommand.command, DocsCommand.command,
        HelpCommand.command, VersionCommand.command,
    ]

    public static func command(named name: String) -> Command? { commands.first { $0.name == name } }

    /// Runs harden with its arguments (without the program name) and returns the exit status.
    /// `harden run` does not return when it starts the engine.
    public static func main(_ arguments: [String], console: Console) -> Int32 {
        do throws(HardenError) {
            guard let first = arguments.first else {
                console.err(HelpCommand.overview)
                return 2
            }
            switch first {
            case "--help", "-h": console.out(HelpCommand.overview); return 0
            case "--version", "-V": return try VersionCommand.command.run([], console)
            default: break
            }
            guard let command = command(named: first) else {
                var message = "unknown command \"\(first)\""
                if let near = StrictReader.nearest(first, in: commands.map(\.name)) { message += "; did you mean \"\(near)\"?" }
                throw HardenError.input(message + "; `harden --help` lists the commands")
            }
            return try command.run(Array(arguments.dropFirst()), console)
        } catch {
            console.err("harden: \(error.message)\n")
            return error.exitCode
        }
    }
}
