/// An /etc/passwd and /etc/group, read from their text. An OCI config names users by number only,
/// so `--user nginx` or `--group-add audio` must be looked up in the root filesystem the container
/// will see, never on the host; `harden doctor` reads the host's, to name who can reach the engine.
public struct UserDatabase: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var name: String
        public var uid: Int
        public var gid: Int
    }

    public struct Group: Sendable, Equatable {
        public var name: String
        public var gid: Int
        /// The user names listed in the fourth field; users whose primary group it is are not listed there.
        public var members: [String] = []
        public init(name: String, gid: Int, members: [String] = []) { self.name = name; self.gid = gid; self.members = members }
    }

    public var users: [User] = []
    public var groups: [Group] = []
    /// Where the texts came from, for messages; nil when there was nothing to read.
    public var source: String?

    public init() {}

    /// Lines of `name:x:uid:gid:…` and `name:x:gid:members`; malformed lines are skipped, as libc does.
    public init(passwd: String?, group: String?, source: String?) {
        self.source = source
        for line in (passwd ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, let uid = Int(fields[2]), let gid = Int(fields[3]) else { continue }
            users.append(User(name: String(fields[0]), uid: uid, gid: gid))
        }
        for line in (group ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let gid = Int(fields[2]) else { continue }
            let members = fields.count > 3 ? fields[3].split(separator: ",").map { String($0.filter { !$0.isWhitespace }) } : []
            groups.append(Group(name: String(fields[0]), gid: gid, members: members.filter { !$0.isEmpty }))
        }
    }

    /// The ids of a `--user` value: `uid`, `uid:gid`, `name`, `name:group`. A uid without a group
    /// takes the passwd entry's group, or group 0 when there is none, as docker and runc do.
    public func resolve(user text: String) -> Result<(uid: Int, gid: Int), Problem> {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let who = parts[0]
        let entry: User?
        let uid: Int
        if let number = Int(who), number >= 0 {
            uid = number
            entry = users.first { $0.uid == number }
        } else {
            guard let named = users.first(where: { $0.name == who }) else { return .failure(.unknownUser(who)) }
            uid = named.uid
            entry = named
        }
        guard parts.count == 2 else { return .success((uid, entry?.gid ?? 0)) }
        switch resolve(group: parts[1]) {
        case .success(let gid): return .success((uid, gid))
        case .failure(let problem): return .failure(problem)
        }
    }

    public func resolve(group text: String) -> Result<Int, Problem> {
        if let number = Int(text), number >= 0 { return .success(number) }
        guard let group = groups.first(where: { $0.name == text }) else { return .failure(.unknownGroup(text)) }
        return .success(group.gid)
    }

    /// Everyone in a group: its listed members and the users whose primary group it is, sorted.
    public func members(of gid: Int) -> [String] {
        let listed = groups.filter { $0.gid == gid }.flatMap(\.members)
        let primary = users.filter { $0.gid == gid }.map(\.name)
        return Array(Set(listed + primary)).sorted()
    }

    public func userName(_ uid: Int) -> String? { users.first { $0.uid == uid }?.name }
    public func groupName(_ gid: Int) -> String? { groups.first { $0.gid == gid }?.name }

    public enum Problem: Error, Sendable, Equatable {
        case unknownUser(String)
        case unknownGroup(String)
    }
}
