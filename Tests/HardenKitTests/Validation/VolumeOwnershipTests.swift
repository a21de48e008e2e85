import Testing
@testable import HardenModel

/// A new named volume takes the owner and mode of the image's directory, or root's 755 where the
/// image has none: the profile's user must be told before the first write fails.
@Suite("Volume ownership against the profile's user")
struct VolumeOwnershipTests {
    static func plan(user: String? = "65532:65532", _ mounts: [LaunchPlan.Mount]) -> LaunchPlan {
        var plan = LaunchPlan()
        plan.user = user
        plan.mounts = mounts
        return plan
    }

    static let data = LaunchPlan.Mount(kind: .volume, source: "data", target: "/data")

    @Test("a target the image lacks: root's 755, with the fix")
    func missing() {
        let warnings = VolumeOwnership.warnings(Self.plan([Self.data])) { _ in .missing }
        #expect(warnings == ["volume data on /data: the image has no /data, so the engine creates the new volume owned by root with mode 755 and user 65532 cannot write to it; create /data in the image owned by 65532:65532 (RUN mkdir -p /data && chown 65532:65532 /data), or give the volume to the user once (docs/volumes.md)"])
    }

    @Test("a target owned by someone else, and not writable by the user's group or everyone", arguments: [
        (0, 0, 0o755, true), (65532, 65532, 0o755, false), (0, 65532, 0o775, false), (0, 65532, 0o755, true),
        (0, 0, 0o1777, false), (65532, 0, 0o555, true),
    ])
    func owned(uid: Int, gid: Int, mode: Int, warns: Bool) {
        let warnings = VolumeOwnership.warnings(Self.plan([Self.data])) { _ in .present(uid: uid, gid: gid, mode: mode) }
        #expect(warnings.count == (warns ? 1 : 0), "\(warnings)")
        if warns { #expect(warnings[0].hasPrefix("volume data on /data: the image's /data belongs to \(uid):\(gid) with mode \(String(mode, radix: 8))")) }
    }

    @Test("no check for root, a user given by name, read-only volumes, binds, anonymous volumes, or when the engine cannot tell")
    func notAsked() {
        let owned: (LaunchPlan.Mount) -> VolumeOwnership.TargetState? = { _ in .missing }
        #expect(VolumeOwnership.warnings(Self.plan(user: "0:0", [Self.data]), state: owned).isEmpty)
        #expect(VolumeOwnership.warnings(Self.plan(user: "nginx", [Self.data]), state: owned).isEmpty)
        #expect(VolumeOwnership.warnings(Self.plan(user: nil, [Self.data]), state: owned).isEmpty)
        let others = [LaunchPlan.Mount(kind: .volume, source: "data", target: "/ro", readOnly: true),
                      LaunchPlan.Mount(kind: .bind, source: "/srv", target: "/srv"), LaunchPlan.Mount(kind: .volume, source: nil, target: "/anon")]
        #expect(VolumeOwnership.warnings(Self.plan(others), state: owned).isEmpty)
        #expect(VolumeOwnership.warnings(Self.plan([Self.data])) { _ in nil }.isEmpty)
    }

    @Test("nocopy: the volume is root's whatever the image holds")
    func nocopy() {
        let mount = LaunchPlan.Mount(kind: .volume, source: "data", target: "/data", flags: ["nocopy"])
        let warnings = VolumeOwnership.warnings(Self.plan([mount])) { _ in .present(uid: 65532, gid: 65532, mode: 0o755) }
        #expect(warnings.count == 1 && warnings[0].contains("(nocopy)"), "\(warnings)")
    }
}
