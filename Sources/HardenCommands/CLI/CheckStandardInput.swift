import FoundationEssentials
import HardenFormats
import HardenModel
/// `harden check -`: standard input, whatever check reads, told apart by content. A document (JSON,
/// or YAML: compose or Kubernetes) is read as a file is; text whose first command names an engine
/// (`docker run …`, `sudo podman run …`) is a `--file` list.
enum CheckStandardInput {
    /// How reports name it.
    static let name = "stdin"

    static func read(console: Console, compose: ComposeYAML.Context) throws(HardenError) -> [DockerLineReader.ListEntry] {
        guard let bytes = console.input(UTF8Text.documentLimit) else {
            throw .input("\(name): cannot read standard input, or it is more than \(UTF8Text.documentLimit >> 20) MB; pipe a file in (harden check - < FILE), or name the file instead")
        }
        let text = try UTF8Text.decode(Data(bytes), file: name)
        if isDockerList(text) { return DockerLineReader.entries(list: text, file: name, workingDirectory: console.currentDirectory) }
        return try AuditInput.read(file: name, text: text, compose: compose).map { .launch($0) }
    }

    /// Whether the first command (past blank lines and comments) is an engine invocation.
    static func isDockerList(_ text: String) -> Bool {
        for (_, command) in DockerLineReader.logicalLines(text) {
            guard let words = try? ShellQuote.split(command) else { return false }
            if words.isEmpty { continue }
            return DockerLineReader.beginsWithEngine(words)
        }
        return false
    }
}

extension CheckCommand {
    /// `harden check 'docker run --privileged alpine'`: the quotes make the line one operand, a file
    /// name that is not there. Said as what it is, before any reading, rather than a missing file.
    static func refuseQuotedLines(_ files: [String], console: Console) throws(HardenError) {
        for file in files where file != "-" {
            guard let engine = ImageReference.quotedCommandLine(file),
                  !FileManager.default.fileExists(atPath: CheckDirectory.absolute(file, console.currentDirectory)) else { continue }
            throw .input("\"\(file)\" is a whole \(engine) command line quoted as one word, not a file; drop the quotes so that each word is an argument of its own: harden check -- \(file)")
        }
    }
}
