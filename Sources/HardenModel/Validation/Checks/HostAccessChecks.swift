/// Rules about what of the host the container reaches: sockets, paths, devices, namespaces, sysctls.
package enum HostAccessChecks {
    static func runtimeSocket(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        // Judged only once a socket is found, so the launches without one pay nothing for it.
        var broker: BrokerShape.Verdict?
        for bind in plan.hostBinds {
            guard let why = RuntimeSockets.exposure(ofHostPath: hostPath(bind, context), host: context.host) else { continue }
            if broker == nil { broker = BrokerShape.verdict(plan, context) }
            switch broker {
            case .broker? where bind.target == BrokerShape.socketPath: continue
            case .misshapen(let problems)?:
                hits.append(Hit("the mount \(bind.shown) exposes a container runtime socket (\(why)), and the launch is labelled a broker but is not harden's: \(problems.joined(separator: "; "))", bind.key))
            default:
                hits.append(Hit("the mount \(bind.shown) exposes a container runtime socket (\(why))", bind.key))
            }
        }
        for secret in plan.secrets {
            guard let why = RuntimeSockets.exposure(ofHostPath: secret.source, host: context.host) else { continue }
            hits.append(Hit("the secret \(secret.name)=\(secret.source) exposes a container runtime socket (\(why))", .secret(secret.name)))
        }
        if plan.useAPISocket {
            hits.append(Hit("--use-api-socket mounts the engine's API socket into the container", .useAPISocket))
        }
        return hits
    }

    /// The absolute host path of a bind. A source no engine reads as a path (`~/x`, which compose
    /// expands and dockerd refuses) is read from `/`, so that `..` in it can still reach what it names.
    static func hostPath(_ bind: HostBind, _ context: RuleContext) -> String {
        context.host.absolute(bind.source) ?? "/" + bind.source
    }

    /// The host path as written, normalised, and again with its symlinks followed when that differs.
    static func candidates(_ bind: HostBind, _ context: RuleContext) -> [String] {
        let path = hostPath(bind, context)
        let written = RuntimeSockets.normalize(path)
        // Resolved as written: folding `..` first would read `lnk/..` as `.`, which the kernel does not.
        guard let resolved = context.host.resolveSymlinks(path).map(RuntimeSockets.normalize), resolved != written else { return [written] }
        return [written, resolved]
    }

    static func sensitivePaths(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        // A secret is a read-only bind of its file on every target (docker --mount, OCI, compose),
        // so `--secret pw=/etc/shadow` exposes what `-v /etc/shadow:/pw:ro` does.
        let secrets = plan.secrets.map { HostBind(source: $0.source, target: $0.target, readOnly: true, key: .secret($0.name)) }
        return (plan.hostBinds + secrets).compactMap { bind in
            for path in candidates(bind, context) {
                if let why = SensitivePaths.danger(of: path, readOnly: bind.readOnly) {
                    let via = RuntimeSockets.normalize(hostPath(bind, context)) == path ? "" : " (it resolves to \(path))"
                    return Hit("the mount \(bind.shown) exposes a sensitive host path\(via): \(why)", bind.key)
                }
            }
            return nil
        }
    }

    /// Read-only binds below /etc that are most likely an application's own configuration: said, not
    /// refused. A bind that `sensitivePaths` refuses by any of its candidates is left to it.
    static func hostConfig(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        let secrets = plan.secrets.map { HostBind(source: $0.source, target: $0.target, readOnly: true, key: .secret($0.name)) }
        return (plan.hostBinds + secrets).compactMap { bind in
            guard bind.readOnly else { return nil }
            let grades = candidates(bind, context).map { ($0, SensitivePaths.grade(of: $0, readOnly: true)) }
            guard !grades.contains(where: { $0.1?.severity == .error }),
                  let (path, grade) = grades.first(where: { $0.1 != nil }), let grade else { return nil }
            let via = RuntimeSockets.normalize(hostPath(bind, context)) == path ? "" : " (it resolves to \(path))"
            return Hit("the mount \(bind.shown) exposes host configuration\(via): \(grade.why)", bind.key)
        }
    }

    static func writableHostPaths(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.hostBinds.compactMap { bind in
            guard !bind.readOnly else { return nil }
            let paths = candidates(bind, context)
            let flagged = paths.contains { SensitivePaths.danger(of: $0, readOnly: false) != nil }
                || paths.contains { RuntimeSockets.exposure(ofHostPath: $0, host: context.host) != nil }
            return flagged ? nil : Hit("the mount \(bind.shown) lets the container write to the host", bind.key)
        }
    }

    static func sharedPropagation(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.hostBinds.compactMap { bind in
            guard let mode = bind.propagation, mode == "shared" || mode == "rshared" else { return nil }
            return Hit("the mount \(bind.shown) has \(mode) propagation: mounts made inside appear on the host", bind.key)
        }
    }

    static func devices(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits = plan.devices.map { device in
            Hit("--device \(device.hostPath) gives the container the host's device \(device.hostPath)", .device(device.hostPath))
        }
        // Docker grants the default rules (/dev/null, /dev/tty, …) to every container, and an OCI
        // config spells them out; repeating one grants nothing more, on either door.
        for rule in plan.deviceCgroupRules where !LaunchPlan.DeviceRule.engineDefaults.contains(rule) {
            guard rule.access.contains("r") || rule.access.contains("w") else { continue }
            hits.append(Hit("the device rule '\(rule.cgroupSpelling)' lets the container read or write host devices", .deviceCgroupRule(rule.cgroupSpelling)))
        }
        return hits
    }

    static func sysctls(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        let hostNetwork = plan.network.map { $0 == .host || isHostNamespacePath($0) } ?? false
        return plan.sysctls.compactMap { sysctl in
            Sysctls.hostWide(sysctl.name, hostNetwork: hostNetwork).map { Hit("--sysctl \(sysctl.name)=\(sysctl.value): \($0)", .sysctl(sysctl.name)) }
        }
    }

    static let namespaceMeaning = [
        "network": "the host's network stack: its interfaces, its loopback services and its ports",
        "pid": "the host's processes: it can see and signal them",
        "ipc": "the host's shared memory and message queues",
        "uts": "the host's hostname",
        "userns": "the host's user IDs, bypassing the daemon's user namespace remapping",
        "cgroupns": "the host's cgroup tree",
        "mount": "the host's mounts",
    ]

    /// The rule's own fix speaks of ports, which is right only for the network namespace.
    static let namespaceFix: [String: String] = [
        "pid": "drop the host pid namespace (--pid host, pid: host, hostPID); to see another container's processes join its namespace (--pid container:NAME), and debug host processes from the host",
        "ipc": "drop the host ipc namespace (--ipc host, ipc: host, hostIPC); containers that share memory can share one namespace (--ipc shareable, then --ipc container:NAME)",
        "uts": "drop the host uts namespace (--uts host); give the container its own name with --hostname",
        "userns": "drop --userns host, so the daemon's user namespace remapping applies to this container too",
        "cgroupns": "drop the host cgroup namespace (--cgroupns host); --cgroupns private shows the container only its own cgroup",
        "mount": "give the container its own mount namespace (a {\"type\": \"mount\"} entry in linux.namespaces)",
    ]

    static func hostNamespaces(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        // Worded for every door: a compose file says network_mode, an OCI config leaves the namespace out.
        if plan.network == .host {
            hits.append(Hit("the network namespace is the host's (network \(plan.network!)): the container shares \(namespaceMeaning["network"]!)", .network))
        }
        if let network = plan.network, isHostNamespacePath(network) {
            hits.append(Hit("--network \(network) joins a namespace under /proc, which is a host process's, the host's: the container shares \(namespaceMeaning["network"]!)", .network))
        }
        for (name, mode) in plan.namespaces.all where mode == .host || isHostNamespacePath(mode) {
            hits.append(Hit("the \(name) namespace is the host's (\(name) \(mode)): the container shares \(namespaceMeaning[name]!)", .namespace(name),
                            fix: namespaceFix[name]))
        }
        return hits
    }

    /// podman's `ns:PATH` with a path under /proc (`/proc/1/ns/net`, `/proc/self/ns/pid`, or the
    /// same spelt with `//`, `.` or `..`): a process's namespace, which for anything harden can see
    /// from the line is the host's.
    static func isHostNamespacePath(_ mode: LaunchPlan.NamespaceMode) -> Bool {
        guard let path = mode.joinedPath else { return false }
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return !path.hasPrefix("/") || parts.first == "proc"
    }

    static func joinsAnotherContainer(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        if let network = plan.network, network.joinedPath != nil, !isHostNamespacePath(network) {
            hits.append(Hit("--network \(network) joins the namespace at that path, whose settings harden cannot see", .network))
        }
        for (name, mode) in plan.namespaces.all where mode.joinedPath != nil && !isHostNamespacePath(mode) {
            hits.append(Hit("--\(name) \(mode) joins the namespace at that path, whose settings harden cannot see", .namespace(name)))
        }
        if let network = plan.network, network.joinedContainer != nil {
            hits.append(Hit("--network \(network) joins another container's network namespace, whose settings harden cannot see", .network))
        }
        for (name, mode) in plan.namespaces.all where mode.joinedContainer != nil {
            hits.append(Hit("--\(name) \(mode) joins another container's namespace, whose settings harden cannot see", .namespace(name)))
        }
        for source in plan.engine.volumesFrom {
            hits.append(Hit("--volumes-from \(source) mounts whatever that container mounts, which harden cannot see", .volumesFrom(source)))
        }
        return hits
    }

    /// A launch that is exactly a broker harden generated: the socket is there, behind the calls its sections allow.
    static func socketBroker(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard !plan.process.labels.isEmpty, case .broker(let sections) = BrokerShape.verdict(plan, context) else { return [] }
        guard let bind = plan.hostBinds.first(where: { $0.target == BrokerShape.socketPath }) else { return [] }
        return [Hit("the socket broker for \(sections) holds the engine's socket (\(bind.shown)); its clients reach only those sections' calls, so keep the list as short as the clients need", bind.key)]
    }
}
