import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Reading docker run lines")
struct DockerLineReaderTests {
    @Test("the engine and its subcommand are recognised and numbered, whatever their spelling", arguments: [
        (["docker", "run", "--privileged", "img"], 3), (["run", "--privileged", "img"], nil), (["--privileged", "img"], 1),
        (["podman", "run", "--privileged", "img"], 3), (["sudo", "docker", "container", "run", "--privileged", "img"], 5),
        (["nerdctl", "create", "--privileged", "img"], 3), (["/usr/bin/docker", "run", "--privileged", "img"], 3),
    ] as [([String], Int?)])
    func prefixes(words: [String], argument: Int?) throws {
        if argument == nil {
            // `run` alone is an image named run, as docker would read `docker run run`.
            #expect(try DockerLineReader.read(words: words, name: "x").plan.image == "run")
            return
        }
        let launch = try DockerLineReader.read(words: words, name: "x")
        #expect(launch.plan.privileged)
        #expect(launch.sources[.privileged]?.argument == argument)
    }

    @Test("a list file: comments, blank lines and continuations, each command numbered by its first line")
    func list() throws {
        let text = """
        # production launches
        docker run --rm -p 127.0.0.1:8080:80 nginx:1.27

        docker run -d \\
          --name api \\
          --privileged ghcr.io/acme/api:2   # temporary
        podman run 'busybox:1.36' echo "a # not a comment"
        """
        let launches = try DockerLineReader.read(list: text, file: "launches.txt")
        #expect(launches.map(\.name) == ["launches.txt:2", "launches.txt:4", "launches.txt:7"])
        #expect(launches[1].plan.privileged)
        #expect(launches[1].sources[.privileged]?.description == "launches.txt:4 (argument 6)")
        #expect(launches[2].plan.command == ["echo", "a # not a comment"])
    }

    @Test("a bad line is bad input naming the file and line", arguments: [
        ("docker run --bogus img\n", "launches.txt:1: unknown docker run option '--bogus' (argument 3); see `docker run --help`"),
        ("\ndocker run 'img\n", "launches.txt:2: unterminated single quote at column 12; close the quote or escape it with a backslash"),
        ("docker run --device-cgroup-rule 'x' img\n", "launches.txt:1: --device-cgroup-rule \"x\" (argument 3): expected TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 r' (TYPE a, b or c; numbers or *; ACCESS some of r, w, m)"),
    ])
    func badLine(text: String, message: String) {
        #expect(throws: HardenError.input(message)) { try DockerLineReader.read(list: text, file: "launches.txt") }
    }

    // Found while measuring `check --file`: "\r\n" is one Swift Character, so a CRLF list was one
    // line and line 2's --privileged became line 1's command; the audit accepted it.
    @Test("a list with CRLF line ends is read line by line, and line 2's --privileged is seen")
    func crlf() throws {
        let launches = try DockerLineReader.read(list: "docker run img1\r\ndocker run --privileged img2 \\\r\n  sh\r\n", file: "launches.txt")
        #expect(launches.count == 2)
        #expect(launches.map(\.name) == ["launches.txt:1", "launches.txt:2"])
        #expect(launches[0].plan.command.isEmpty && launches[0].plan.image == "img1")
        #expect(launches[1].plan.privileged && launches[1].plan.image == "img2" && launches[1].plan.command == ["sh"])
    }
}
