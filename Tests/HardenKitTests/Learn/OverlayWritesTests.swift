import Testing
@testable import HardenModel

@Suite("harden learn --bundle: the overlay's upper directory as changes")
struct OverlayWritesTests {
    @Test("a whiteout is a deletion, a path the rootfs had is changed, a new one added; sorted as docker diff sorts")
    func kinds() {
        let writes = RootWrites.overlay([
            .init(path: "/srv/odd/state", whiteout: false, inLower: false),
            .init(path: "/etc/motd", whiteout: true, inLower: true),
            .init(path: "/srv", whiteout: false, inLower: true),
            .init(path: "/srv/odd", whiteout: false, inLower: true),
            .init(path: "/etc", whiteout: false, inLower: true),
            .init(path: "/srv/odd/state/stamp", whiteout: false, inLower: false),
        ])
        #expect(writes.changes == [
            .init(.changed, "/etc"), .init(.deleted, "/etc/motd"), .init(.changed, "/srv"), .init(.changed, "/srv/odd"),
            .init(.added, "/srv/odd/state"), .init(.added, "/srv/odd/state/stamp"),
        ])
    }

    @Test("reduced to directories as a docker diff is: the file's directory, mount points of the run left out")
    func directories() {
        let writes = RootWrites.overlay([
            .init(path: "/srv", whiteout: false, inLower: true),
            .init(path: "/srv/odd", whiteout: false, inLower: true),
            .init(path: "/srv/odd/state", whiteout: false, inLower: false),
            .init(path: "/srv/odd/state/stamp", whiteout: false, inLower: false),
            // runc makes the mount point of a tmpfs the config has.
            .init(path: "/tmp", whiteout: false, inLower: false),
            .init(path: "/dev", whiteout: false, inLower: true),
            .init(path: "/dev/null", whiteout: false, inLower: false),
        ])
        #expect(writes.directories(mounted: ["/tmp"]) == ["/srv/odd/state"])
        #expect(!writes.existedInImage("/srv/odd/state"))
        #expect(writes.existedInImage("/srv/odd"))
    }
}
