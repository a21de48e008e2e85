/// Which docker run options mean something for an OCI bundle. `harden oci` takes docker's spellings
/// after the profile name, as `harden run` does, but runc and crun have no daemon, images, networks
/// or restarts: an option for those is refused with the reason, never dropped in silence.
public enum OCIDockerOptions {
    /// Options the conversion reads from the plan, or that the validator judges (privileged,
    /// use-api-socket: refused there with its own message).
    public static let accepted: Set<String> = [
        "cap-add", "cap-drop", "cgroupns", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "device-cgroup-rule", "env",
        "group-add", "hostname", "interactive", "ipc", "memory", "memory-reservation", "memory-swap", "memory-swappiness",
        "mount", "network", "oom-kill-disable", "oom-score-adj", "pid", "pids-limit", "privileged", "read-only",
        "security-opt", "shm-size", "sysctl", "tmpfs", "tty", "ulimit", "use-api-socket", "user", "userns", "uts",
        "volume", "workdir",
    ]

    /// Why an option is refused, for the ones whose reason is more than "docker engine only".
    static let reasons: [String: String] = {
        var table: [String: String] = [:]
        for name in ["publish", "publish-all", "expose", "ip", "ip6", "mac-address", "dns", "dns-option", "dns-search",
                     "add-host", "link", "link-local-ip", "network-alias", "domainname"] {
            table[name] = "a bundle gets its own network namespace with loopback only; connect it with a CNI plugin or a runtime hook, or use harden run for published ports"
        }
        table["restart"] = "runc and crun never restart a container; let the supervisor that starts runc do it (systemd Restart=on-failure)"
        for name in ["health-cmd", "health-interval", "health-retries", "health-start-interval", "health-start-period", "health-timeout", "no-healthcheck"] {
            table[name] = "runc and crun run no health checks; let the supervisor probe the service"
        }
        table["entrypoint"] = "a bundle has no image configuration; give the whole command after --"
        table["env-file"] = "give each variable with -e KEY=VALUE"
        table["device"] = "harden oci does not add host devices; the device cgroup allows only the default nodes (use harden run --device, or add linux.devices by hand)"
        table["volumes-from"] = "runc has no other containers to copy mounts from; bind the host directories with -v /host/path:/target"
        table["init"] = "runc starts the command as PID 1; put an init such as tini in the rootfs and name it first after --"
        table["name"] = "a bundle's container is named by the ID given to `runc run ID`"
        table["detach"] = "use `runc run --detach ID`"
        return table
    }()

    /// The refusal for one option, or nil when the option means something for a bundle.
    public static func refusal(_ name: String) -> String? {
        guard !accepted.contains(name) else { return nil }
        return reasons[name] ?? "it is a docker engine option with nothing to do in an OCI bundle; leave it out"
    }

    /// The value of the last use of a single-valued option, and every value of a repeatable one.
    static func last(_ name: String, in plan: LaunchPlan) -> String? { plan.otherOptions.last { $0.name == name }?.value }
    static func all(_ name: String, in plan: LaunchPlan) -> [String] { plan.otherOptions.filter { $0.name == name }.map(\.value) }
}
