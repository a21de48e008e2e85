import HardenModel
/// What a bundle needs beyond the launch plan: where its root filesystem is and what the process
/// looks like inside it. Values as `harden oci` takes them; `OCIConfig` turns them into the spec.
public struct OCIBundleOptions: Sendable, Equatable {
    /// `root.path`; a relative path is read from the bundle directory, as runc reads it.
    public var rootfs = "rootfs"
    /// `--cwd`; nil: `-w/--workdir` if given, else `/`.
    public var cwd: String?
    public var rootless = false
    /// `linux.seccomp` from the user's `--security-opt seccomp=FILE`, already read and converted.
    public var seccompFile: JSONNode?
    /// The ids of names in --user and --group-add, looked up in the rootfs's /etc/passwd and /etc/group.
    public var users = UserDatabase()
    /// Where relative bind sources are read from, as the docker CLI reads them.
    public var currentDirectory = "/"

    public init() {}

    public static func == (a: OCIBundleOptions, b: OCIBundleOptions) -> Bool {
        a.rootfs == b.rootfs && a.cwd == b.cwd && a.rootless == b.rootless
            && a.users == b.users && a.currentDirectory == b.currentDirectory
            && (a.seccompFile == nil) == (b.seccompFile == nil) && (a.seccompFile.map { b.seccompFile!.sameContent(as: $0) } ?? true)
    }
}
