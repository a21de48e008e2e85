/// Rules about options only the engine acts on: GPUs handed in, the cgroup the container is placed
/// in, and the OOM killer turned off.
package enum EngineOptionChecks {
    static func gpus(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.engine.engineOnly.filter { $0.option == "gpus" }.map { option in
            Hit("--gpus \(option.value) gives the container host GPU devices (\(gpuSelection(option.value))): their device nodes and the driver's libraries, mounted by the runtime's hook", .engineOption("gpus"))
        }
    }

    /// Which GPUs a `--gpus` value asks for, in words; a selection by id or capability is named as written.
    static func gpuSelection(_ value: String) -> String {
        let unquoted = value.filter { $0 != "\"" && $0 != "'" }
        if unquoted == "all" || unquoted.split(separator: ",").contains("count=all") { return "every GPU of the host" }
        if let count = Int(unquoted), count >= 0 { return count == 1 ? "1 GPU" : "\(count) GPUs" }
        return "those \(unquoted) selects"
    }

    static func cgroupParent(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        plan.engine.engineOnly.filter { $0.option == "cgroup-parent" && !insideEngineTree($0.value) }.map { option in
            Hit("--cgroup-parent \(option.value) places the container's cgroup outside the engine's own tree (/docker, docker.slice), among the host's own groups: their limits, not the engine's, bound it", .engineOption("cgroup-parent"))
        }
    }

    /// Whether a cgroup parent stays below the engine's group: `/docker/…` with the cgroupfs
    /// driver, `docker.slice` or a `docker-….slice` below it with the systemd driver.
    static func insideEngineTree(_ value: String) -> Bool {
        let parts = value.split(separator: "/").filter { $0 != "." }
        guard let first = parts.first, !parts.contains("..") else { return false }
        if first == "docker" || first == "docker.slice" { return true }
        return parts.count == 1 && first.hasPrefix("docker-") && first.hasSuffix(".slice")
    }

    static func oomKillDisable(_ plan: LaunchPlan, _ context: RuleContext) -> [Hit] {
        guard plan.memoryTuning.oomKillDisable, plan.memory == nil else { return [] }
        return [Hit("--oom-kill-disable without a memory limit: the kernel's OOM killer cannot stop the container, which can take the host's memory until the host stalls", .engineOption("oom-kill-disable"))]
    }
}
