import HardenModel
/// How a docker run flag takes its value.
public enum DockerOptionKind: Sendable, Equatable {
    /// A pflag bool: `--rm`, `--rm=false`; never takes the next argument.
    case boolean
    /// Needs a value: `--name web`, `--name=web`, `-v/a:/b`.
    case value
}

/// One `docker run` (and `docker create`) option, as the docker CLI registers it.
public struct DockerOptionSpec: Sendable, Equatable {
    public let name: String
    public let short: Character?
    public let kind: DockerOptionKind
    public let aliases: [String]
    /// Given several times, the values accumulate (list, map, mount, network, ulimit and gpu types).
    /// Scalar options may also be repeated, but then the last one wins.
    public let repeatable: Bool

    public init(
        name: String, short: Character? = nil, kind: DockerOptionKind,
        aliases: [String] = [], repeatable: Bool = false
    ) {
        self.name = name
        self.short = short
        self.kind = kind
        self.aliases = aliases
        self.repeatable = repeatable
    }
}

/// Every option docker 28 accepts after `docker run`, hidden spellings included.
///
/// The source of truth is `docker run --help` with no daemon reachable: with a daemon, docker hides
/// options the daemon's API version or OS does not support, so the list would shrink.
public enum DockerOptionTable {
    public static let all: [DockerOptionSpec] = [
        list("add-host"),
        list("annotation"),  // map type
        list("attach", "a"),
        value("blkio-weight"),
        list("blkio-weight-device"),
        list("cap-add"),
        list("cap-drop"),
        value("cgroup-parent"),
        value("cgroupns"),
        value("cidfile"),
        value("cpu-count"),  // Windows only
        value("cpu-percent"),  // Windows only
        value("cpu-period"),
        value("cpu-quota"),
        value("cpu-rt-period"),
        value("cpu-rt-runtime"),
        value("cpu-shares", "c"),
        value("cpus"),
        value("cpuset-cpus"),
        value("cpuset-mems"),
        flag("detach", "d"),  // run only, not create
        value("detach-keys"),  // run only
        list("device"),
        list("device-cgroup-rule"),
        list("device-read-bps"),
        list("device-read-iops"),
        list("device-write-bps"),
        list("device-write-iops"),
        flag("disable-content-trust"),  // defaults to true; accepted without effect
        list("dns"),
        list("dns-option", aliases: ["dns-opt"]),  // --dns-opt is hidden
        list("dns-search"),
        value("domainname"),
        value("entrypoint"),
        list("env", "e"),
        list("env-file"),
        list("expose"),
        list("gpus"),  // gpu-request type: each use adds a request
        list("group-add"),
        value("health-cmd"),
        value("health-interval"),
        value("health-retries"),
        value("health-start-interval"),
        value("health-start-period"),
        value("health-timeout"),
        flag("help"),  // long only: -h is --hostname in docker run
        value("hostname", "h"),
        flag("init"),
        flag("interactive", "i"),
        value("io-maxbandwidth"),  // Windows only
        value("io-maxiops"),  // Windows only
        value("ip"),
        value("ip6"),
        value("ipc"),
        value("isolation"),
        value("kernel-memory"),  // deprecated, still parsed
        list("label", "l"),
        list("label-file"),
        list("link"),  // legacy links, still parsed
        list("link-local-ip"),
        value("log-driver"),
        list("log-opt"),
        value("mac-address"),
        value("memory", "m"),
        value("memory-reservation"),
        value("memory-swap"),
        value("memory-swappiness"),
        list("mount"),  // mount type
        value("name"),
        list("network", aliases: ["net"]),  // network type: several networks since API 1.44; --net is hidden
        list("network-alias", aliases: ["net-alias"]),  // --net-alias is hidden
        flag("no-healthcheck"),
        flag("oom-kill-disable"),
        value("oom-score-adj"),
        value("pid"),
        value("pids-limit"),
        value("platform"),
        flag("privileged"),
        list("publish", "p"),
        flag("publish-all", "P"),
        value("pull"),
        flag("quiet", "q"),
        flag("read-only"),
        value("restart"),
        flag("rm"),
        value("runtime"),
        list("security-opt"),
        value("shm-size"),
        flag("sig-proxy"),  // run only; defaults to true
        value("stop-signal"),
        value("stop-timeout"),
        list("storage-opt"),
        list("sysctl"),  // map type
        list("tmpfs"),
        flag("tty", "t"),
        list("ulimit"),  // ulimit type
        flag("use-api-socket"),  // docker 28+: mounts the daemon socket into the container
        value("user", "u"),
        value("userns"),
        value("uts"),
        list("volume", "v"),
        value("volume-driver"),
        list("volumes-from"),
        value("workdir", "w"),
    ]

    public static func spec(long: String) -> DockerOptionSpec? {
        // ASCII only: Swift compares strings by canonical equivalence, and a look-alike must not match.
        var name = long
        guard name.withUTF8({ bytes in bytes.reduce(0, |) < 0x80 }) else { return nil }
        return byLongName[long]
    }

    public static func spec(short: Character) -> DockerOptionSpec? {
        guard short.isASCII else { return nil }
        return byShortName[short]
    }

    private static let byLongName: [String: DockerOptionSpec] = {
        var table: [String: DockerOptionSpec] = [:]
        for spec in all {
            for name in [spec.name] + spec.aliases { table[name] = spec }
        }
        return table
    }()

    private static let byShortName: [Character: DockerOptionSpec] = {
        var table: [Character: DockerOptionSpec] = [:]
        for spec in all {
            if let short = spec.short { table[short] = spec }
        }
        return table
    }()

    private static func flag(_ name: String, _ short: Character? = nil) -> DockerOptionSpec {
        DockerOptionSpec(name: name, short: short, kind: .boolean)
    }

    private static func value(_ name: String, _ short: Character? = nil) -> DockerOptionSpec {
        DockerOptionSpec(name: name, short: short, kind: .value)
    }

    private static func list(
        _ name: String, _ short: Character? = nil, aliases: [String] = []
    ) -> DockerOptionSpec {
        DockerOptionSpec(name: name, short: short, kind: .value, aliases: aliases, repeatable: true)
    }
}
