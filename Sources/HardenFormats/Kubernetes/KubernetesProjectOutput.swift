import HardenModel
/// A compose project's hardened services as Kubernetes objects, so a team moving past one machine
/// keeps its hardening: per service a Deployment (the plan, by `KubernetesConversion`), a ClusterIP
/// Service for the ports it publishes or exposes (compose reaches a service by name; Kubernetes
/// through a Service), and a NetworkPolicy that lets in and out only what the compose networks did.
package enum KubernetesProjectOutput {
    package struct Result {
        package var objects: [JSONNode]
        package var notes: [String]
    }

    static let nameLabel = "app.kubernetes.io/name"

    package static func convert(_ services: [ComposeProjectOutput.Service], root: JSONNode, allowEgress: Set<String>, namespace: String?) -> Result {
        var objects: [JSONNode] = []
        var notes: [String] = []
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.name, KubernetesQuantity.label($0.name)) })
        var joined: [String: [String]] = [:]
        for service in services {
            var networks = ComposeProjectOutput.networkNames(service.node)
            if networks.isEmpty && service.plan.network == nil { networks = ["default"] }
            for network in networks { joined[network, default: []].append(service.name) }
        }
        let published = Set(services.filter { !$0.plan.ports.isEmpty }.map(\.name))
        let declared = root.objectMembers?.first { $0.key == "networks" }?.value.objectMembers ?? []
        // As in the compose output: a network keeps its way out when a publishing service joins it,
        // --allow-egress names it, or it is external; one written internal stays closed.
        let open = Set(joined.keys.filter { network in
            let settings = declared.first { $0.key == network }?.value.objectMembers ?? []
            if settings.contains(where: { $0.key == "internal" && $0.value.boolValue == true }) { return false }
            return settings.contains { $0.key == "external" } || allowEgress.contains(network) || joined[network, default: []].contains(where: published.contains)
        })

        for service in services {
            let name = names[service.name] ?? service.name
            if name != service.name { notes.append("service \(service.name): named \(name) in Kubernetes (lower-case letters, digits and '-')") }
            var plan = service.plan
            if plan.command.isEmpty, let command = service.node.objectMembers?.first(where: { $0.key == "command" })?.value {
                if let words = command.arrayValue?.compactMap(\.stringValue), words.count == command.arrayValue?.count {
                    plan.command = words
                } else {
                    notes.append("service \(service.name): command as one string is split by compose's shell rules; write it as a list for the Deployment to carry it")
                }
            }
            if service.node.objectMembers?.contains(where: { $0.key == "entrypoint" }) == true {
                notes.append("service \(service.name): entrypoint is not carried; set the container's command in the Deployment by hand")
            }
            var options = KubernetesConversion.Options(name: name)
            options.kind = .deployment
            options.namespace = namespace
            let converted = KubernetesConversion.convert(plan, options: options)
            notes += converted.notes.map { "service \(service.name): \($0)" }
            objects.append(converted.workload.json)

            var ports: [(Int, String)] = plan.ports.compactMap { port in Int(port.containerPort).map { ($0, (port.proto ?? "tcp").uppercased()) } }
            for item in service.node.objectMembers?.first(where: { $0.key == "expose" })?.value.arrayValue ?? [] {
                var text = item.stringValue ?? ""
                if case .number(let literal) = item.kind { text = literal }
                let parts = text.split(separator: "/")
                if let number = parts.first.flatMap({ Int($0) }) { ports.append((number, parts.count > 1 ? parts[1].uppercased() : "TCP")) }
            }
            var seen = Set<String>()
            ports = ports.filter { seen.insert("\($0.0)/\($0.1)").inserted }
            if !ports.isEmpty {
                objects.append(serviceObject(name, ports: ports, namespace: namespace))
            } else if !(joined.values.contains { $0.contains(service.name) && $0.count > 1 }) {
                // Nothing reaches it by name, and nothing needs to.
            } else {
                notes.append("service \(service.name): publishes and exposes no port, so it gets no Service and its peers cannot reach it by name; list its ports under expose: and run again")
            }

            let networks = joined.filter { $0.value.contains(service.name) }.map(\.key).sorted()
            let peers = Set(networks.flatMap { joined[$0] ?? [] }).subtracting([service.name]).compactMap { names[$0] }.sorted()
            let outward = networks.contains(where: open.contains)
            objects.append(networkPolicy(name, peers: peers, published: published.contains(service.name) ? ports : [], outward: outward, namespace: namespace))
        }
        return Result(objects: objects, notes: notes)
    }

    static func metadata(_ name: String, namespace: String?) -> JSONNode {
        .obj(compact([("name", .str(name)), ("namespace", namespace.map(JSONNode.str)), ("labels", .obj([(nameLabel, .str(name))]))]))
    }

    static func serviceObject(_ name: String, ports: [(Int, String)], namespace: String?) -> JSONNode {
        .obj([
            ("apiVersion", .str("v1")), ("kind", .str("Service")), ("metadata", metadata(name, namespace: namespace)),
            ("spec", .obj([
                ("type", .str("ClusterIP")),
                ("selector", .obj([(nameLabel, .str(name))])),
                ("ports", .arr(ports.map { port, proto in
                    .obj([("name", .str("\(proto.lowercased())-\(port)")), ("port", .int(port)), ("targetPort", .int(port)), ("protocol", .str(proto))])
                })),
            ])),
        ])
    }

    /// Ingress from the services that share a compose network with it (and from anywhere on the
    /// ports it publishes); egress to those services and the cluster's DNS, and anywhere only when
    /// one of its networks keeps its way out.
    static func networkPolicy(_ name: String, peers: [String], published: [(Int, String)], outward: Bool, namespace: String?) -> JSONNode {
        let peerSelector: JSONNode = .obj([("podSelector", .obj([("matchExpressions", .arr([.obj([
            ("key", .str(nameLabel)), ("operator", .str("In")), ("values", .arr(peers.map(JSONNode.str))),
        ])]))]))])
        var ingress: [JSONNode] = []
        if !peers.isEmpty { ingress.append(.obj([("from", .arr([peerSelector]))])) }
        if !published.isEmpty {
            ingress.append(.obj([("ports", .arr(published.map { .obj([("protocol", .str($0.1)), ("port", .int($0.0))]) }))]))
        }
        var egress: [JSONNode] = []
        if !peers.isEmpty { egress.append(.obj([("to", .arr([peerSelector]))])) }
        egress.append(.obj([
            ("to", .arr([.obj([("namespaceSelector", .obj([])), ("podSelector", .obj([("matchLabels", .obj([("k8s-app", .str("kube-dns"))]))]))])])),
            ("ports", .arr([.obj([("protocol", .str("UDP")), ("port", .int(53))]), .obj([("protocol", .str("TCP")), ("port", .int(53))])])),
        ]))
        if outward { egress.append(.obj([])) }
        return .obj([
            ("apiVersion", .str("networking.k8s.io/v1")), ("kind", .str("NetworkPolicy")), ("metadata", metadata(name, namespace: namespace)),
            ("spec", .obj([
                ("podSelector", .obj([("matchLabels", .obj([(nameLabel, .str(name))]))])),
                ("policyTypes", .arr([.str("Ingress"), .str("Egress")])),
                ("ingress", .arr(ingress)),
                ("egress", .arr(egress)),
            ])),
        ])
    }
}
