/// What a bundle's run wrote, from the upper directory of the overlay it ran on: everything there
/// was written, a whiteout (a 0:0 character device) is a deletion, and a path the lower rootfs
/// already had was changed rather than added. The same changes `docker diff` lists, so one
/// reduction to directories serves both engines.
extension RootWrites {
    public struct UpperEntry: Sendable, Equatable {
        /// Absolute inside the container, as `docker diff` prints it.
        public var path: String
        public var whiteout: Bool
        public var inLower: Bool
        public init(path: String, whiteout: Bool, inLower: Bool) { self.path = path; self.whiteout = whiteout; self.inLower = inLower }
    }

    public static func overlay(_ entries: [UpperEntry]) -> RootWrites {
        RootWrites(changes: entries.sorted { $0.path < $1.path }.map { entry in
            Change(entry.whiteout ? .deleted : entry.inLower ? .changed : .added, entry.path)
        })
    }
}
