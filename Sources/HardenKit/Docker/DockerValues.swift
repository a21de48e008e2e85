/// Parsers for the values of docker run options, each accepting what Docker documents for it.
/// `bad` builds the error so that it names the option and its position.
enum DockerValues {
    /// `--tmpfs /run:rw,noexec,size=64m`
    static func tmpfs(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.TmpfsMount {
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let target = String(parts[0])
        guard target.hasPrefix("/") else { throw bad("a tmpfs target must be an absolute path, e.g. /tmp:size=64m") }
        let options = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
        return LaunchPlan.TmpfsMount(target: target, options: options)
    }

    /// `-v /target`, `-v name:/target[:mode]`, `-v /host:/target[:ro,z]`
    static func volume(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Mount {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            guard value.hasPrefix("/") else { throw bad("a volume target must be an absolute path; use NAME:/path or /host:/path") }
            return LaunchPlan.Mount(kind: .volume, source: nil, target: value)
        case 2, 3:
            let (source, target) = (parts[0], parts[1])
            guard !source.isEmpty, target.hasPrefix("/") else {
                throw bad("expected SOURCE:/target[:options], e.g. pgdata:/var/lib/postgresql/data or /srv/site:/usr/share/nginx/html:ro")
            }
            var mount = LaunchPlan.Mount(kind: source.hasPrefix("/") ? .bind : .volume, source: source, target: target)
            if parts.count == 3 {
                for flag in parts[2].split(separator: ",").map(String.init) {
                    switch flag {
                    case "ro": mount.readOnly = true
                    case "rw": mount.readOnly = false
                    default: mount.flags.append(flag)
                    }
                }
            }
            return mount
        default:
            throw bad("expected at most SOURCE:TARGET:OPTIONS")
        }
    }

    enum MountResult { case mount(LaunchPlan.Mount), tmpfs(LaunchPlan.TmpfsMount), unmodelled }

    /// `--mount type=bind,src=/a,dst=/b,readonly`. Keys the plan has no field for (volume-opt,
    /// volume-driver, consistency…) keep the whole option verbatim rather than half of it.
    static func mount(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> MountResult {
        var fields: [(String, String?)] = []
        for item in value.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((String(pair[0]).lowercased(), pair.count > 1 ? String(pair[1]) : nil))
        }
        let type = fields.last { $0.0 == "type" }?.1 ?? "volume"
        let target = fields.last { ["target", "dst", "destination"].contains($0.0) }?.1
        guard let target, target.hasPrefix("/") else { throw bad("a mount needs target=/path inside the container") }
        let source = fields.last { ["source", "src"].contains($0.0) }?.1
        var readOnly = false
        var flags: [String] = []
        var tmpfsOptions: [String] = []
        for (key, argument) in fields {
            switch key {
            case "type", "target", "dst", "destination", "source", "src": continue
            case "readonly", "ro":
                readOnly = argument.map { ["true", "1", ""].contains($0.lowercased()) } ?? true
            case "bind-propagation" where argument != nil:
                flags.append(argument!)
            case "tmpfs-size" where argument != nil && type == "tmpfs":
                tmpfsOptions.append("size=\(argument!)")
            case "tmpfs-mode" where argument != nil && type == "tmpfs":
                tmpfsOptions.append("mode=\(argument!)")
            default:
                return .unmodelled
            }
        }
        switch type {
        case "tmpfs":
            guard source == nil else { return .unmodelled }
            return .tmpfs(LaunchPlan.TmpfsMount(target: target, options: (readOnly ? ["ro"] : []) + tmpfsOptions))
        case "bind":
            guard let source, source.hasPrefix("/") else { throw bad("a bind mount needs source=/absolute/host/path") }
            return .mount(LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: readOnly, flags: flags))
        case "volume":
            guard flags.isEmpty else { return .unmodelled }
            return .mount(LaunchPlan.Mount(kind: .volume, source: source.flatMap { $0.isEmpty ? nil : $0 }, target: target, readOnly: readOnly))
        default:
            return .unmodelled
        }
    }

    /// `--ulimit nofile=1024` or `nofile=1024:2048`
    static func ulimit(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.Ulimit {
        let pair = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2, !pair[0].isEmpty else { throw bad("expected NAME=SOFT[:HARD], e.g. nofile=1024:2048") }
        let limits = pair[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(limits.count), let soft = Int64(limits[0]), let hard = Int64(limits.last!), soft <= hard || hard == -1 else {
            throw bad("expected NAME=SOFT[:HARD] with SOFT at most HARD, e.g. nofile=1024:2048")
        }
        return LaunchPlan.Ulimit(name: String(pair[0]), soft: soft, hard: hard)
    }

    /// `-p [ip:][hostPort:]containerPort[/proto]`, IPv6 addresses in brackets; ranges allowed.
    static func ports(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> [LaunchPlan.PortMapping] {
        var spec = Substring(value)
        var proto: String?
        if let slash = spec.lastIndex(of: "/") {
            proto = String(spec[spec.index(after: slash)...]).lowercased()
            spec = spec[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto!) else { throw bad("unknown protocol; use tcp, udp or sctp") }
        }
        var hostIP = ""
        if spec.hasPrefix("[") {
            guard let close = spec.firstIndex(of: "]") else { throw bad("an IPv6 address needs a closing ]") }
            hostIP = String(spec[spec.index(after: spec.startIndex)..<close])
            spec = spec[spec.index(after: close)...]
            guard spec.hasPrefix(":") else { throw bad("expected [ADDRESS]:HOSTPORT:CONTAINERPORT") }
            spec = spec.dropFirst()
            let rest = spec.split(separator: ":", omittingEmptySubsequences: false)
            guard rest.count == 2 else { throw bad("expected [ADDRESS]:HOSTPORT:CONTAINERPORT") }
            return [try mapping(hostIP, String(rest[0]), String(rest[1]), proto, bad: bad)]
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return [try mapping("", "", parts[0], proto, bad: bad)]
        case 2: return [try mapping("", parts[0], parts[1], proto, bad: bad)]
        case 3:
            hostIP = parts[0]
            return [try mapping(hostIP, parts[1], parts[2], proto, bad: bad)]
        default:
            throw bad("expected [ADDRESS:][HOSTPORT:]CONTAINERPORT[/PROTO]; write IPv6 addresses in brackets")
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
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count) else { return false }
        let numbers = bounds.compactMap { Int($0) }
        return numbers.count == bounds.count && numbers.allSatisfy { (0...65535).contains($0) } && numbers.first! <= numbers.last!
    }

    static func isRestartPolicy(_ value: String) -> Bool {
        if ["no", "always", "unless-stopped", "on-failure"].contains(value) { return true }
        guard value.hasPrefix("on-failure:"), let count = Int(value.dropFirst("on-failure:".count)) else { return false }
        return count >= 0
    }
}
