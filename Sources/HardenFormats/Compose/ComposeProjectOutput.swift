import HardenModel
/// A whole compose project rewritten with hardened services: what the plan says is written by
/// `ComposeConversion`, the one place a plan becomes compose; what harden carries over without
/// judging it (networks, dependencies, logging, secrets and configs by name…) is copied from the
/// user's file. The result is a complete file, not an override: compose's `-f` merge adds list
/// entries up, so it could never narrow a port or drop a mount.
package enum ComposeProjectOutput {
    package struct Service {
        package var name: String
        /// The service as the user wrote it (variables filled in).
        package var node: JSONNode
        package var plan: LaunchPlan
        package var seccomp: GeneratedSeccomp?
        /// Why the engine's default seccomp profile stays, when no profile was generated.
        package var seccompNote: String?
        package init(name: String, node: JSONNode, plan: LaunchPlan, seccomp: GeneratedSeccomp?, seccompNote: String? = nil) {
            self.name = name; self.node = node; self.plan = plan; self.seccomp = seccomp; self.seccompNote = seccompNote
        }
    }

    package struct Result {
        package var json: JSONNode
        /// What compose cannot say, per service, as `ComposeConversion` words it.
        package var notes: [String]
        /// What changed in the project's shape (networks made internal, services given a network).
        package var summary: [String]
    }

    /// Keys the plan speaks for: written from it, never copied. (`deploy` is read for its limits,
    /// which the plan writes as mem_limit, cpus and pids_limit; compose refuses both spellings at once.)
    static let fromPlan: Set<String> = [
        "image", "privileged", "read_only", "user", "use_api_socket", "cap_add", "cap_drop", "security_opt", "volumes", "tmpfs",
        "devices", "device_cgroup_rules", "network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup", "sysctls",
        "mem_limit", "pids_limit", "cpus", "deploy", "ports", "restart", "environment", "env_file",
        "volumes_from", "cgroup_parent", "oom_kill_disable", "gpus", "extends", "x-harden",
    ]

    /// The user's own values win over the profile's for these: what the program is and how its health is told.
    static let userFirst: Set<String> = ["command", "entrypoint", "healthcheck"]

    /// `root`: the merged project as written; `allowEgress`: networks kept open though no published
    /// service joins them; host paths are written relative to `paths.output` (where compose will
    /// read the file from) when they are below it, absolute otherwise.
    package static func convert(_ services: [Service], root: JSONNode, allowEgress: Set<String>, paths: Paths) -> Result {
        var notes: [String] = []
        var summary: [String] = []
        var servicesJSON: [(String, JSONNode)] = []
        var extraVolumes: [(String, JSONNode)] = []
        var joined: [String: [String]] = [:]
        var published: Set<String> = []
        for service in services {
            var plan = service.plan
            // Secrets and configs keep compose's own keys (copied below): as mounts they would be written twice.
            let configTargets = Set(configTargets(service.node))
            plan.mounts.removeAll { $0.kind == .bind && $0.readOnly && configTargets.contains($0.target) }
            plan.secrets = []
            let converted = ComposeConversion.convert(plan, service: service.name, seccomp: service.seccomp)
            notes += converted.notes.map { "service \(service.name): \($0)" }
            for volume in converted.file.volumes where !extraVolumes.contains(where: { $0.0 == volume.key }) {
                extraVolumes.append((volume.key, .obj(volume.name.map { [("name", JSONNode.str($0))] } ?? [])))
            }
            var written = converted.file.services[0]
            written.volumes = written.volumes.map(paths.relative)
            written.envFile = written.envFile.map(paths.relative)
            var members = written.json.objectMembers?.map { ($0.key, $0.value) } ?? []
            // A service compose builds names no image of its own: `image: ""` would be one compose refuses.
            if written.image.isEmpty { members.removeAll { $0.0 == "image" } }
            // A network mode the profile sets (none, say) is its hardening; compose refuses it beside networks.
            let profileMode = plan.network != nil && !(service.node.objectMembers ?? []).contains { $0.key == "network_mode" }
            if profileMode, service.node.objectMembers?.contains(where: { $0.key == "networks" }) == true {
                notes.append("service \(service.name): the profile sets network_mode \(plan.network!.description), so its networks (\(networkNames(service.node).joined(separator: ", "))) are left out; choose a profile without a network mode to keep them")
            }
            for member in service.node.objectMembers ?? [] where !fromPlan.contains(member.key) && !(profileMode && member.key == "networks") {
                let value = member.key == "build" ? paths.build(escaped(member.value)) : escaped(member.value)
                if let index = members.firstIndex(where: { $0.0 == member.key }) {
                    if userFirst.contains(member.key) { members[index].1 = value }
                } else {
                    members.append((member.key, value))
                }
            }
            if let deploy = service.node.objectMembers?.first(where: { $0.key == "deploy" })?.value.objectMembers, deploy.contains(where: { $0.key != "resources" }) {
                notes.append("service \(service.name): deploy: only its resource limits are kept (as mem_limit, cpus, pids_limit); add the rest back by hand if a swarm or compose v2 needs it")
            }
            var networks = profileMode ? [] : networkNames(service.node)
            if networks.isEmpty && plan.network == nil {
                networks = ["default"]
                members.append(("networks", .arr([.str("default")])))
                summary.append("service \(service.name): on no network of its own; joined to the project's network default (not docker's default bridge)")
            }
            for network in networks { joined[network, default: []].append(service.name) }
            if !plan.ports.isEmpty || plan.engine.publishAll { published.insert(service.name) }
            servicesJSON.append((service.name, .obj(members)))
        }

        var top: [(String, JSONNode)] = []
        if let name = root.objectMembers?.first(where: { $0.key == "name" }) { top.append(("name", escaped(name.value))) }
        top.append(("services", .obj(servicesJSON)))
        var networksJSON = (root.objectMembers?.first { $0.key == "networks" }?.value.objectMembers ?? []).map { ($0.key, escaped($0.value)) }
        if joined["default"] != nil, !networksJSON.contains(where: { $0.0 == "default" }) { networksJSON.append(("default", .obj([]))) }
        for index in networksJSON.indices {
            let (name, node) = networksJSON[index]
            let settings = node.objectMembers ?? []
            let members = joined[name] ?? []
            if settings.contains(where: { $0.key == "external" }) || settings.contains(where: { $0.key == "internal" && $0.value.boolValue == true }) { continue }
            if let outward = members.first(where: published.contains) {
                summary.append("network \(name): keeps its way out (\(outward) publishes ports on it)")
                continue
            }
            if allowEgress.contains(name) {
                summary.append("network \(name): keeps its way out (--allow-egress \(name))")
                continue
            }
            networksJSON[index].1 = .obj(settings.filter { $0.key != "internal" }.map { ($0.key, $0.value) } + [("internal", .bool(true))])
            summary.append("network \(name): internal: true, no published service joins it (--allow-egress \(name) keeps its way out)")
        }
        if !networksJSON.isEmpty { top.append(("networks", .obj(networksJSON))) }
        var volumesJSON = (root.objectMembers?.first { $0.key == "volumes" }?.value.objectMembers ?? []).map { ($0.key, escaped($0.value)) }
        for volume in extraVolumes where !volumesJSON.contains(where: { $0.0 == volume.0 }) { volumesJSON.append(volume) }
        if !volumesJSON.isEmpty { top.append(("volumes", .obj(volumesJSON))) }
        for key in ["secrets", "configs"] {
            guard let value = root.objectMembers?.first(where: { $0.key == key })?.value else { continue }
            top.append((key, .obj((value.objectMembers ?? []).map { entry in
                (entry.key, .obj((entry.value.objectMembers ?? []).map { field in
                    (field.key, field.key == "file" ? field.value.stringValue.map { .str(ComposeConversion.literal(paths.moved($0))) } ?? escaped(field.value) : escaped(field.value))
                }))
            })))
        }
        for member in root.objectMembers ?? [] where ComposeKeys.isExtension(member.key) && member.key != "x-harden" {
            top.append((member.key, escaped(member.value)))
        }
        return Result(json: .obj(top), notes: notes, summary: summary)
    }

    /// Where the user's file was read from and where the written one will be read from: compose
    /// reads every relative host path from the file's directory.
    package struct Paths {
        package var source: String
        package var output: String
        package init(source: String, output: String) { self.source = source; self.output = output }

        /// A host path of the user's file (relative to its directory), for the written file.
        func moved(_ path: String) -> String {
            if path.hasPrefix("~") { return path }
            return below(ComposeTopLevel.hostPath(path, directory: source)) ?? ComposeTopLevel.hostPath(path, directory: source)
        }

        /// `./REST` for an absolute path below the output's directory.
        func below(_ absolute: String) -> String? {
            if absolute == output { return "." }
            let prefix = output.hasSuffix("/") ? output : output + "/"
            return absolute.hasPrefix(prefix) ? "./" + absolute.dropFirst(prefix.count) : nil
        }

        func relative(_ volume: ComposeService.Volume) -> ComposeService.Volume {
            switch volume {
            case .short(let spelling):
                guard spelling.hasPrefix("/"), let colon = spelling.firstIndex(of: ":"),
                      let moved = below(String(spelling[..<colon])) else { return volume }
                return .short(moved + spelling[colon...])
            case .long(var long):
                if let source = long.source, long.type == "bind", let moved = below(source) { long.source = moved }
                return .long(long)
            }
        }

        func relative(_ file: String) -> String { below(file) ?? file }

        /// `build:` as a context path or a mapping with one.
        func build(_ node: JSONNode) -> JSONNode {
            // A remote context (a git or https URL) is no host path.
            let local = { (context: String) in context.contains("://") || context.hasPrefix("git@") ? context : moved(context) }
            if let context = node.stringValue { return .str(local(context)) }
            return .obj((node.objectMembers ?? []).map { member in
                (member.key, member.key == "context" ? member.value.stringValue.map { JSONNode.str(local($0)) } ?? member.value : member.value)
            })
        }
    }

    /// The networks a service joins, by key, as compose lists them (a list or a mapping).
    static func networkNames(_ service: JSONNode) -> [String] {
        guard let networks = service.objectMembers?.first(where: { $0.key == "networks" })?.value else { return [] }
        if let items = networks.arrayValue { return items.compactMap(\.stringValue) }
        return networks.objectMembers?.map(\.key) ?? []
    }

    /// Where the service's configs appear inside the container: `/NAME` unless a target is given.
    static func configTargets(_ service: JSONNode) -> [String] {
        guard let configs = service.objectMembers?.first(where: { $0.key == "configs" })?.value.arrayValue else { return [] }
        return configs.compactMap { item in
            if let name = item.stringValue { return "/" + name }
            let members = item.objectMembers ?? []
            guard let target = members.first(where: { $0.key == "target" })?.value.stringValue
                ?? members.first(where: { $0.key == "source" })?.value.stringValue else { return nil }
            return target.hasPrefix("/") ? target : "/" + target
        }
    }

    /// A value read from the user's file, written back: compose reads `$` in it again, so each is doubled.
    static func escaped(_ node: JSONNode) -> JSONNode {
        switch node.kind {
        case .string(let text): return text.utf8.contains(UInt8(ascii: "$")) ? .str(ComposeConversion.literal(text)) : JSONNode(node.kind)
        case .array(let items): return .arr(items.map(escaped))
        case .object(let members): return .obj(members.map { ($0.key, escaped($0.value)) })
        default: return JSONNode(node.kind)
        }
    }
}
