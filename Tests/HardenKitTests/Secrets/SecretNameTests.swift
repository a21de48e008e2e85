import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Secret names")
struct SecretNameTests {
    @Test("names a file, a compose key and a Kubernetes key can all carry are accepted", arguments: [
        "db-password", "api_token", "tls.key", "A1", "0",
    ])
    func accepted(name: String) {
        #expect(SecretName.problem(with: name) == nil)
    }

    @Test("names that could leave /run/secrets or that a target refuses are not", arguments: [
        "", "../etc/passwd", ".hidden", "a/b", "with space", "-dash", "ünï", String(repeating: "a", count: 129),
    ])
    func refused(name: String) {
        #expect(SecretName.problem(with: name) != nil)
    }

    @Test("a variable's name becomes the secret name compose and Kubernetes spell", arguments: [
        ("DB_PASSWORD", "db-password"), ("API_KEY", "api-key"), ("GITHUB__TOKEN_", "github-token"), ("_", "secret"),
        ("aws.secret", "aws.secret"),
    ])
    func fromVariable(variable: String, secret: String) {
        #expect(SecretName.from(variable: variable) == secret)
    }
}
