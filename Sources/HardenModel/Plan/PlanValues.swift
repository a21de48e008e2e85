/// The typed values a plan holds where an engine has a syntax of its own. Each engine's reader turns
/// its spelling into these once, and each emitter spells them once: nothing between parses text.

extension LaunchPlan {
    /// One tmpfs mount option, in the kernel's terms (tmpfs(5)): docker's `--tmpfs` and an OCI
    /// config's mount options both hand these words to mount(2) unchanged.
    public enum TmpfsOption: Sendable, Equatable, Hashable {
        case flag(MountFlag)
        /// `size=`, in bytes.
        case size(Int64)
        /// `mode=`, the permission bits of the mount's root.
        case mode(UInt32)
        case uid(Int)
        case gid(Int)
        /// `nr_inodes=`
        case inodes(Int64)

        /// As mount(2) takes it: `noexec`, `size=64m`, `mode=1777`.
        public var kernelSpelling: String {
            switch self {
            case .flag(let flag): flag.rawValue
            case .size(let bytes): "size=" + Units.sizeSpelling(bytes)
            // Four digits, as profiles and chmod(1) write modes (0750, 1777); the kernel reads both.
            case .mode(let mode): "mode=" + Self.fourDigits(String(mode, radix: 8))
            case .uid(let uid): "uid=\(uid)"
            case .gid(let gid): "gid=\(gid)"
            case .inodes(let count): "nr_inodes=" + Units.sizeSpelling(count)
            }
        }

        private static func fourDigits(_ digits: String) -> String {
            String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }

        /// Reads one word of a tmpfs option list as the kernel does (memparse for sizes: digits and
        /// one of k, m, g, t, p, e), or explains what was expected.
        public static func kernel(_ word: String) -> Result<TmpfsOption, TmpfsOptionError> {
            var text = word
            return text.withUTF8 { kernel(bytes: $0) }
        }

        public static func kernel(_ word: Substring) -> Result<TmpfsOption, TmpfsOptionError> {
            var text = word
            return text.withUTF8 { kernel(bytes: $0) }
        }

        /// Read on bytes: every audited tmpfs has a few of these words, and the kernel reads them as
        /// bytes too. A flag never has an `=`.
        package static func kernel(bytes word: UnsafeBufferPointer<UInt8>) -> Result<TmpfsOption, TmpfsOptionError> {
            let whole = { String(decoding: word, as: UTF8.self) }
            guard let equals = word.firstIndex(of: UInt8(ascii: "=")) else {
                if let flag = MountFlag.named[whole()] { return .success(.flag(flag)) }
                return .failure(TmpfsOptionError(word: whole(), expected: "a tmpfs mount flag (\(MountFlag.allCases.map(\.rawValue).joined(separator: ", "))) or size=, mode=, uid=, gid=, nr_inodes="))
            }
            let key = UnsafeBufferPointer(rebasing: word[..<equals])
            let value = UnsafeBufferPointer(rebasing: word[(equals + 1)...])
            if key.elementsEqual("size".utf8) {
                guard let bytes = memparse(value), bytes > 0 else {
                    return .failure(TmpfsOptionError(word: whole(), expected: "a size above zero such as 64m (digits, then k, m, g or t)"))
                }
                return .success(.size(bytes))
            }
            if key.elementsEqual("nr_inodes".utf8) {
                guard let count = memparse(value), count > 0 else {
                    return .failure(TmpfsOptionError(word: whole(), expected: "an inode count above zero such as 4k"))
                }
                return .success(.inodes(count))
            }
            if key.elementsEqual("mode".utf8) {
                // The kernel's octal: digits 0 to 7 only, no sign.
                guard (1...4).contains(value.count), value.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else {
                    return .failure(TmpfsOptionError(word: whole(), expected: "octal permission bits such as 1777 or 0755"))
                }
                return .success(.mode(value.reduce(0) { $0 << 3 | UInt32($1 - 0x30) }))
            }
            let isUID = key.elementsEqual("uid".utf8)
            if isUID || key.elementsEqual("gid".utf8) {
                var id = 0
                for byte in value {
                    guard byte >= 0x30 && byte <= 0x39, id < 1 << 32 else { id = -1; break }
                    id = id * 10 + Int(byte - 0x30)
                }
                guard !value.isEmpty, id >= 0, id < 1 << 32 - 1 else {
                    return .failure(TmpfsOptionError(word: whole(), expected: "a numeric id such as 65532"))
                }
                return .success(isUID ? .uid(id) : .gid(id))
            }
            return .failure(TmpfsOptionError(word: whole(), expected: "a tmpfs option harden reads (size, mode, uid, gid, nr_inodes, or a mount flag)"))
        }

        /// The kernel's memparse for what tmpfs takes: decimal digits, then at most one unit letter.
        /// A leading 0 would make it octal to the kernel and a `%` a share of memory: both refused
        /// rather than read differently from the kernel.
        static func memparse(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
            var number: Int64 = 0
            var digits = 0
            var shift: Int64 = 0
            var first: UInt8 = 0
            for byte in text {
                if shift != 0 { return nil }  // nothing may follow the unit
                if byte >= 0x30 && byte <= 0x39 {
                    if digits == 0 { first = byte }
                    digits += 1
                    guard digits < 19 else { return nil }
                    number = number * 10 + Int64(byte - 0x30)
                    continue
                }
                guard digits > 0 else { return nil }
                switch byte | 0x20 {
                case UInt8(ascii: "k"): shift = 10
                case UInt8(ascii: "m"): shift = 20
                case UInt8(ascii: "g"): shift = 30
                case UInt8(ascii: "t"): shift = 40
                case UInt8(ascii: "p"): shift = 50
                case UInt8(ascii: "e"): shift = 60
                default: return nil
                }
            }
            guard digits > 0, !(first == 0x30 && digits > 1) else { return nil }
            let (value, overflow) = number.multipliedReportingOverflow(by: Int64(1) << shift)
            return overflow ? nil : value
        }
    }

    public struct TmpfsOptionError: Error, Sendable, Equatable {
        public var word: String
        public var expected: String
    }

    /// The mount flags a tmpfs takes, as moby's mount flag table and mount(8) name them.
    public enum MountFlag: String, Sendable, Equatable, Hashable, CaseIterable {
        case ro, rw, noexec, exec, nosuid, suid, nodev, dev, sync, async, dirsync
        case noatime, atime, nodiratime, diratime, relatime, norelatime, strictatime, nostrictatime
        case mand, nomand

        /// By name, hashed once: a tmpfs's flags are looked up for every audited launch, and the
        /// synthesised `init(rawValue:)` compares the word with every case in turn.
        static let named: [String: MountFlag] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    }

    /// A `--security-opt` beyond seccomp and no-new-privileges, which have fields of their own.
    /// Described as `key=value`, the way findings name it.
    public enum SecurityOption: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// An AppArmor profile name, or `unconfined`.
        case apparmor(String)
        case label(Label)
        /// /proc and /sys without the engine's masks and read-only paths.
        case systemPathsUnconfined
        /// podman's extra masked and unmasked paths (`:`-separated as podman takes them).
        case mask(String)
        case unmask(String)

        public enum Label: Sendable, Equatable, Hashable {
            case disable, nested
            case user(String), role(String), type(String), level(String), filetype(String)
        }

        public var key: String {
            switch self {
            case .apparmor: "apparmor"
            case .label: "label"
            case .systemPathsUnconfined: "systempaths"
            case .mask: "mask"
            case .unmask: "unmask"
            }
        }

        public var value: String {
            switch self {
            case .apparmor(let profile): profile
            case .systemPathsUnconfined: "unconfined"
            case .mask(let paths), .unmask(let paths): paths
            case .label(let label):
                switch label {
                case .disable: "disable"
                case .nested: "nested"
                case .user(let value): "user:" + value
                case .role(let value): "role:" + value
                case .type(let value): "type:" + value
                case .level(let value): "level:" + value
                case .filetype(let value): "filetype:" + value
                }
            }
        }

        public var description: String { key + "=" + value }

        public var isAppArmor: Bool { if case .apparmor = self { true } else { false } }
        public var appArmorProfile: String? { if case .apparmor(let name) = self { name } else { nil } }
        public var labelType: String? { if case .label(.type(let type)) = self { type } else { nil } }
    }

    /// `--restart`: whether and how often the engine starts a container again. Described as docker
    /// and compose spell it (`on-failure:5`), the way findings name it.
    public enum RestartPolicy: Sendable, Equatable, Hashable, CustomStringConvertible {
        case no, always, unlessStopped
        /// nil (or 0, to docker) for no maximum.
        case onFailure(maxRetries: Int?)

        public var description: String {
            switch self {
            case .no: "no"
            case .always: "always"
            case .unlessStopped: "unless-stopped"
            case .onFailure(let retries): retries.map { "on-failure:\($0)" } ?? "on-failure"
            }
        }

        /// Restarts a crashing container without end.
        public var isUnbounded: Bool {
            switch self {
            case .no: false
            case .always, .unlessStopped: true
            case .onFailure(let retries): retries == nil || retries == 0
            }
        }
    }

    /// A device cgroup rule: which device nodes the container may open, read, write or create.
    public struct DeviceRule: Sendable, Equatable, Hashable {
        public enum Kind: String, Sendable, Equatable, Hashable { case all = "a", block = "b", character = "c" }
        public var kind: Kind
        /// nil for every number (`*`).
        public var major: Int?
        public var minor: Int?
        /// Some of r, w and m, in that order.
        public var access: String
        public init(kind: Kind, major: Int?, minor: Int?, access: String) {
            self.kind = kind; self.major = major; self.minor = minor; self.access = access
        }

        /// The rules Docker grants every container (`m` on every node, then the usual character devices).
        public static let engineDefaults: [DeviceRule] = [
            .init(kind: .character, major: nil, minor: nil, access: "m"), .init(kind: .block, major: nil, minor: nil, access: "m"),
            .init(kind: .character, major: 1, minor: 3, access: "rwm"), .init(kind: .character, major: 1, minor: 5, access: "rwm"),
            .init(kind: .character, major: 1, minor: 7, access: "rwm"), .init(kind: .character, major: 1, minor: 8, access: "rwm"),
            .init(kind: .character, major: 1, minor: 9, access: "rwm"), .init(kind: .character, major: 5, minor: 0, access: "rwm"),
            .init(kind: .character, major: 5, minor: 1, access: "rwm"), .init(kind: .character, major: 5, minor: 2, access: "rwm"),
            .init(kind: .character, major: 136, minor: nil, access: "rwm"), .init(kind: .character, major: 10, minor: 200, access: "rwm"),
        ]

        /// As the cgroup's devices.allow file and docker's `--device-cgroup-rule` write it: `c 1:3 rwm`.
        public var cgroupSpelling: String {
            "\(kind.rawValue) \(major.map(String.init) ?? "*"):\(minor.map(String.init) ?? "*") \(access)"
        }
    }
}

extension LaunchPlan.TmpfsMount {
    public var size: Int64? { options.lazy.compactMap { if case .size(let bytes) = $0 { bytes } else { nil } }.last }
    public var uid: Int? { options.lazy.compactMap { if case .uid(let id) = $0 { id } else { nil } }.last }
    public var gid: Int? { options.lazy.compactMap { if case .gid(let id) = $0 { id } else { nil } }.last }
    public var flags: [LaunchPlan.MountFlag] { options.compactMap { if case .flag(let flag) = $0 { flag } else { nil } } }
    /// The last of ro and rw wins, as mount(2) reads the list.
    public var readOnly: Bool { flags.last { $0 == .ro || $0 == .rw } == .ro }
    /// As mount(2) and docker's `--tmpfs` write the list: `rw,noexec,size=64m`.
    public var kernelOptions: [String] { options.map(\.kernelSpelling) }
}

extension LaunchPlan {
    /// Whose namespace the container is in: its own, the host's, another container's, or the one at
    /// a path. Described as docker writes it (`host`, `container:db`, `ns:/run/netns/x`).
    public enum NamespaceMode: Sendable, Equatable, Hashable, CustomStringConvertible {
        case host
        case `private`
        /// docker's `none`: a namespace of its own with nothing in it (no network but loopback, no
        /// /dev/shm). Not `.none`, which an optional would read as nil.
        case empty
        /// ipc's: private, and others may join it.
        case shareable
        /// Another container's, by name or ID (compose's `service:NAME` too).
        case container(String)
        /// The namespace at a path: podman's `ns:PATH`, or an OCI config's namespace path.
        case path(String)
        /// A mode that names no namespace to share: a network's name (bridge, default, a
        /// user-defined network) or podman's user namespace modes (keep-id, auto, nomap).
        case named(String)

        public var description: String {
            switch self {
            case .host: "host"
            case .private: "private"
            case .empty: "none"
            case .shareable: "shareable"
            case .container(let name): "container:" + name
            case .path(let path): "ns:" + path
            case .named(let name): name
            }
        }

        public var joinedContainer: String? { if case .container(let name) = self { name } else { nil } }
        public var joinedPath: String? { if case .path(let path) = self { path } else { nil } }
    }
}
