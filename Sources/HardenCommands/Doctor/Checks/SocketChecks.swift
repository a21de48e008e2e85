import HardenFormats
import HardenModel
/// The engine's API socket: whoever can write to it can start a privileged container, so its owner,
/// group and mode decide who is root on the host.
enum SocketChecks {
    static func at(_ input: DoctorInput) -> (path: String, status: FileStatus)? {
        guard let path = input.endpoint.socketPath, let status = input.socket else { return nil }
        return (path, status)
    }

    static func worldWritable(_ input: DoctorInput) -> [DoctorHit] {
        guard let (path, status) = at(input), status.mode & 0o002 != 0 else { return [] }
        return [DoctorHit("\(path) (\(input.owner(of: status)), mode \(status.octalMode)) is writable by every user of this host",
                          at: SourcePosition(file: path), fix: "chmod 660 \(ShellQuote.quote(path)), and set SocketMode=0660 in the engine's socket unit so a restart keeps it")]
    }

    static func groupWritable(_ input: DoctorInput) -> [DoctorHit] {
        guard let (path, status) = at(input), status.mode & 0o020 != 0, status.mode & 0o002 == 0 else { return [] }
        let group = input.users.groupName(status.gid) ?? String(status.gid)
        return [DoctorHit("\(path) (\(input.owner(of: status)), mode \(status.octalMode)) is writable by group \(group)",
                          at: SourcePosition(file: path),
                          fix: "keep group \(group) to the people who may be root, or, where nobody should be, chmod 600 \(ShellQuote.quote(path))")]
    }

    /// rootful engines create their socket as root; a socket someone else owns lets that account
    /// change its mode or stand in for the engine. A rootless engine's belongs to its user.
    static func owner(_ input: DoctorInput) -> [DoctorHit] {
        guard let (path, status) = at(input), input.info?.rootless != true, status.uid != 0 else { return [] }
        let group = input.engine == "docker" ? "docker" : "root"
        return [DoctorHit("\(path) is owned by \(input.owner(of: status)), not root, for an engine that runs as root",
                          at: SourcePosition(file: path), fix: "chown root:\(group) \(ShellQuote.quote(path)), and find out why it changed")]
    }

    static func groupMembers(_ input: DoctorInput) -> [DoctorHit] {
        guard let group = input.controllingGroup else { return [] }
        // A socket its group cannot write gives the group nothing.
        if let status = input.socket, status.mode & 0o020 == 0 { return [] }
        // root and the socket's owner hold the engine already; a rootless engine's socket belongs to its user.
        let owner = input.socket.flatMap { input.users.userName($0.uid) }
        let members = input.users.members(of: group.gid).filter { $0 != "root" && $0 != owner }
        guard !members.isEmpty else { return [] }
        return [DoctorHit("\(members.joined(separator: ", ")) \(members.count == 1 ? "is" : "are") in group \(group.name), which can write to the engine's socket",
                          at: SourcePosition(file: "/etc/group", context: "group \(group.name)"),
                          fix: "remove whoever does not need root (gpasswd -d USER \(group.name)); give the others sudo with a password, or a rootless engine of their own")]
    }
}
