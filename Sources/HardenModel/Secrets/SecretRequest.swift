/// One `--secret NAME=FILE` as typed, before the file is looked at.
public struct SecretRequest: Sendable, Equatable {
    public var name: String
    /// The path as given; made absolute against the working directory when the plan is built.
    public var file: String
    /// Where it stood on the command line, for messages.
    public var argument: Int

    public init(name: String, file: String, argument: Int) {
        self.name = name; self.file = file; self.argument = argument
    }

    /// Reads `NAME=FILE`.
    package static func parse(_ value: String, argument: Int) throws(HardenError) -> SecretRequest {
        let shown = "--secret \"\(value)\" (argument \(argument))"
        guard let equals = value.firstIndex(of: "=") else {
            throw .input("\(shown): expected NAME=FILE, a name and the file holding the value, e.g. --secret db-password=./db-password.txt")
        }
        let name = String(value[..<equals]), file = String(value[value.index(after: equals)...])
        if let problem = SecretName.problem(with: name) { throw .input("\(shown): \(problem), e.g. --secret db-password=FILE") }
        guard !file.isEmpty else { throw .input("\(shown): no file after \(name)=; give the file that holds the value, e.g. --secret \(name)=./\(name).txt") }
        return SecretRequest(name: name, file: file, argument: argument)
    }
}
