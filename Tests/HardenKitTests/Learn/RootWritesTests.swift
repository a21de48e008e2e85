import Testing
@testable import HardenModel

@Suite("docker diff into written directories")
struct RootWritesTests {
    @Test("a file's directory is the carve-out, exactly, whatever the workload created above it")
    func odd() throws {
        let writes = try RootWrites.parse("C /srv\nA /srv/odd\nA /srv/odd/state\nA /srv/odd/state/counter\n")
        #expect(writes.directories(mounted: ["/tmp"]) == ["/srv/odd/state"])
        #expect(!writes.existedInImage("/srv/odd/state"))
        #expect(writes.existedInImage("/srv"))
    }

    @Test("mounted targets, their mount points and the engine's own paths are not writes")
    func mounted() throws {
        let writes = try RootWrites.parse("C /run\nA /run/postgresql\nC /var\nC /var/lib\nC /var/lib/postgresql\nC /var/lib/postgresql/data\nA /var/lib/postgresql/data/PG_VERSION\nA /var/lib/postgresql/data/base\nA /var/lib/postgresql/data/base/1\nA /var/lib/postgresql/data/base/1/112\nC /tmp\nA /tmp/x\nC /dev\nA /dev/console\n")
        #expect(writes.directories(mounted: ["/tmp", "/run/postgresql"]) == ["/var/lib/postgresql/data"], "nested directories fold into the outermost written one")
        #expect(writes.existedInImage("/var/lib/postgresql/data"))
    }

    @Test("podman's diff of a container that wrote nothing: /etc changed, its mount points hidden")
    func podman() throws {
        #expect(try RootWrites.parse("C /etc\n").directories(mounted: []) == [])
        #expect(try RootWrites.parse("C /etc\nC /etc/passwd\n").directories(mounted: []) == ["/etc"], "a file changed in /etc is a write")
    }

    @Test("a deleted file marks its directory written; a write at / itself stays /")
    func deleted() throws {
        #expect(try RootWrites.parse("C /etc\nD /etc/motd\n").directories(mounted: []) == ["/etc"])
        #expect(try RootWrites.parse("A /marker\n").directories(mounted: []) == ["/"])
        #expect(try RootWrites.parse("").directories(mounted: []) == [])
    }

    @Test("a line that is no change is refused with its number")
    func refused() {
        #expect(throws: HardenError.input(#"docker diff:2: "X /etc" is not a change; expected "A /path", "C /path" or "D /path""#)) {
            try RootWrites.parse("C /etc\nX /etc\n")
        }
        #expect(throws: HardenError.self) { try RootWrites.parse("A etc\n") }
    }
}
