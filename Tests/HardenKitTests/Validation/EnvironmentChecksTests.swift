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

@Suite("secret-in-environment: switches are not secrets, literal values are")
struct SecretSwitchValueTests {
    func secretMessages(_ line: String, files: [String: String] = [:]) throws -> [String] {
        try Audit.findings(line, host: Audit.host(files: files)).filter { $0.ruleID == "secret-in-environment" }.map(\.message)
    }

    @Test("a variable named like a secret that holds a switch is not a finding", arguments: [
        "MYSQL_RANDOM_ROOT_PASSWORD=1", "ALLOW_EMPTY_PASSWORD=yes", "MYSQL_ALLOW_EMPTY_PASSWORD=YES", "USE_TOKEN=true",
        "REQUIRE_PASSWORD=False", "TOKEN_AUTH=on", "SECRET_ROTATION=OFF", "PASSWORD_LOGIN=no", "API_KEY_REQUIRED=0", "DB_PASSWORD=",
    ])
    func switchIsNoSecret(variable: String) throws {
        #expect(try secretMessages("-e \(variable) img:1") == [])
    }

    @Test("a switch is recognised in non-ASCII names too, and in env files")
    func switchElsewhere() throws {
        #expect(try secretMessages("-e PASSWORD_É=yes img:1") == [])
        #expect(try secretMessages("--env-file a.env img:1", files: ["/home/user/app/a.env": "ALLOW_EMPTY_PASSWORD=yes\nMYSQL_RANDOM_ROOT_PASSWORD=1\n"]) == [])
    }

    @Test("a literal value still is, including words that merely start like a switch", arguments: [
        "DB_PASSWORD=hunter2", "API_TOKEN=yess", "SECRET=10", "PASSWORD=true1", "PASSWORD= yes",
    ])
    func literalIsSecret(variable: String) throws {
        let name = String(variable.prefix { $0 != "=" })
        #expect(try secretMessages("-e '\(variable)' img:1") == [
            "the environment variable \(name) holds a literal secret, which `docker inspect`, /proc and child processes reveal",
        ])
    }

    @Test("a non-ASCII name with a literal value is still found")
    func nonASCIILiteral() throws {
        #expect(try secretMessages("-e PASSWORD_É=hunter2 img:1") == [
            "the environment variable PASSWORD_É holds a literal secret, which `docker inspect`, /proc and child processes reveal",
        ])
    }
}
