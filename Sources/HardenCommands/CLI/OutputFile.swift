import HardenFormats
import HardenModel
/// `-o/--output FILE` for the commands that print a file (`compose`, `k8s`), written as `oci -o`
/// writes its config: beside the target, then renamed over it, so no reader sees half a file.
/// kubectl users type `-o yaml` for a format; that is told apart and answered with `--format`.
enum OutputFile {
    /// kubectl's -o formats, which are never meant as a file name here.
    static let kubectlFormats: Set<String> = ["yaml", "yml", "json", "wide", "name"]
    static let kubectlTemplates = ["jsonpath", "go-template", "custom-columns", "template"]

    /// The file to write, or nil for standard output.
    static func destination(_ parsed: ParsedArguments, command: String) throws(HardenError) -> String? {
        guard let value = parsed.value("--output") else { return nil }
        let lowered = value.lowercased()
        if kubectlFormats.contains(lowered) || kubectlTemplates.contains(where: { lowered.hasPrefix($0) }) {
            let format = lowered.hasPrefix("json") ? "json" : "yaml"
            let argument = parsed.argument(of: "--output").map { " (argument \($0))" } ?? ""
            throw .input("-o \(value)\(argument) is kubectl's output format; harden \(command)'s -o names a file: use --format \(format) (and -o FILE to write it to a file; ./\(value) for a file of that name)")
        }
        return value
    }

    /// Standard output without a destination; else the file, replaced atomically.
    static func write(_ text: String, to output: String?, console: Console) throws(HardenError) {
        guard let output else { console.out(text); return }
        let target = output.hasPrefix("/") ? output : console.currentDirectory + "/" + output
        do {
            try AtomicFile.write(text, to: target)
        } catch {
            throw .input("\(output): \(error.description); \(error.advice); the previous file, if any, is unchanged")
        }
    }
}
