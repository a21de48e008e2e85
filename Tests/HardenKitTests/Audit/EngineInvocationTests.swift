import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("What comes before docker run's arguments on a line")
struct EngineInvocationTests {
    static func words(_ line: String) -> [String] { (try? ShellQuote.split(line)) ?? [] }

    @Test("wrappers, assignments and engine options are read by their own grammar; docker run's arguments start after run", arguments: [
        ("docker run img:1", 2, "docker"),
        ("sudo -E docker run img:1", 4, "docker"),
        ("sudo -Eu root -g docker --preserve-env=PATH,HOME -- docker run img:1", 9, "docker"),
        ("sudo -uroot --user=root VAR=1 docker container create img:1", 7, "docker"),
        ("env -i -u HOME -uPATH --unset=X A=1 B= docker run img:1", 10, "docker"),
        ("env - /usr/bin/docker run img:1", 4, "docker"),
        ("A=1 B=2 nohup time -p exec -c command -p nice -n 5 timeout -k 5 1.5m doas -u root podman run img:1", 21, "podman"),
        ("nice -10 nice --adjustment=3 docker run img:1", 6, "docker"),
        ("docker -D -l debug --log-level=info -Hunix:///x -H=tcp://h --tls --tlsverify=false --context=c -c c --config /c run img:1", 15, "docker"),
        ("podman -r --url ssh://h --connection=c --root /r --runroot=/rr --storage-opt x=y container run img:1", 12, "podman"),
        ("nerdctl -n k8s.io --namespace=k8s.io -a /run/containerd/containerd.sock --snapshotter overlayfs --debug run img:1", 10, "nerdctl"),
        ("$ docker run img:1", 3, "docker"),
    ] as [(String, Int, String)])
    func reads(line: String, start: Int, engine: String) {
        #expect(EngineInvocation.read(Self.words(line)) == .arguments(start: start, engine: engine))
    }

    @Test("a line without its engine is docker run's arguments alone", arguments: [
        "-p 80:80 nginx:1", "nginx:1", "--privileged img:1", "run", "img:1 sudo docker run",
    ])
    func bare(line: String) {
        #expect(EngineInvocation.read(Self.words(line)) == .arguments(start: 0, engine: nil))
    }

    @Test("what cannot be read as exactly one engine invocation is named, with the word it is about", arguments: [
        ("sudo -s docker run img:1", "sudo -s is not one harden knows", 1),
        ("sudo -i docker run img:1", "sudo -i is not one", 1),
        ("sudo --chdir=/x docker run img:1", "sudo --chdir=/x is not one", 1),
        ("sudo -u", "sudo -u needs a value", 1),
        ("env -S 'docker run' img:1", "env -S is not one", 1),
        ("env --split-string=x docker run img:1", "env --split-string=x", 1),
        ("env -C /x docker run img:1", "env -C is not one", 1),
        ("env X=1", "runs no container engine", 1),
        ("env X=1 sh -c 'docker run img:1'", "sh after env is not docker, podman or nerdctl", 2),
        ("timeout docker run img:1", "timeout needs a duration", 1),
        ("exec -a name docker run img:1", "exec -a is not one", 1),
        ("command -v docker", "command -v is not one", 1),
        ("time -v docker run img:1", "time -v is not one", 1),
        ("./docker run img:1", "./docker is a relative path", 0),
        ("bin/sudo docker run img:1", "bin/sudo is a relative path", 0),
        ("docker --foo run img:1", "docker global option --foo is not one", 1),
        ("docker --tls=maybe run img:1", "--tls=maybe is not a switch", 1),
        ("docker -v", "docker global option -v is not one", 1),
        ("docker", "docker without a subcommand", 0),
        ("docker exec -it web sh", "docker exec is not run or create", 1),
        ("docker container ls", "docker ls is not run or create", 2),
        ("docker -- run img:1", "docker -- leaves no subcommand", 1),
        ("podman --hooks-dir /h run img:1", "podman global option --hooks-dir is not one", 1),
        ("podman --runtime=/x run img:1", "--runtime=/x is not one", 1),
        ("nerdctl --cni-path /x run img:1", "--cni-path is not one", 1),
    ] as [(String, String, Int)])
    func notUnderstood(line: String, fragment: String, index: Int) {
        guard case .notUnderstood(let message, let at) = EngineInvocation.read(Self.words(line)) else {
            Issue.record("read: \(EngineInvocation.read(Self.words(line)))")
            return
        }
        #expect(message.contains(fragment), "\(message)")
        #expect(at == index)
    }

    @Test("findings after wrappers point at the argument as the words stand, and a line not understood is refused by not-understood alone")
    func positions() throws {
        let launch = try DockerLineReader.read(words: Self.words("sudo -E env X=1 docker run --privileged img:1"), name: "t")
        #expect(launch.sources[.privileged]?.argument == 7)
        let refused = try DockerLineReader.read(words: Self.words("sudo -s docker run --privileged img:1"), name: "t")
        #expect(refused.plan.notUnderstood.count == 1 && !refused.plan.privileged)
        #expect(refused.sources[.notUnderstood(0)]?.argument == 2)
        let rejecting = Validator(host: Audit.host).findings(for: refused.plan, sources: refused.sources).filter(\.rejects)
        #expect(rejecting.map(\.ruleID) == ["not-understood"])
    }

    @Test("harden check takes a line that starts with an engine or a wrapper without --", arguments: [
        (["check", "sudo", "-E", "docker", "run", "--privileged", "img:1"], 1, "privileged"),
        (["check", "env", "X=1", "docker", "run", "img:1"], 0, "accepted"),
        (["check", "sudo", "-s", "docker", "run", "img:1"], 1, "not-understood"),
        (["check", "--", "docker run --privileged img:1"], 2, "argument 1: \"docker run --privileged img:1\" is a whole docker command line quoted as one word, not an image reference; drop the quotes"),
        (["check", "--", "docker", "run", "Img:1"], 2, "must be lower case"),
    ] as [([String], Int32, String)])
    func cli(arguments: [String], status: Int32, fragment: String) {
        let result = CapturedConsole.run(arguments)
        #expect(result.status == status, "\(result.out)\(result.err)")
        #expect((result.out + result.err).contains(fragment))
    }
}
