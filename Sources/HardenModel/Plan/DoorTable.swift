/// What each door other than docker does with a docker run option: one table, a column per target,
/// so that a setting a target cannot express is refused or reported the same way everywhere.
/// The docker door writes every option; `oci`, `compose` and `kubernetes` are the other emitters.
public enum DoorTable {
    public enum Door: String, Sendable, CaseIterable { case oci, compose, kubernetes }

    public enum Treatment: Sendable {
        /// The door's emitter carries the setting (and says itself what of a value it cannot carry).
        case written
        /// Left out with a note; nil for the door's generic note, else built from the option's value.
        case dropped((@Sendable (String) -> String)?)
        /// The launch is refused; nil for the door's generic reason.
        case refused(String?)

        public var isRefused: Bool { if case .refused = self { true } else { false } }
    }

    public struct Row: Sendable {
        public let option: String
        public let oci: Treatment
        public let compose: Treatment
        public let kubernetes: Treatment

        public func treatment(on door: Door) -> Treatment {
            switch door {
            case .oci: oci
            case .compose: compose
            case .kubernetes: kubernetes
            }
        }
    }

    /// The row for a docker option's long name; an option not listed is one only the docker engine
    /// acts on: refused by a bundle, left out of compose and Kubernetes with the generic note.
    public static func row(_ option: String) -> Row {
        byName[option] ?? Row(option: option, oci: .refused(nil), compose: .dropped(nil), kubernetes: .dropped(nil))
    }

    /// Every docker option a plan sets among its process, tuning and engine settings, with the
    /// value a message shows and its row, in a fixed order. (The plan's other fields every door models.)
    public static func settings(of plan: LaunchPlan) -> [(option: String, value: String, row: Row)] {
        var set: [(String, String, Row)] = []
        func add(_ option: String, _ value: String?) { if let value { set.append((option, value, row(option))) } }
        func flag(_ option: String, _ on: Bool) { if on { set.append((option, "true", row(option))) } }
        let process = plan.process
        add("name", process.name)
        add("hostname", process.hostname)
        add("domainname", process.domainname)
        add("workdir", process.workdir)
        add("entrypoint", process.entrypoint)
        flag("tty", process.tty)
        flag("interactive", process.interactive)
        add("init", process.initProcess.map(String.init))
        add("stop-signal", process.stopSignal)
        add("stop-timeout", process.stopTimeout.map(String.init))
        for group in process.groupAdd { add("group-add", group) }
        for file in process.environmentFiles { add("env-file", file) }
        for label in process.labels { add("label", label) }
        add("cpu-shares", plan.cpu.shares.map(String.init))
        add("cpu-quota", plan.cpu.quota.map(String.init))
        add("cpu-period", plan.cpu.period.map(String.init))
        add("cpuset-cpus", plan.cpu.cpusetCPUs)
        add("cpuset-mems", plan.cpu.cpusetMems)
        add("memory-reservation", plan.memoryTuning.reservation.map(Units.sizeSpelling))
        add("memory-swappiness", plan.memoryTuning.swappiness.map(String.init))
        flag("oom-kill-disable", plan.memoryTuning.oomKillDisable)
        add("oom-score-adj", plan.memoryTuning.oomScoreAdj.map(String.init))
        let engine = plan.engine
        flag("rm", engine.autoRemove)
        flag("detach", engine.detach)
        add("pull", engine.pull?.rawValue)
        flag("publish-all", engine.publishAll)
        for source in engine.volumesFrom { add("volumes-from", source) }
        for entry in engine.extraHosts { add("add-host", "\(entry.host):\(entry.address)") }
        for mount in engine.driverMounts { set.append(("mount", mount.dockerValue, volumeDriverMount)) }
        for option in engine.engineOnly { add(option.option, option.value) }
        return set
    }

    private static let network = "a bundle gets its own network namespace with loopback only; connect it with a CNI plugin or a runtime hook, or use harden run for published ports"
    private static let health = "runc and crun run no health checks; let the supervisor probe the service"

    public static let rows: [Row] = {
        var rows: [Row] = [
            Row(option: "name", oci: .refused("a bundle's container is named by the ID given to `runc run ID`"), compose: .written, kubernetes: .written),
            Row(option: "hostname", oci: .written, compose: .written, kubernetes: .written),
            Row(option: "workdir", oci: .written, compose: .written, kubernetes: .written),
            Row(option: "entrypoint", oci: .refused("a bundle has no image configuration; give the whole command after --"), compose: .written, kubernetes: .written),
            Row(option: "tty", oci: .written, compose: .written, kubernetes: .written),
            Row(option: "interactive", oci: .written, compose: .written, kubernetes: .written),
            Row(option: "init", oci: .refused("runc starts the command as PID 1; put an init such as tini in the rootfs and name it first after --"), compose: .written,
                kubernetes: .dropped { _ in "--init has no container field; shareProcessNamespace: true makes the Pod's pause process PID 1, which reaps zombies as docker's init does" }),
            Row(option: "stop-signal", oci: .refused(nil), compose: .written, kubernetes: .dropped(nil)),
            Row(option: "stop-timeout", oci: .refused(nil), compose: .written, kubernetes: .written),
            Row(option: "group-add", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "env-file", oci: .refused("give each variable with -e KEY=VALUE"), compose: .written, kubernetes: .dropped(nil)),
            Row(option: "label", oci: .refused(nil), compose: .written, kubernetes: .dropped(nil)),
            Row(option: "cpu-shares", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "cpuset-cpus", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "cpuset-mems", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "memory-reservation", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "memory-swappiness", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "oom-kill-disable", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "oom-score-adj", oci: .written, compose: .dropped(nil), kubernetes: .dropped(nil)),
            // Both doors say in one note that the engine's own commands decide these.
            Row(option: "rm", oci: .refused(nil), compose: .written, kubernetes: .written),
            Row(option: "detach", oci: .refused("use `runc run --detach ID`"), compose: .written, kubernetes: .written),
            Row(option: "pull", oci: .refused(nil), compose: .written, kubernetes: .written),
            Row(option: "publish-all", oci: .refused(network),
                compose: .dropped { _ in "--publish-all has no compose key; publish each port with -p ADDRESS:PORT:PORT, which the fragment carries" }, kubernetes: .dropped(nil)),
            Row(option: "volumes-from", oci: .refused("runc has no other containers to copy mounts from; bind the host directories with -v /host/path:/target"),
                compose: .dropped(nil), kubernetes: .dropped(nil)),
            Row(option: "add-host", oci: .refused(network), compose: .written, kubernetes: .written),
            Row(option: "mount", oci: .written, compose: .written, kubernetes: .written),
            Row(option: "restart", oci: .refused("runc and crun never restart a container; let the supervisor that starts runc do it (systemd Restart=on-failure)"),
                compose: .written, kubernetes: .written),
            Row(option: "device", oci: .refused("harden oci does not add host devices; the device cgroup allows only the default nodes (use harden run --device, or add linux.devices by hand)"),
                compose: .written, kubernetes: .written),
        ]
        for option in ["publish", "expose", "ip", "ip6", "mac-address", "dns", "dns-option", "dns-search", "link", "link-local-ip", "network-alias", "domainname"] {
            rows.append(Row(option: option, oci: .refused(network), compose: option == "publish" ? .written : .dropped(nil), kubernetes: option == "publish" ? .written : .dropped(nil)))
        }
        for option in ["health-cmd", "health-interval", "health-retries", "health-start-interval", "health-start-period", "health-timeout", "no-healthcheck"] {
            rows.append(Row(option: option, oci: .refused(health), compose: option == "health-start-interval" ? .dropped(nil) : .written,
                            kubernetes: option == "health-start-interval" ? .dropped(nil) : .written))
        }
        // Modelled in the plan's core, judged by the validator and written by every door that can.
        for option in ["cap-add", "cap-drop", "cgroupns", "cpus", "device-cgroup-rule", "env", "ipc", "memory", "memory-swap", "network",
                       "pid", "pids-limit", "privileged", "read-only", "security-opt", "shm-size", "sysctl", "tmpfs", "ulimit",
                       "use-api-socket", "user", "userns", "uts", "volume"] {
            rows.append(Row(option: option, oci: .written, compose: .written, kubernetes: .written))
        }
        return rows
    }()

    /// A `--mount` that needs a volume driver (or its options), which only the engine can carry;
    /// binds and tmpfs mounts, the `mount` row, are the plan's own.
    public static let volumeDriverMount = Row(
        option: "mount", oci: .refused("a bundle has no volume driver; bind a host directory with -v /host/path:/target"),
        compose: .dropped { "--mount \($0) is not in the fragment: a compose service cannot give a volume driver options; declare a top-level volume with driver_opts and mount it by name" },
        kubernetes: .dropped(nil))

    private static let byName: [String: Row] = Dictionary(rows.map { ($0.option, $0) }, uniquingKeysWith: { first, _ in first })
}
