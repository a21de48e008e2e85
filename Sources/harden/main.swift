import Glibc
import HardenCommands

exit(HardenCLI.main(Array(CommandLine.arguments.dropFirst()), console: .process))
