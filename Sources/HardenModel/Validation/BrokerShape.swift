/// Recognises a socket broker harden generated (`harden broker`): the one launch that may hold a
/// runtime socket without `runtime-socket` refusing it. Not an exception: a shape, checked whole,
/// and anything short of it is the hard rule again, with the reason it is not a broker.
///
/// The configuration is recognised by writing it again from the section list its label names and
/// comparing it with the mounted file, byte for byte; the hash label must match too, so a label
/// edited to name more sections, a configuration edited to allow more calls, or one harden cannot
/// read on this host are all refused.
package enum BrokerShape {
    public static let sectionsLabel = "io.harden.broker"
    public static let hashLabel = "io.harden.broker.config-sha256"
    /// Where the broker finds its configuration (the official haproxy image's place) and the socket.
    public static let configPath = "/usr/local/etc/haproxy/haproxy.cfg"
    public static let socketPath = "/var/run/docker.sock"

    package enum Verdict: Equatable {
        /// Not dressed as a broker at all.
        case notBroker
        /// Labelled as one, and these are the ways it is not.
        case misshapen([String])
        case broker(sections: String)
    }

    static func label(_ name: String, in plan: LaunchPlan) -> [String] {
        plan.process.labels.compactMap { label in
            guard label.hasPrefix(name + "=") else { return nil }
            return String(label.dropFirst(name.count + 1))
        }
    }

    package static func verdict(_ plan: LaunchPlan, _ context: RuleContext) -> Verdict {
        let sections = label(sectionsLabel, in: plan)
        guard !sections.isEmpty else { return .notBroker }
        var problems: [String] = []
        let hashes = label(hashLabel, in: plan)
        guard sections.count == 1, hashes.count == 1 else {
            return .misshapen(["it must carry exactly one \(sectionsLabel) and one \(hashLabel) label"])
        }
        guard let expected = context.host.brokerConfig(sections[0]) else {
            return .misshapen(["the label \(sectionsLabel)=\(sections[0]) is not a section list harden broker writes"])
        }
        if hashes[0] != SHA256.hex(expected) {
            problems.append("its \(hashLabel) label is not the hash of the configuration harden broker writes for \(sections[0]) (regenerate it with this harden)")
        }
        var socketBinds = 0
        var configBinds = 0
        for bind in plan.hostBinds {
            if bind.target == socketPath, RuntimeSockets.exposure(ofHostPath: HostAccessChecks.hostPath(bind, context), host: context.host) != nil {
                socketBinds += 1
            } else if bind.target == configPath {
                configBinds += 1
                if !bind.readOnly { problems.append("its configuration \(bind.shown) is mounted writable") }
                let path = HostAccessChecks.hostPath(bind, context)
                switch context.host.readFile(path) {
                case nil: problems.append("its configuration \(path) cannot be read here, so nothing shows it is the one harden writes")
                case let text? where text != expected: problems.append("its configuration \(path) is not the one harden broker writes for \(sections[0]) (edited, or written for other sections)")
                default: break
                }
            } else {
                problems.append("it mounts \(bind.shown) besides the socket and its configuration")
            }
        }
        if socketBinds != 1 { problems.append("it must mount the engine's socket once, at \(socketPath)") }
        if configBinds != 1 { problems.append("it must mount its configuration once, read-only, at \(configPath)") }
        if plan.mounts.contains(where: { $0.kind == .volume && $0.source?.hasPrefix("/") != true && $0.source?.hasPrefix(".") != true }) || !plan.engine.volumesFrom.isEmpty {
            problems.append("it mounts volumes besides the socket and its configuration")
        }
        if !plan.secrets.isEmpty || plan.useAPISocket || !plan.devices.isEmpty { problems.append("it is given secrets, devices or the API socket besides") }
        if !plan.ports.isEmpty || plan.engine.publishAll { problems.append("it publishes ports, so more than its clients reach the engine") }
        switch plan.network {
        case .named(let name) where !["bridge", "default", "host", "none"].contains(name): break
        // A compose service joins networks by key; each must be one its project declares internal.
        case nil where !plan.joinedNetworks.isEmpty && plan.joinedNetworks.allSatisfy(\.isInternal): break
        case nil where !plan.joinedNetworks.isEmpty:
            let open = plan.joinedNetworks.filter { !$0.isInternal }.map(\.name).joined(separator: ", ")
            problems.append("it joins the network \(open), which the project does not declare internal: true, so more than its clients reach the engine")
        default: problems.append("it is not on a network of its own (--network NET, created with --internal and shared only with its clients)")
        }
        for network in plan.joinedNetworks where !network.strangers.isEmpty {
            problems.append("its network \(network.name) is shared with \(network.strangers.joined(separator: ", ")), not its clients (DOCKER_HOST=tcp://BROKER:2375), which could call the API too")
        }
        // What a policy may only grade elsewhere (a shared namespace, seccomp off, a sysctl) is no
        // part of the shape at all: the broker is judged whole, not rule by rule.
        if plan.namespaces != LaunchPlan.Namespaces() { problems.append("it sets namespaces (\(plan.namespaces.all.map { "\($0.name) \($0.mode)" }.joined(separator: ", ")))") }
        if plan.seccomp == .unconfined || !plan.securityOptions.isEmpty || !plan.sysctls.isEmpty || !plan.hooks.isEmpty || !plan.notUnderstood.isEmpty {
            problems.append("it changes its confinement (seccomp, security options, sysctls or hooks), or says what harden cannot judge")
        }
        if !plan.readOnlyRootFilesystem { problems.append("its root filesystem is writable") }
        if !plan.capabilities.isEmpty || plan.privileged { problems.append("it holds capabilities") }
        if !plan.noNewPrivileges { problems.append("no-new-privileges is off") }
        let user = plan.user.map { String($0.split(separator: ":", omittingEmptySubsequences: false)[0]) }
        if user == nil || user == "" || user == "0" || user == "root" { problems.append("it runs as root") }
        if plan.memory == nil || plan.pidsLimit == nil { problems.append("it has no memory or pids limit") }
        if !plan.command.isEmpty || plan.process.entrypoint != nil { problems.append("it replaces the image's command, which must run HAProxy on its configuration") }
        if plan.healthcheck.command != nil || !plan.process.insideCommands.isEmpty {
            problems.append("it runs a program of its own inside (a healthcheck or lifecycle hook), which reaches the socket around its configuration")
        }
        if let pinned = context.policy.brokerImage, plan.image != pinned {
            problems.append("it runs \(plan.image.isEmpty ? "no image" : plan.image), not the broker image the policy pins (\(pinned))")
        }
        return problems.isEmpty ? .broker(sections: sections[0]) : .misshapen(problems)
    }
}
