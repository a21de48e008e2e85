import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// docker reads --mount values with Go's CSV reader; so must harden, or a quoted field hides a source.
@Suite("Reading --mount values")
struct MountSpecTests {
    @Test("fields read as docker reads them", arguments: [
        ("type=bind,src=/a,dst=/b", "bind", "/a", "/b", false),
        (#""type=bind","src=/a","dst=/b""#, "bind", "/a", "/b", false),
        (#"type=bind,"source=/a,with,commas",target=/b,readonly"#, "bind", "/a,with,commas", "/b", true),
        (#"type=bind,"src=/say ""hi""",dst=/b,ro=true"#, "bind", #"/say "hi""#, "/b", true),
        ("TYPE=BIND,SRC=/a,DST=/b,READONLY=1", "bind", "/a", "/b", true),
        ("type=bind,src=/a,dst=/b,readonly=false", "bind", "/a", "/b", false),
        ("dst=/b", "volume", nil, "/b", false),
        ("\ntype=bind,src=/a,dst=/b\ntype=volume,src=/x,dst=/y", "bind", "/a", "/b", false),
        ("type=bind,src=/a,src=/c,dst=/b", "bind", "/c", "/b", false),
    ] as [(String, String, String?, String, Bool)])
    func fields(value: String, type: String, source: String?, target: String, readOnly: Bool) throws {
        let spec = try MountSpec.parse(value)
        #expect(spec.type == type && spec.source == source && spec.target == target && spec.readOnly == readOnly)
    }

    @Test("a local volume's options reveal the host path it binds")
    func volumeDevice() throws {
        let spec = try MountSpec.parse("type=volume,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/srv/x")
        #expect(spec.volumeOptions == ["type": "none", "o": "bind", "device": "/srv/x"])
        #expect(spec.volumeDevice == "/srv/x")
        #expect(try MountSpec.parse("type=volume,dst=/d,volume-opt=type=nfs,volume-opt=device=:/export").volumeDevice == nil)
    }

    @Test("what docker's CSV reader refuses is refused", arguments: [
        #"type=bind,src="/a",dst=/b"#, #""type=bind"x,src=/a"#, #""type=bind"#, "",
    ])
    func refused(value: String) {
        #expect(throws: MountSpecError.self) { try MountSpec.parse(value) }
    }
}
