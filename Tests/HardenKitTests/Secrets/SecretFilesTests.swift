import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Secret files are checked, never read")
struct SecretFilesTests {
    static let regular = FileStatus(kind: .regular, uid: 0, gid: 65532, mode: 0o440)

    static func resolve(_ file: String, status: FileStatus? = regular, links: [String: String] = [:]) throws(HardenError) -> [LaunchPlan.Secret] {
        try SecretFiles.resolve([SecretRequest(name: "db", file: file, argument: 4)], currentDirectory: "/home/me/app",
                                status: { _ in status }, resolveSymlinks: { links[$0] })
    }

    @Test("a relative FILE is made absolute against the working directory, with . and .. folded", arguments: [
        ("db.txt", "/home/me/app/db.txt"), ("./s/db", "/home/me/app/s/db"), ("../secrets/db", "/home/me/secrets/db"),
        ("/run//keys/./db", "/run/keys/db"),
    ])
    func absolute(file: String, path: String) throws {
        #expect(try Self.resolve(file) == [LaunchPlan.Secret(name: "db", source: path)])
    }

    @Test("a missing file, a directory, a socket or a kernel interface is a one-line input error naming the option", arguments: [
        ("/nope", nil, [:], "harden: --secret db=/nope (argument 4): /nope does not exist; write the value to a file first (umask 077 while you do) and pass its path"),
        ("/srv/keys", FileStatus(kind: .directory, uid: 0, gid: 0, mode: 0o755), [:], "harden: --secret db=/srv/keys (argument 4): /srv/keys is a directory; pass one --secret NAME=FILE for each file in it"),
        ("/run/x.sock", FileStatus(kind: .socket, uid: 0, gid: 0, mode: 0o660), [:], "harden: --secret db=/run/x.sock (argument 4): /run/x.sock is a socket; a secret is a regular file holding the value"),
        ("/proc/self/environ", regular, [:], "harden: --secret db=/proc/self/environ (argument 4): /proc/self/environ is a kernel interface under /proc, not a file holding a secret; write the value to a file of its own and pass that"),
        ("/srv/link", regular, ["/srv/link": "/sys/kernel/notes"], "harden: --secret db=/srv/link (argument 4): /sys/kernel/notes is a kernel interface under /sys, not a file holding a secret; write the value to a file of its own and pass that"),
    ] as [(String, FileStatus?, [String: String], String)])
    func refused(file: String, status: FileStatus?, links: [String: String], message: String) {
        #expect(throws: HardenError.input(String(message.dropFirst("harden: ".count)))) { try Self.resolve(file, status: status, links: links) }
    }

    @Test("a launch without a secret its profile requires names the --secret to pass")
    func required() throws {
        var profile = Profile(name: "api")
        profile.secrets = [.init(name: "db-password"), .init(name: "tls.key"), .init(name: "optional", required: false)]
        var plan = LaunchPlan()
        plan.secrets = [.init(name: "tls.key", source: "/k")]
        #expect(throws: HardenError.input("the profile api requires the secret db-password; pass --secret db-password=FILE with FILE holding the value (the container reads it at /run/secrets/NAME)")) {
            try SecretFiles.check(plan, profile: profile)
        }
        plan.secrets = []
        #expect(throws: HardenError.input("the profile api requires the secrets db-password, tls.key; pass --secret db-password=FILE --secret tls.key=FILE with FILE holding the value (the container reads it at /run/secrets/NAME)")) {
            try SecretFiles.check(plan, profile: profile)
        }
        plan.secrets = [.init(name: "db-password", source: "/p"), .init(name: "tls.key", source: "/k")]
        try SecretFiles.check(plan, profile: profile)
    }

    @Test("a mount already at a secret's target is refused")
    func clash() {
        var plan = LaunchPlan()
        plan.secrets = [.init(name: "db", source: "/p")]
        plan.tmpfs = [.init(target: "/run/secrets/db")]
        #expect(throws: HardenError.input("--secret db: /run/secrets/db is already a mount of the launch; the secret goes to /run/secrets/db, so remove that mount or rename the secret")) {
            try SecretFiles.check(plan, profile: Profile(name: "p"))
        }
    }
}
