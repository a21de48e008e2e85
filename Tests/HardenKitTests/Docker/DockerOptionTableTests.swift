import Testing
import HardenCommands
import HardenFormats
import HardenModel

/// `docker run --help` of docker 28.2.2 with no daemon reachable (a daemon makes docker hide options
/// its API version or OS lacks), trimmed to the flag and its value type.
private let dockerRunHelp = """
        --add-host list
        --annotation map
    -a, --attach list
        --blkio-weight uint16
        --blkio-weight-device list
        --cap-add list
        --cap-drop list
        --cgroup-parent string
        --cgroupns string
        --cidfile string
        --cpu-count int
        --cpu-percent int
        --cpu-period int
        --cpu-quota int
        --cpu-rt-period int
        --cpu-rt-runtime int
    -c, --cpu-shares int
        --cpus decimal
        --cpuset-cpus string
        --cpuset-mems string
    -d, --detach
        --detach-keys string
        --device list
        --device-cgroup-rule list
        --device-read-bps list
        --device-read-iops list
        --device-write-bps list
        --device-write-iops list
        --disable-content-trust
        --dns list
        --dns-option list
        --dns-search list
        --domainname string
        --entrypoint string
    -e, --env list
        --env-file list
        --expose list
        --gpus gpu-request
        --group-add list
        --health-cmd string
        --health-interval duration
        --health-retries int
        --health-start-interval duration
        --health-start-period duration
        --health-timeout duration
        --help
    -h, --hostname string
        --init
    -i, --interactive
        --io-maxbandwidth bytes
        --io-maxiops uint
        --ip string
        --ip6 string
        --ipc string
        --isolation string
        --kernel-memory bytes
    -l, --label list
        --label-file list
        --link list
        --link-local-ip list
        --log-driver string
        --log-opt list
        --mac-address string
    -m, --memory bytes
        --memory-reservation bytes
        --memory-swap bytes
        --memory-swappiness int
        --mount mount
        --name string
        --network network
        --network-alias list
        --no-healthcheck
        --oom-kill-disable
        --oom-score-adj int
        --pid string
        --pids-limit int
        --platform string
        --privileged
    -p, --publish list
    -P, --publish-all
        --pull string
    -q, --quiet
        --read-only
        --restart string
        --rm
        --runtime string
        --security-opt list
        --shm-size bytes
        --sig-proxy
        --stop-signal string
        --stop-timeout int
        --storage-opt list
        --sysctl map
        --tmpfs list
    -t, --tty
        --ulimit ulimit
        --use-api-socket
    -u, --user string
        --userns string
        --uts string
    -v, --volume list
        --volume-driver string
        --volumes-from list
    -w, --workdir string
    """

/// Options docker accepts but `--help` hides, with the option they stand for.
private let hiddenAliases = ["dns-opt": "dns-option", "net": "network", "net-alias": "network-alias"]

/// Value types of options that add up when given several times; the others keep the last value.
private let accumulatingTypes: Set<String> = ["list", "map", "mount", "network", "ulimit", "gpu-request"]

struct DockerHelpLine: Sendable, CustomTestStringConvertible {
    let name: String
    let short: Character?
    let type: String?
    var testDescription: String { "--\(name)" }
}

let dockerHelpLines: [DockerHelpLine] = dockerRunHelp.split(separator: "\n").map { line in
    let words = line.split(separator: " ")
    let short = words[0].hasPrefix("--") ? nil : words[0].dropFirst().first
    let long = words.first { $0.hasPrefix("--") }!
    let type = words.last.flatMap { $0.hasPrefix("-") ? nil : String($0) }
    return DockerHelpLine(name: String(long.dropFirst(2)), short: short, type: type)
}

@Suite("The docker run option table")
struct DockerOptionTableTests {
    private let names = DockerOptionTable.all.map(\.name)

    @Test("canonical names are unique, sorted, lowercase words")
    func namesAreSortedAndUnique() {
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(name)")
            #expect(!name.hasPrefix("-"), "\(name)")
        }
    }

    @Test("short letters are unique and exactly docker's")
    func shortLettersAreDockers() {
        let shorts = DockerOptionTable.all.compactMap(\.short)
        #expect(Set(shorts).count == shorts.count)
        #expect(Set(shorts) == Set("acdehilmpPqtuvw"))
    }

    @Test("aliases are unique and never collide with a canonical name")
    func aliasesAreUnique() {
        let aliases = DockerOptionTable.all.flatMap(\.aliases)
        #expect(Set(aliases).count == aliases.count)
        #expect(Set(aliases).isDisjoint(with: names))
    }

    @Test("only options taking a value are repeatable")
    func onlyValuesRepeat() {
        for spec in DockerOptionTable.all where spec.repeatable {
            #expect(spec.kind == .value, "\(spec.name)")
        }
    }

    @Test("a long lookup accepts the canonical name or a hidden alias", arguments: [
        ("network", "network"), ("net", "network"), ("net-alias", "network-alias"),
        ("dns-opt", "dns-option"), ("rm", "rm"), ("cpu-shares", "cpu-shares"),
    ])
    func longLookup(spelling: String, canonical: String) {
        #expect(DockerOptionTable.spec(long: spelling)?.name == canonical)
    }

    @Test("a long lookup rejects near misses", arguments: [
        "", "--rm", "Rm", "RM", "privilegd", "priv", "cap_add", "rm ", "netw", "K",
        "r\u{0301}m", "rm\u{0301}",
    ])
    func longLookupRejects(spelling: String) {
        #expect(DockerOptionTable.spec(long: spelling) == nil)
    }

    @Test("a short lookup finds the option the letter stands for", arguments: [
        ("v", "volume"), ("h", "hostname"), ("c", "cpu-shares"), ("P", "publish-all"), ("p", "publish"),
    ])
    func shortLookup(letter: Character, canonical: String) {
        #expect(DockerOptionTable.spec(short: letter)?.name == canonical)
    }

    @Test("a short lookup rejects unknown letters", arguments: ["x", "D", "V", "H", "-", "=", "\u{212A}"] as [Character])
    func shortLookupRejects(letter: Character) {
        #expect(DockerOptionTable.spec(short: letter) == nil)
    }

    @Test("every option docker run --help prints is in the table, with its letter and kind", arguments: dockerHelpLines)
    func helpOptionIsKnown(line: DockerHelpLine) throws {
        let spec = try #require(DockerOptionTable.spec(long: line.name))
        #expect(spec.name == line.name)
        #expect(spec.short == line.short)
        #expect(spec.kind == (line.type == nil ? .boolean : .value))
        #expect(spec.repeatable == line.type.map(accumulatingTypes.contains) ?? false)
    }

    @Test("the table holds only what docker run --help prints, plus the hidden aliases")
    func tableMatchesHelp() {
        #expect(Set(names) == Set(dockerHelpLines.map(\.name)))
        let aliases = DockerOptionTable.all.flatMap { spec in spec.aliases.map { ($0, spec.name) } }
        #expect(Dictionary(uniqueKeysWithValues: aliases) == hiddenAliases)
    }
}
