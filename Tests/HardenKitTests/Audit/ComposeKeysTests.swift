import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("Compose keys: every one the specification defines is classified")
struct ComposeKeysTests {
    /// The service keys of compose-spec.json (compose-spec/compose-go's schema, 2026), copied so the
    /// suite needs nothing outside the repository. A key added to the specification is refused as
    /// not understood until it is added here and classified.
    static let specServiceKeys: Set<String> = [
        "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
        "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
        "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt",
        "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts",
        "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links",
        "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode",
        "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
        "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale",
        "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs",
        "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir",
    ]

    @Test("judged, harmless and refused cover the specification's service keys exactly, once each")
    func classified() {
        let refused = Set(ComposeKeys.refused.keys)
        #expect(ComposeKeys.judged.union(ComposeKeys.harmless).union(refused) == Self.specServiceKeys)
        #expect(ComposeKeys.judged.intersection(ComposeKeys.harmless).isEmpty)
        #expect(ComposeKeys.judged.intersection(refused).isEmpty && ComposeKeys.harmless.intersection(refused).isEmpty)
    }

    @Test("each harmless key is accepted, and an unknown one, even null, is refused at its key", arguments: ["hostname", "labels", "ulimits", "mystery"])
    func harmlessOrNot(key: String) throws {
        let text = #"{"services": {"s": {"image": "x:1", ""# + key + #"": null}}}"#
        let launch = try ComposeReader.read(try JSONParser.parse(text), file: "/srv/c.json")[0]
        if key == "mystery" {
            #expect(launch.plan.notUnderstood == ["services.s.mystery: not a compose service key harden knows; compose gives it a meaning harden has not checked, so remove it"])
            #expect(launch.sources[.notUnderstood(0)]?.description == "/srv/c.json:1:37 (service s)")
        } else {
            #expect(launch.plan.notUnderstood.isEmpty)
        }
    }
}
