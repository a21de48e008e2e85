import HardenModel
/// Every key the compose specification defines (compose-spec.json, as compose-go validates it), by
/// what harden does with it. A key in none of these lists is one harden has not judged, and the
/// launch is refused as not understood; `x-` keys are extensions compose itself ignores.
package enum ComposeKeys {
    static let topLevel: Set<String> = ["version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs"]

    /// Service keys the reader judges (`ServiceReading.apply`).
    static let judged: Set<String> = [
        "image", "privileged", "read_only", "user", "use_api_socket", "cap_add", "cap_drop", "security_opt", "volumes", "tmpfs",
        "devices", "device_cgroup_rules", "network_mode", "networks", "pid", "ipc", "uts", "userns_mode", "cgroup", "sysctls",
        "mem_limit", "pids_limit", "cpus", "deploy", "ports", "restart", "environment", "secrets", "configs", "volumes_from",
        "post_start", "pre_stop", "build", "runtime", "isolation", "extends", "env_file", "cgroup_parent", "oom_kill_disable", "gpus",
    ]

    /// Service keys that reach nothing of the host a rule is about: what the process is told, how it
    /// is scheduled, named, limited, logged and ordered. A boolean among them is still read as
    /// compose reads it, so a value compose refuses is bad input here too.
    static let harmless: Set<String> = [
        "annotations", "attach", "blkio_config", "command", "container_name", "cpu_count", "cpu_percent",
        "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpuset", "depends_on", "dns", "dns_opt",
        "dns_search", "domainname", "entrypoint", "expose", "external_links", "extra_hosts", "group_add",
        "healthcheck", "hostname", "init", "label_file", "labels", "links", "logging", "mac_address", "mem_reservation",
        "mem_swappiness", "memswap_limit", "models", "oom_score_adj", "platform", "profiles",
        "pull_policy", "pull_refresh_after", "scale", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
        "storage_opt", "tty", "ulimits", "working_dir",
    ]
    static let harmlessBooleans: Set<String> = ["init", "stdin_open", "tty"]

    /// Service keys whose meaning reaches the host in ways harden does not model: refused.
    static let refused: [String: String] = [
        "credential_spec": "is a Windows credential spec harden does not judge",
        "develop": "syncs host paths into the container (compose watch), which harden does not judge",
        "provider": "runs a provider plugin on the host, which harden does not judge",
    ]

    static let longVolume: Set<String> = ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"]
    static let bindOptions: Set<String> = ["propagation", "create_host_path", "selinux", "recursive"]
    static let volumeOptions: Set<String> = ["nocopy", "subpath", "labels"]
    static let tmpfsOptions: Set<String> = ["size", "mode"]
    static let imageOptions: Set<String> = ["subpath"]
    static let longPort: Set<String> = ["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol"]
    static let longDevice: Set<String> = ["source", "target", "permissions"]
    static let fileReference: Set<String> = ["source", "target", "uid", "gid", "mode"]
    static let envFile: Set<String> = ["path", "required", "format"]
    static let hook: Set<String> = ["command", "user", "privileged", "working_dir", "environment"]
    static let serviceNetwork: Set<String> = [
        "aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "driver_opts", "priority", "gw_priority", "interface_name",
    ]
    static let deploy: Set<String> = [
        "mode", "replicas", "labels", "rollback_config", "update_config", "resources", "restart_policy", "placement", "endpoint_mode",
    ]
    static let resources: Set<String> = ["limits", "reservations"]
    static let limits: Set<String> = ["cpus", "memory", "pids"]
    static let reservations: Set<String> = ["cpus", "memory", "generic_resources", "devices"]
    /// Build keys that shape the image only; the rest give the build container host access.
    static let build: Set<String> = [
        "context", "dockerfile", "dockerfile_inline", "args", "cache_from", "cache_to", "labels", "no_cache", "pull", "target",
        "tags", "platforms", "shm_size", "extra_hosts", "provenance", "sbom", "ulimits", "isolation", "privileged",
    ]
    static let extends: Set<String> = ["service", "file"]

    static let topVolume: Set<String> = ["name", "driver", "driver_opts", "external", "labels"]
    static let topNetwork: Set<String> = [
        "name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels", "enable_ipv4", "enable_ipv6",
    ]
    static let topSecret: Set<String> = ["name", "environment", "file", "external", "labels", "driver", "driver_opts", "template_driver"]
    static let topConfig: Set<String> = ["name", "content", "environment", "file", "external", "labels", "template_driver"]
    /// The local volume driver's options (moby volume/local); dockerd refuses any other.
    static let localVolumeOptions: Set<String> = ["type", "o", "device", "size"]

    /// OCI runtimes whose containers get no more than runc gives them; another runtime name is
    /// whatever the daemon's configuration says, which harden cannot see.
    static let knownRuntimes: Set<String> = ["runc", "crun", "runsc", "io.containerd.runc.v2", "youki", "kata", "kata-runtime"]

    static func isExtension(_ key: String) -> Bool { key.hasPrefix("x-") }
}
