/// Rules about limits and exposure: memory, processes, CPU, ports, restarts.
package enum ResourceChecks {
    static func memory(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.memory == nil ? [Hit("no memory limit: the container can use all of the host's memory", .memory)] : []
    }

    static func pids(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.pidsLimit == nil ? [Hit("no pids limit: a fork bomb in the container exhausts the host's process table", .pids)] : []
    }

    static func cpu(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        let other = plan.cpu.quota.map { $0 > 0 } == true || plan.cpu.cpusetCPUs != nil
        return plan.cpus == nil && !other ? [Hit("no CPU limit: the container can take every CPU of the host", .cpus)] : []
    }

    static func allInterfaces(_ address: String) -> Bool {
        ["", "0.0.0.0", "::", "[::]"].contains(address)
    }

    static func portsOnAllInterfaces(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        var hits: [Hit] = []
        for (index, port) in plan.ports.enumerated() where allInterfaces(port.hostIP) {
            let shown = port.description
            hits.append(Hit("the port \(shown) is published on every interface of the host", .port(index)))
        }
        if plan.engine.publishAll {
            hits.append(Hit("--publish-all publishes every exposed port on every interface of the host", .publishAll))
        }
        return hits
    }

    static func privilegedPorts(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.ports.enumerated().compactMap { index, port in
            guard let low = port.hostPort.split(separator: "-").first.flatMap({ Int($0) }), low > 0, low < 1024 else { return nil }
            return Hit("the host port \(port.hostPort) is a privileged port (below 1024)", .port(index))
        }
    }

    static func restart(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard let restart = plan.restart, restart.isUnbounded else { return [] }
        return [Hit("the restart policy \(restart) restarts a crashing container forever", .restart)]
    }
}
