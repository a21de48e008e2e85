import Glibc
import HardenKit

exit(HardenCLI.main(Array(CommandLine.arguments.dropFirst()), console: .process))
