import HardenModel
/// Parsers for the values of docker run options, each accepting what Docker documents for it.
/// `bad` builds the error so that it names the option and its position.
package enum DockerValues {
    /// `--tmpfs /run:rw,noexec,size=64m`: the words after the colon go to mount(2) as they are, so
    /// they are read as the kernel reads them, and a word it would refuse is refused here.
    static func tmpfs(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.TmpfsMount {
        // Cut on bytes, without arrays of pieces: most audited lines carry a tmpfs or two. The
        // separators are ASCII, and an ASCII byte never occurs inside another scalar, as docker's
        // strings.SplitN cuts them.
        var text = value
        let read: Result<LaunchPlan.TmpfsMount, HardenError> = text.withUTF8 { bytes in
            let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
            let target = colon.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self) } ?? value
            guard target.hasPrefix("/") else { return .failure(bad("a tmpfs target must be an absolute path, e.g. /tmp:size=64m")) }
            var mount = LaunchPlan.TmpfsMount(target: target)
            guard let colon else { return .success(mount) }
            var start = colon + 1
            while start < bytes.count {
                var comma = start
                while comma < bytes.count, bytes[comma] != UInt8(ascii: ",") { comma += 1 }
                if start < comma {
                    switch LaunchPlan.TmpfsOption.kernel(bytes: UnsafeBufferPointer(rebasing: bytes[start..<comma])) {
                    case .success(let option): mount.options.append(option)
                    case .failure(let problem):
                        return .failure(bad("\"\(problem.word)\" is not a tmpfs option the kernel takes; expected \(problem.expected)"))
                    }
                }
                start = comma + 1
            }
            return .success(mount)
        }
        return try read.get()
    }

    /// `-v /target`, `-v name:/target[:mode]`, `-v /host:/target[:ro,z]`. A source starting with `/`
    /// or `.` is a host path, as the docker CLI reads it (it makes `./dir` absolute before sending it).
    static func volume(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Mount {
        let parts = value.splitASCII(":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            guard value.hasPrefix("/") else { throw bad("a volume target must be an absolute path; use NAME:/path or /host:/path") }
            return LaunchPlan.Mount(kind: .volume, source: nil, target: value)
        case 2, 3:
            let (source, target) = (parts[0], parts[1])
            guard !source.isEmpty, target.hasPrefix("/") else {
                throw bad("expected SOURCE:/target[:options], e.g. pgdata:/var/lib/postgresql/data or /srv/site:/usr/share/nginx/html:ro")
            }
            let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
            var mount = LaunchPlan.Mount(kind: isPath ? .bind : .volume, source: source, target: target)
            if parts.count == 3 {
                for flag in parts[2].splitASCII(",").map(String.init) {
                    switch flag {
                    case "ro": mount.readOnly = true
                    case "rw": mount.readOnly = false
                    case _ where LaunchPlan.Mount.propagationModes.contains(flag):
                        guard mount.propagation == nil else { throw bad("more than one propagation mode; keep one of private, rprivate, shared, rshared, slave, rslave") }
                        mount.propagation = flag
                    default: mount.flags.append(flag)
                    }
                }
            }
            return mount
        default:
            throw bad("expected at most SOURCE:TARGET:OPTIONS")
        }
    }

    enum MountResult { case mount(LaunchPlan.Mount), tmpfs(LaunchPlan.TmpfsMount), unmodelled(LaunchPlan.EngineSettings.DriverMount), notUnderstood(String) }

    /// The `--mount` keys docker/cli's opts/mount.go reads (lower-cased, as it lower-cases them).
    static let mountKeys: Set<String> = [
        "type", "source", "src", "target", "dst", "destination", "readonly", "ro", "consistency", "bind-propagation",
        "bind-nonrecursive", "bind-recursive", "bind-create-src", "volume-subpath", "volume-nocopy", "volume-label",
        "volume-driver", "volume-opt", "image-subpath", "tmpfs-size", "tmpfs-mode",
    ]

    /// `--mount type=bind,src=/a,dst=/b,readonly`. Keys the plan has no field for (volume-opt,
    /// volume-driver, consistency…) keep the whole option verbatim rather than half of it.
    static func mount(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> MountResult {
        let spec: MountSpec
        do { spec = try MountSpec.parse(value) } catch { throw bad(error.message) }
        guard let target = spec.target, target.hasPrefix("/") else { throw bad("a mount needs target=/path inside the container") }
        var tmpfsOptions: [LaunchPlan.TmpfsOption] = []
        let hostPaths = [spec.type == "bind" || spec.source?.hasPrefix("/") == true ? spec.source : nil, spec.volumeDevice].compactMap { $0 }
        let unmodelled = MountResult.unmodelled(.init(dockerValue: value, target: target, hostPaths: hostPaths, readOnly: spec.readOnly, propagation: spec.propagation))
        if let unknown = spec.fields.first(where: { !mountKeys.contains($0.key) }) {
            return .notUnderstood("the mount key \(unknown.key) is not docker's, and harden does not model what another engine does with it")
        }
        if !["bind", "volume", "tmpfs", "image", "glob"].contains(spec.type) {
            return .notUnderstood("harden does not model mounts of type \(spec.type)")
        }
        if spec.type == "glob" { return try glob(spec, target: target, bad: bad) }
        if spec.type == "volume", MountSpec.localVolumeLayersHostDirectories(type: spec.volumeOptions["type"], options: spec.volumeOptions["o"]) {
            return .notUnderstood("an overlay volume layers host directories (lowerdir, upperdir) into the container, which harden does not judge; bind the directory with type=bind instead")
        }
        for field in spec.fields {
            switch field.key {
            case "type", "target", "dst", "destination", "source", "src", "readonly", "ro": continue
            case "bind-propagation" where field.value != nil && spec.type == "bind": continue
            case "tmpfs-size" where field.value != nil && spec.type == "tmpfs":
                // docker/cli reads it with units.RAMInBytes and sends bytes.
                guard let bytes = Units.bytes(field.value!), bytes > 0 else { throw bad("tmpfs-size=\(field.value!) is not a size; use e.g. 64m") }
                tmpfsOptions.append(.size(bytes))
            case "tmpfs-mode" where field.value != nil && spec.type == "tmpfs":
                guard let mode = UInt32(field.value!, radix: 8), mode <= 0o7777 else { throw bad("tmpfs-mode=\(field.value!) is not octal permission bits; use e.g. 1777") }
                tmpfsOptions.append(.mode(mode))
            default:
                return unmodelled
            }
        }
        switch spec.type {
        case "tmpfs":
            guard spec.source == nil else { return unmodelled }
            // harden writes a tmpfs back as --tmpfs TARGET:OPTIONS, split at the first ':'; such a
            // target would come out as another one. (Bind and volume mounts are written with --mount.)
            if target.contains(":") {
                throw bad("\"\(target)\" holds a ':', which --tmpfs cannot carry; rename the path or mount its parent directory")
            }
            return .tmpfs(LaunchPlan.TmpfsMount(target: target, options: (spec.readOnly ? [.flag(.ro)] : []) + tmpfsOptions))
        case "bind":
            // docker/cli makes a source that starts with '.' absolute (`..`, `../x`, `.name` too), as for -v.
            guard let source = spec.source, source.hasPrefix("/") || source.hasPrefix(".") else {
                throw bad("a bind mount needs source=/absolute/host/path")
            }
            if let propagation = spec.propagation, !LaunchPlan.Mount.propagationModes.contains(propagation) {
                throw bad("bind-propagation=\(propagation) is not a propagation mode; use private, rprivate, shared, rshared, slave or rslave")
            }
            return .mount(LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: spec.readOnly, propagation: spec.propagation))
        case "volume":
            return .mount(LaunchPlan.Mount(kind: .volume, source: spec.source.flatMap { $0.isEmpty ? nil : $0 }, target: target, readOnly: spec.readOnly))
        default:
            return unmodelled
        }
    }

    /// podman's `type=glob,src=/run/*`: every host path the pattern matches is bound, so it is judged
    /// as a bind of the deepest directory without a wildcard, which holds them all.
    static func glob(_ spec: MountSpec, target: String, bad: (String) -> HardenError) throws(HardenError) -> MountResult {
        guard let pattern = spec.source, pattern.hasPrefix("/") else {
            return .notUnderstood("a glob mount's source is not an absolute pattern, and harden cannot tell what it matches")
        }
        var directory: [Substring] = []
        for component in pattern.split(separator: "/") {
            if component.contains(where: { "*?[\\".contains($0) }) { break }
            directory.append(component)
        }
        // Without a wildcard the last component is a path of its own, matched as itself.
        let source = "/" + directory.joined(separator: "/")
        return .mount(LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: spec.readOnly, propagation: spec.propagation))
    }

    /// The network a `--network` value attaches to. A value that matches docker/cli's
    /// `\w+=\w+(,\w+=\w+)*` anywhere is its long syntax (opts/network.go): CSV fields, each
    /// lower-cased and cut at '=', blanks trimmed, `name=` the network; any other key docker refuses.
    static func networkTarget(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> String {
        guard isLongNetworkSyntax(value) else { return value }
        let fields: [String]
        do { fields = try MountSpec.csvFirstRecord(value) } catch { throw bad("the long syntax is CSV: \(error.message)") }
        let keys: Set<String> = ["name", "alias", "ip", "ip6", "mac-address", "link-local-ip", "driver-opt", "gw-priority"]
        var target = ""
        for field in fields {
            let lowered = field.lowercased()
            guard let equals = lowered.firstIndex(of: "="), equals != lowered.startIndex else {
                throw bad("\(field) is not KEY=VALUE; write name=NETWORK[,alias=NAME,…]")
            }
            let key = trimmedGo(lowered[..<equals]), argument = trimmedGo(lowered[lowered.index(after: equals)...])
            guard keys.contains(key) else { throw bad("\(key) is not a --network key; use name, alias, ip, ip6, mac-address, link-local-ip, driver-opt or gw-priority") }
            if key == "name" { target = argument }
        }
        guard !target.isEmpty else { throw bad("the long syntax names no network; add name=NETWORK") }
        return target
    }

    /// Go's `\w+=\w+` found anywhere in the text (`\w` is ASCII letters, digits and '_').
    static func isLongNetworkSyntax(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        func word(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        guard bytes.count >= 3 else { return false }
        for index in 1..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "=") && word(bytes[index - 1]) && word(bytes[index + 1]) {
            return true
        }
        return false
    }

    /// Go's strings.TrimSpace: Unicode white space off both ends.
    static func trimmedGo<Text: StringProtocol>(_ text: Text) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// A namespace or network mode as docker, podman and compose spell it. The words are matched
    /// without case, judging `HOST` as the host's (docker refuses what it does not know).
    static func namespaceMode(_ value: String) -> LaunchPlan.NamespaceMode {
        let lowered = value.lowercased()
        switch lowered {
        case "host": return .host
        case "private": return .private
        case "none": return .empty
        case "shareable": return .shareable
        default:
            if lowered.hasPrefix("container:") { return .container(String(value.dropFirst("container:".count))) }
            if lowered.hasPrefix("service:") { return .container(String(value.dropFirst("service:".count))) }
            if lowered.hasPrefix("ns:") { return .path(String(value.dropFirst("ns:".count))) }
            return .named(value)
        }
    }

    /// Why harden cannot judge a namespace mode, nil for the modes it models: docker's (host,
    /// container:NAME, private, none, shareable) and podman's (ns:PATH, keep-id, auto, nomap).
    static func namespaceModeProblem(_ namespace: String, _ value: String) -> String? {
        let mode = value.lowercased()
        // none and shareable are ipc's; docker refuses them elsewhere, and either way nothing is shared.
        if mode.isEmpty || mode == "host" || mode == "private" || mode == "none" || mode == "shareable" { return nil }
        let kind = mode.prefix(while: { $0 != ":" })
        if kind == "container" || kind == "ns", mode.count > kind.count + 1 { return nil }
        switch namespace {
        case "userns" where mode == "nomap" || mode == "auto" || mode == "keep-id" || mode.hasPrefix("auto:") || mode.hasPrefix("keep-id:"): return nil
        default: return "\(value) is not a \(namespace) namespace mode harden models (host, private, container:NAME, ns:PATH)"
        }
    }

    /// Why harden cannot judge a `--security-opt`, nil for those it reads. docker's daemon takes the
    /// keys label, apparmor, seccomp and no-new-privileges exactly as spelt (daemon_unix.go
    /// parseSecurityOpt), the CLI systempaths=unconfined; podman adds mask and unmask.
    static func securityOptionProblem(_ value: String) -> String? {
        // The keys that take any value, told on bytes: every audited line has one or more.
        for known in ["no-new-privileges", "seccomp", "apparmor", "unmask", "mask"] where value.utf8.starts(with: known.utf8) {
            let rest = value.utf8.dropFirst(known.utf8.count)
            if rest.isEmpty || rest.first == UInt8(ascii: "=") || rest.first == UInt8(ascii: ":") {
                // `seccomp:a=b` is key `seccomp:a` to docker, which cuts at '=' first.
                if rest.first == UInt8(ascii: "=") || !rest.contains(UInt8(ascii: "=")) { return nil }
            }
        }
        let (key, argument) = DockerOptionApplier.securityOptionParts(value)
        switch key {
        case "no-new-privileges", "seccomp", "apparmor", "mask", "unmask": return nil
        case "systempaths" where argument == "unconfined": return nil
        case "label":
            let label = argument ?? ""
            if label == "disable" || label == "nested" { return nil }
            let kind = label.prefix { $0 != ":" }
            if ["type", "user", "role", "level", "filetype"].contains(String(kind)), label.count > kind.count + 1 { return nil }
            return "label=\(label) is not a label option harden models (disable, type:, user:, role:, level:, filetype:)"
        default:
            return "\(key) is not a security option harden models (apparmor, label, seccomp, no-new-privileges, systempaths=unconfined, podman's mask and unmask)"
        }
    }

    /// `--device /dev/sda[:/dev/xvda][:rwm]`, read as docker's parseLinuxDevice does: a second part
    /// made only of r, w and m is the permissions, anything else the path inside.
    static func device(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Device {
        let parts = value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), !parts[0].isEmpty else {
            throw bad("expected HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse or /dev/sdb:/dev/xvdb:r")
        }
        var device = LaunchPlan.Device(hostPath: parts[0])
        if parts.count >= 2 {
            if isDeviceMode(parts[1]) { device.permissions = parts[1] } else { device.containerPath = parts[1] }
        }
        if parts.count == 3 {
            guard isDeviceMode(parts[2]) else { throw bad("\"\(parts[2])\" is not a device permission; use some of r, w and m") }
            device.permissions = parts[2]
        }
        return device
    }

    static func isDeviceMode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 3 && Set(text).count == text.count && text.allSatisfy { "rwm".contains($0) }
    }

    /// `--device-cgroup-rule 'c 1:3 rwm'`: type a, b or c, major and minor numbers or `*`, access.
    static func deviceCgroupRule(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.DeviceRule {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let numbers = words.count == 3 ? words[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
        func number(_ text: String) -> Int?? {
            if text == "*" { return .some(nil) }
            guard !text.isEmpty, text.count < 10, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) else { return nil }
            return .some(value)
        }
        guard words.count == 3, let kind = LaunchPlan.DeviceRule.Kind(rawValue: words[0]), numbers.count == 2,
              let major = number(numbers[0]), let minor = number(numbers[1]), isDeviceMode(words[2]) else {
            throw bad("expected TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 r' (TYPE a, b or c; numbers or *; ACCESS some of r, w, m)")
        }
        return LaunchPlan.DeviceRule(kind: kind, major: major, minor: minor, access: words[2])
    }

    /// `--sysctl net.ipv4.ip_forward=1`
    static func sysctl(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Sysctl {
        let pair = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard pair.count == 2, !pair[0].isEmpty else { throw bad("expected NAME=VALUE, e.g. net.ipv4.ip_unprivileged_port_start=80") }
        return LaunchPlan.Sysctl(name: pair[0], value: pair[1])
    }

    /// `--ulimit nofile=1024` or `nofile=1024:2048`
    static func ulimit(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Ulimit {
        let pair = value.splitASCII("=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2, !pair[0].isEmpty else { throw bad("expected NAME=SOFT[:HARD], e.g. nofile=1024:2048") }
        let limits = pair[1].splitASCII(":", omittingEmptySubsequences: false)
        guard (1...2).contains(limits.count), let soft = Int64(limits[0]), let hard = Int64(limits.last!), soft <= hard || hard == -1 else {
            throw bad("expected NAME=SOFT[:HARD] with SOFT at most HARD, e.g. nofile=1024:2048")
        }
        return LaunchPlan.Ulimit(name: String(pair[0]), soft: soft, hard: hard)
    }

    /// `-p [ip:][hostPort:]containerPort[/proto]`, read as docker's nat.ParsePortSpec does: the last
    /// two colons end the address, so `::1:8080:80` is HostIp ::1; an address in brackets loses them.
    static func ports(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> [LaunchPlan.PortMapping] {
        var spec = Substring(value)
        var proto: String?
        if let slash = spec.lastIndex(of: "/") {
            proto = String(spec[spec.index(after: slash)...]).lowercased()
            spec = spec[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto!) else { throw bad("unknown protocol; use tcp, udp or sctp") }
        }
        let parts = spec.splitASCII(":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return [try mapping("", "", parts[0], proto, bad: bad)]
        case 2: return [try mapping("", parts[0], parts[1], proto, bad: bad)]
        default:
            var hostIP = parts[..<(parts.count - 2)].joined(separator: ":")
            if hostIP.hasPrefix("[") {
                guard hostIP.hasSuffix("]"), hostIP.count > 2 else { throw bad("an address in brackets needs its closing ], as in [::1]:8080:80") }
                hostIP = String(hostIP.dropFirst().dropLast())
            }
            return [try mapping(hostIP, parts[parts.count - 2], parts[parts.count - 1], proto, bad: bad)]
        }
    }

    private static func mapping(
        _ ip: String, _ host: String, _ container: String, _ proto: String?, bad: (String) -> HardenError
    ) throws(HardenError) -> LaunchPlan.PortMapping {
        guard ip.isEmpty || IPAddress.isValid(ip) else { throw bad("\"\(ip)\" is not an IP address") }
        guard isPortOrRange(container), host.isEmpty || isPortOrRange(host) else {
            throw bad("ports are numbers from 1 to 65535, or ranges such as 8000-8010")
        }
        return LaunchPlan.PortMapping(hostIP: ip, hostPort: host, containerPort: container, proto: proto)
    }

    static func isPortOrRange(_ text: String) -> Bool {
        let bounds = text.splitASCII("-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count) else { return false }
        let numbers = bounds.compactMap { Int($0) }
        return numbers.count == bounds.count && numbers.allSatisfy { (0...65535).contains($0) } && numbers.first! <= numbers.last!
    }

    /// `--restart no|always|unless-stopped|on-failure[:N]`
    static func restart(_ value: String) -> LaunchPlan.RestartPolicy? {
        switch value {
        case "no": return .no
        case "always": return .always
        case "unless-stopped": return .unlessStopped
        case "on-failure": return .onFailure(maxRetries: nil)
        default:
            guard value.hasPrefix("on-failure:"), let count = Int(value.dropFirst("on-failure:".count)), count >= 0 else { return nil }
            return .onFailure(maxRetries: count)
        }
    }

    /// `--add-host NAME:ADDRESS` or `NAME=ADDRESS` (docker 28 cuts at the first of either), the
    /// address in brackets or not, or `host-gateway`.
    static func hostEntry(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.EngineSettings.HostEntry {
        guard let split = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            throw bad("expected HOST:ADDRESS, e.g. db.local:10.0.0.5 or gateway:host-gateway")
        }
        let host = String(value[..<split])
        var address = String(value[value.index(after: split)...])
        if address.hasPrefix("["), address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        guard !host.isEmpty, address == "host-gateway" || IPAddress.isValid(address) else {
            throw bad("expected HOST:ADDRESS with an IP address or host-gateway, e.g. db.local:10.0.0.5")
        }
        return .init(host: host, address: address)
    }

    /// A cpuset list as the kernel takes it: `0-3,6`.
    static func isCPUSet(_ value: String) -> Bool {
        !value.isEmpty && value.splitASCII(",", omittingEmptySubsequences: false).allSatisfy { range in
            let bounds = range.splitASCII("-", omittingEmptySubsequences: false)
            let numbers = bounds.compactMap { bound in bound.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(bound) : nil }
            return (1...2).contains(bounds.count) && numbers.count == bounds.count && numbers.first! <= numbers.last!
        }
    }
}
