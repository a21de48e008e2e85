import HardenModel
/// The parts of an OCI config that reach the host: namespaces joined by path, the root filesystem,
/// and mounts, read the way runc's libcontainer/specconv reads them.
extension OCIConfigReader.Reading {
    /// OCI namespace type → the plan's name for it.
    static let namespaceNames: [(oci: String, plan: String)] = [
        ("network", "network"), ("pid", "pid"), ("ipc", "ipc"), ("uts", "uts"), ("cgroup", "cgroupns"), ("mount", "mount"), ("user", "userns"),
    ]

    mutating func namespaces(_ linux: StrictReader?) throws(HardenError) {
        var declared: [String: (mode: LaunchPlan.NamespaceMode, reader: StrictReader)] = [:]
        for item in try linux?.child("namespaces")?.elements() ?? [] {
            guard let type = try item.child("type")?.string() else { throw item.error("a namespace needs a \"type\"") }
            guard type == "time" || Self.namespaceNames.contains(where: { $0.oci == type }) else {
                refuse("\(item.keyPath).type: \"\(type)\" is not a namespace runc knows (it matches names exactly); write one of pid, network, mount, ipc, uts, user, cgroup, time", at: item.node.location)
                continue
            }
            let mode = (try item.child("path")?.string()).map(Self.joinedNamespace) ?? .private
            // Listed twice, the host's (or another's) wins: harden assumes the worse of the two.
            if let earlier = declared[type], earlier.mode != .private, mode == .private { continue }
            declared[type] = (mode, item)
        }
        let list = linux?.child("namespaces") ?? linux ?? top
        // A missing user namespace is the ordinary case, as in docker, not the host's.
        for (oci, name) in Self.namespaceNames {
            let mode: LaunchPlan.NamespaceMode?
            let key: PlanKey = name == "network" ? .network : .namespace(name)
            if let entry = declared[oci] {
                mode = entry.mode == .private ? nil : entry.mode
                sources[key] = entry.reader.position()
            } else {
                mode = oci == "user" ? nil : .host
                sources[key] = list.position()
            }
            switch name {
            case "network": plan.network = mode
            case "pid": plan.namespaces.pid = mode
            case "ipc": plan.namespaces.ipc = mode
            case "uts": plan.namespaces.uts = mode
            case "cgroupns": plan.namespaces.cgroupns = mode
            case "mount": plan.namespaces.mount = mode
            default: plan.namespaces.userns = mode
            }
        }
    }

    /// A path under /proc/self, /proc/thread-self or any /proc/PID is one runc opens from
    /// the host's own namespaces (it runs in them), whatever the PID: that is the host's. Any other
    /// path (a bind-mounted /run/netns/NAME) joins a namespace some other container or tool made.
    static func joinedNamespace(_ path: String) -> LaunchPlan.NamespaceMode {
        let parts = PathLexical.normalize(path).split(separator: "/")
        // Not only ns/: /proc/self/fd/N or /proc/PID/root/... also reach what runc's own process holds.
        if parts.count >= 2, parts[0] == "proc",
           parts[1] == "self" || parts[1] == "thread-self" || parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return .host
        }
        return .container(path)
    }

    /// runc joins a relative root.path to the bundle directory; a root outside the bundle is a host
    /// directory the container gets as its `/`, judged like a bind mount of it (`/` and `/etc` are the
    /// host's system, a directory holding a socket is the socket). Shared propagation of the root
    /// makes every mount inside appear on the host.
    mutating func root(_ linux: StrictReader?) throws(HardenError) {
        let root = top.child("root")
        var readOnly = false
        if let flag = root?.child("readonly") { readOnly = try flag.bool(); plan.readOnlyRootFilesystem = readOnly; place(.readOnlyRoot, flag) }
        let pathReader = root?.child("path")
        let path = try pathReader?.string() ?? ""
        var propagation: String?
        if let reader = linux?.child("rootfsPropagation") {
            let mode = try reader.string()
            switch mode {
            case "", "private", "rprivate", "slave", "rslave", "unbindable", "runbindable": break
            case "shared", "rshared": propagation = mode
            default:
                refuse("linux.rootfsPropagation: \"\(mode)\" is not a propagation runc knows; write rslave or rprivate", at: reader.node.location)
            }
        }
        let outside = path.hasPrefix("/") || PathLexical.escapes(path)
        if !outside {
            plan.rootFilesystem = LaunchPlan.RootFilesystem(bundle: bundlePath("."), path: PathLexical.normalize(path.isEmpty ? "." : path))
            if let pathReader { sources[.rootFilesystem] = pathReader.position() }
        }
        guard outside || propagation != nil else { return }
        plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: bundlePath(path.isEmpty ? "." : path), target: "/", readOnly: readOnly, propagation: propagation))
        sources[.mount("/")] = (propagation == nil ? pathReader : linux?.child("rootfsPropagation"))?.position() ?? top.position()
    }

    /// What runc mounts from its own filesystem types; other types are refused: devtmpfs is the
    /// host's /dev, overlay's lowerdir and upperdir are host directories harden would have to read
    /// out of its options, and a type harden does not know could be anything.
    static let containerOwnTypes: Set<String> = ["proc", "sysfs", "mqueue", "devpts", "cgroup", "cgroup2", "tmpfs"]

    /// Words runc and crun read themselves in a mount's options (propagation, recursive flags,
    /// tmpcopyup), which never reach the tmpfs and give it nothing more.
    static let runcMountWords: Set<String> = [
        "defaults", "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
        "tmpcopyup", "notmpcopyup", "rro", "rrw", "rnoexec", "rexec", "rnosuid", "rsuid", "rnodev", "rdev",
        "rnoatime", "ratime", "rrelatime", "rnorelatime", "rstrictatime", "rnostrictatime", "nosymfollow", "rnosymfollow",
    ]

    mutating func mount(_ item: StrictReader, index: Int) throws(HardenError) {
        guard let destination = try item.child("destination")?.string() else { throw item.error("a mount needs a \"destination\"") }
        let type = try item.child("type")?.string() ?? ""
        let options = try item.child("options")?.strings() ?? []
        // runc's parseMountOptions: flags by exact name, a later ro/rw overriding an earlier one.
        let readOnly = options.last { $0 == "ro" || $0 == "rw" } == "ro"
        if type == "bind" || options.contains("bind") || options.contains("rbind") {
            guard let source = try item.child("source")?.string() else { throw item.error("a bind mount needs a \"source\"") }
            let propagation = options.last { LaunchPlan.Mount.propagationModes.contains($0) }
            plan.mounts.append(LaunchPlan.Mount(kind: .bind, source: bundlePath(source), target: destination, readOnly: readOnly, propagation: propagation))
        } else if type == "tmpfs" {
            var mount = LaunchPlan.TmpfsMount(target: destination)
            for word in options where !Self.runcMountWords.contains(word) {
                switch LaunchPlan.TmpfsOption.kernel(word) {
                case .success(let option): mount.options.append(option)
                case .failure(let problem):
                    refuse("mounts.\(index).options: \"\(word)\" is not a tmpfs option harden reads; expected \(problem.expected)", at: (item.child("options") ?? item).node.location)
                }
            }
            plan.tmpfs.append(mount)
        } else if type == "devtmpfs" {
            // The kernel has one devtmpfs: every device node of the host.
            plan.devices.append(LaunchPlan.Device(hostPath: "/dev"))
            place(.device("/dev"), item)
            return
        } else if !Self.containerOwnTypes.contains(type) {
            refuse("mounts.\(index).type: \"\(type)\" is not a mount harden judges; use a bind mount (options [\"rbind\"]) of the host directory, or tmpfs, proc, sysfs, mqueue, devpts or cgroup", at: (item.child("type") ?? item).node.location)
            return
        } else if (type == "proc" && destination != "/proc") || (type == "sysfs" && destination != "/sys") {
            // maskedPaths and readonlyPaths name paths under /proc and /sys: a second proc or sysfs
            // elsewhere shows kcore, sysrq-trigger and the firmware tables unmasked.
            plan.securityOptions.append(.systemPathsUnconfined)
            sources[.securityOption(LaunchPlan.SecurityOption.systemPathsUnconfined.description)] = item.position()
            return
        } else if type.hasPrefix("cgroup"), plan.namespaces.cgroupns == .host, !readOnly {
            // Outside a cgroup namespace of its own, the container's cgroup mount is the host's
            // whole hierarchy: written to, it moves and limits every process on the host.
            refuse("mounts.\(index): a writable \(type) mount in the host's cgroup namespace is the host's cgroup tree; add \"ro\" to its options, or give the container its own cgroup namespace", at: item.node.location)
            return
        } else {
            return  // mqueue, devpts, cgroup, and the container's own /proc and /sys
        }
        sources[.mount(destination)] = item.position()
    }

    /// runc reads a relative source (and root.path) from the bundle directory, the config file's
    /// own; written so the validator, which reads `./x` from harden's directory, finds the same file.
    func bundlePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = file.lastIndex(of: "/") else { return "./" + PathLexical.normalize(path) }
        let directory = String(file[..<slash])
        // Go's filepath.Join cleans the joined path by its text, so runc folds `lnk/..` before the
        // kernel could follow lnk: harden folds it the same way.
        let joined = PathLexical.normalize((directory.isEmpty ? "" : directory) + "/" + path)
        return joined.hasPrefix("/") ? joined : "./" + joined
    }
}
