/// Parsers for the values of docker run options, each accepting what Docker documents for it.
/// `bad` builds the error so that it names the option and its position.
enum DockerValues {
    /// `--tmpfs /run:rw,noexec,size=64m`
    static func tmpfs(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> LaunchPlan.TmpfsMount {
        let parts = value.splitASCII(":", maxSplits: 1, omittingEmptySubsequences: false)
        let target = String(parts[0])
        guard target.hasPrefix("/") else { throw bad("a tmpfs target must be an absolute path, e.g. /tmp:size=64m") }
        let options = parts.count > 1 ? parts[1].splitASCII(",").map(String.init) : []
        return LaunchPlan.TmpfsMount(target: target, options: options)
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

    enum MountResult { case mount(LaunchPlan.Mount), tmpfs(LaunchPlan.TmpfsMount), unmodelled }

    /// `--mount type=bind,src=/a,dst=/b,readonly`. Keys the plan has no field for (volume-opt,
    /// volume-driver, consistency…) keep the whole option verbatim rather than half of it.
    static func mount(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> MountResult {
        let spec: MountSpec
        do { spec = try MountSpec.parse(value) } catch { throw bad(error.message) }
        guard let target = spec.target, target.hasPrefix("/") else { throw bad("a mount needs target=/path inside the container") }
        var tmpfsOptions: [String] = []
        for field in spec.fields {
            switch field.key {
            case "type", "target", "dst", "destination", "source", "src", "readonly", "ro": continue
            case "bind-propagation" where field.value != nil && spec.type == "bind": continue
            case "tmpfs-size" where field.value != nil && spec.type == "tmpfs":
                tmpfsOptions.append("size=\(field.value!)")
            case "tmpfs-mode" where field.value != nil && spec.type == "tmpfs":
                tmpfsOptions.append("mode=\(field.value!)")
            default:
                return .unmodelled
            }
        }
        switch spec.type {
        case "tmpfs":
            guard spec.source == nil else { return .unmodelled }
            // harden writes a tmpfs back as --tmpfs TARGET:OPTIONS, split at the first ':'; such a
            // target would come out as another one. (Bind and volume mounts are written with --mount.)
            if target.contains(":") {
                throw bad("\"\(target)\" holds a ':', which --tmpfs cannot carry; rename the path or mount its parent directory")
            }
            return .tmpfs(LaunchPlan.TmpfsMount(target: target, options: (spec.readOnly ? ["ro"] : []) + tmpfsOptions))
        case "bind":
            // docker makes `./dir` absolute, as for -v.
            guard let source = spec.source, source.hasPrefix("/") || source == "." || source.hasPrefix("./") else {
                throw bad("a bind mount needs source=/absolute/host/path")
            }
            if let propagation = spec.propagation, !LaunchPlan.Mount.propagationModes.contains(propagation) {
                throw bad("bind-propagation=\(propagation) is not a propagation mode; use private, rprivate, shared, rshared, slave or rslave")
            }
            return .mount(LaunchPlan.Mount(kind: .bind, source: source, target: target, readOnly: spec.readOnly, propagation: spec.propagation))
        case "volume":
            return .mount(LaunchPlan.Mount(kind: .volume, source: spec.source.flatMap { $0.isEmpty ? nil : $0 }, target: target, readOnly: spec.readOnly))
        default:
            return .unmodelled
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
    static func deviceCgroupRule(_ value: String, bad: (String) -> HardenError) throws(HardenError) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let numbers = words.count == 3 ? words[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
        guard words.count == 3, ["a", "b", "c"].contains(words[0]), numbers.count == 2,
              numbers.allSatisfy({ $0 == "*" || (!$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber)) }),
              isDeviceMode(words[2]) else {
            throw bad("expected TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 r' (TYPE a, b or c; numbers or *; ACCESS some of r, w, m)")
        }
        return value
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
            let rest = spec.splitASCII(":", omittingEmptySubsequences: false)
            guard rest.count == 2 else { throw bad("expected [ADDRESS]:HOSTPORT:CONTAINERPORT") }
            return [try mapping(hostIP, String(rest[0]), String(rest[1]), proto, bad: bad)]
        }
        let parts = spec.splitASCII(":", omittingEmptySubsequences: false).map(String.init)
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
        let bounds = text.splitASCII("-", omittingEmptySubsequences: false)
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
