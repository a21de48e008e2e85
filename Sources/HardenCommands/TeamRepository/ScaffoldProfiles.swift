import HardenFormats
import HardenModel
/// The policy and example profiles `harden init` writes: one profile per built-in, each extending
/// the built-in of its name, so the repository starts as exactly harden's defaults, and the team's
/// changes show up in `harden diff` and review from the first commit.
///
/// They are named like the built-ins on purpose: with the repository on the search path,
/// `harden run web` gets the team's web. And since the built-in web, worker and db extend `base`
/// looked up from the top of the search path, the team's base.json sits under all of them.
enum ScaffoldProfiles {
    static let policy = """
    {
      "description": "What every launch with this repository's profiles must have. harden validate checks each profile against it; harden run and harden check apply it to every launch.",
      "require": [
        "nonRoot", "noNewPrivileges", "readOnlyRootFilesystem", "memoryLimit", "pidsLimit", "cpuLimit",
        "minimalCapabilities", "boundedRestart", "noSecretsInEnvironment"
      ],
      "severities": { "privileged-host-port": "error" },
      "capabilities": { "allow": [] },
      "exceptions": []
    }

    """

    static let base = """
    {
      "name": "base",
      "extends": "base",
      "description": "Our floor under every profile, the built-in web, worker and db included: harden's built-in base as it is. Tighten it here and every profile follows.",
      "requires": "0.1",
      "rationale": {
        "user": "65532 is the conventional nonroot user of distroless images: it owns no file in our images, so a compromised process can change nothing but its carve-outs",
        "resources": "512m, one CPU and 256 processes fit our services; a profile that needs more says so and why",
        "network": "ports are published on loopback; a service that must be reachable from other hosts goes behind the ingress proxy"
      }
    }

    """

    static let web = """
    {
      "name": "web",
      "extends": "web",
      "description": "Our HTTP services: the built-in web on our base. Binds ports below 1024 without root, writes only to its tmpfs carve-outs and declared volumes.",
      "requires": "0.1",
      "rationale": {
        "capabilities": "none: ports below 1024 come from net.ipv4.ip_unprivileged_port_start=0 in the container's own network namespace; NET_BIND_SERVICE only with the host's network",
        "tmpfs": "nginx writes its cache, temporary bodies, logs and pid file; each gets a small noexec carve-out"
      }
    }

    """

    static let worker = """
    {
      "name": "worker",
      "extends": "worker",
      "description": "Our batch and queue workers: the built-in worker on our base. No capabilities, no ports, scratch space on tmpfs.",
      "requires": "0.1",
      "rationale": {
        "tmpfs": "256m of scratch space for intermediate files; anything worth keeping goes to object storage"
      }
    }

    """

    static let db = """
    {
      "name": "db",
      "extends": "db",
      "description": "Our databases and caches: the built-in db on our base. Runs as the image's database user, data on a named volume.",
      "requires": "0.1",
      "rationale": {
        "user": "999:999 is the postgres and redis user of the official images; the data volume is theirs",
        "resources": "1g and two CPUs with shared memory for postgres; give a database more in its own profile"
      }
    }

    """
}
