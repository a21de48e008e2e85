import HardenModel
/// Which docker run options mean something for an OCI bundle: the `oci` column of `DoorTable`.
/// `harden oci` takes docker's spellings after the profile name, as `harden run` does, but runc and
/// crun have no daemon, images, networks or restarts: an option for those is refused with the
/// reason, never dropped in silence.
public enum OCIDockerOptions {
    /// The refusal for one option, or nil when the option means something for a bundle.
    public static func refusal(_ name: String) -> String? {
        guard case .refused(let reason) = DoorTable.row(name).oci else { return nil }
        return reason ?? generic
    }

    static let generic = "it is a docker engine option with nothing to do in an OCI bundle; leave it out"
}
