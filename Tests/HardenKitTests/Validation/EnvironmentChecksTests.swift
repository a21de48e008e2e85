import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Secrets in the environment, and how to pass them as files instead")
struct EnvironmentChecksTests {
    func secretFindings(_ line: String, files: [String: String] = [:]) throws -> [Finding] {
        try Audit.findings(line, host: Audit.host(files: files)).filter { $0.ruleID == "secret-in-environment" }
    }

    @Test("the fix names the exact --secret that carries the same value", arguments: [
        ("DB_PASSWORD", "db-password"), ("GITHUB_TOKEN", "github-token"), ("stripe_api_key", "stripe-api-key"),
    ])
    func exactFix(variable: String, secret: String) throws {
        let finding = try #require(try secretFindings("-e \(variable)=hunter2 img:1").first)
        #expect(finding.fix == "write the value to a file and pass --secret \(secret)=FILE instead of -e \(variable)=…: the container reads it at /run/secrets/\(secret); an image that takes \(variable)_FILE gets -e \(variable)_FILE=/run/secrets/\(secret)")
        #expect(!finding.message.contains("hunter2") && !finding.fix.contains("hunter2"), "the value itself is never repeated")
        #expect(finding.position.argument == 1)
    }

    @Test("an env file is read as the docker CLI reads it, and each literal secret in it is named with its line")
    func envFile() throws {
        let text = "\u{FEFF}# database\nDB_USER=app\n  DB_PASSWORD=hunter2\r\nAPI_TOKEN\nTOKEN_FILE=/run/secrets/t\n#SECRET=x\n\nSECRET_KEY=k=v\n"
        let findings = try secretFindings("--env-file prod.env --env-file /etc/app.env img:1",
                                          files: ["/home/user/app/prod.env": text, "/etc/app.env": "PASSWORD=\n"])
        #expect(findings.map(\.message) == [
            "the env file prod.env sets DB_PASSWORD (line 3) to a literal secret, which `docker inspect`, /proc and child processes reveal",
            "the env file prod.env sets SECRET_KEY (line 8) to a literal secret, which `docker inspect`, /proc and child processes reveal",
        ])
        #expect(findings[0].fix.hasPrefix("write the value to a file and pass --secret db-password=FILE instead of DB_PASSWORD=… in prod.env: "))
        #expect(findings.allSatisfy { $0.position.argument == 1 })
        #expect(!findings.contains { $0.message.contains("hunter2") })
    }

    @Test("an env file that cannot be read is left to docker, which refuses it")
    func unreadableEnvFile() throws {
        #expect(try secretFindings("--env-file missing.env img:1").isEmpty)
    }
}
