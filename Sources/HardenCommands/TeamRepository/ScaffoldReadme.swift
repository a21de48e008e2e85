import HardenFormats
import HardenModel
/// The README `harden init` writes: how developers use the repository, and how the team changes it.
enum ScaffoldReadme {
    static let text = """
    # Container hardening profiles

    The profiles every developer and CI job uses to start containers with
    [harden](https://github.com/YOUR-ORG/harden): how each kind of workload is locked down, and the
    policy every launch must meet. Change them here, by pull request; CI validates every change and
    shows the reviewer what it loosens.

    | file | what it is |
    | --- | --- |
    | `base.json` | the floor under every profile, the built-in `web`, `worker` and `db` included |
    | `web.json`, `worker.json`, `db.json` | our versions of harden's built-in profiles |
    | `policy.json` | what every launch must have, checked by `harden validate`, `run` and `check` |
    | `ci/validate.sh`, `ci/review.sh` | the CI steps, runnable by hand and from any CI |
    | `.github/workflows/harden.yml` | the same on GitHub Actions, with code-scanning upload |
    | `.pre-commit-config.yaml` | `harden validate` before every commit |

    ## Using the profiles

    Clone this repository and put it on harden's search path, ahead of the built-ins:

    ```sh
    export HARDEN_PROFILE_PATH=$HOME/src/profiles     # in your shell profile; or --profiles DIR
    harden profiles                                   # ours, and the built-ins they shadow
    harden run web -p 8080:80 -- nginx:1.27           # our web profile
    harden show web                                   # every effective setting and the file that set it
    ```

    Each profile here extends the built-in of its name (`"extends": "web"` in `web.json` means the
    next `web` down the search path), and the built-in `web`, `worker` and `db` extend `base`, found
    from the top of the search path: ours. So `harden show web` shows the chain
    `web.json → built-in web → base.json → built-in base`, and a change to `base.json` reaches
    every profile.

    ## Changing a profile

    A profile says only what differs from its parent: an absent key inherits, a value replaces, and
    `null` removes (`"tmpfs": {"/run": null}`). Add a new profile for a new kind of workload, extending
    the closest one:

    ```json
    {
      "extends": "web",
      "description": "The payments API: web, plus its data volume and less memory",
      "rationale": { "resources.memory": "the JVM is capped at 200m of heap" },
      "volumes": { "/var/lib/payments": { "type": "volume", "source": "payments-data" } },
      "resources": { "memory": "256m" }
    }
    ```

    `rationale` says why, setting by setting (`capabilities`, or one limit: `resources.memory`);
    `harden docs` prints it next to the setting. Then:

    ```sh
    harden validate                       # every profile and the policy: exit 1 on any defect
    harden diff payments@origin/main      # what your branch changes, loosens or tightens
    harden docs > PROFILES.md             # the settings and reasons, for the wiki
    ```

    `harden validate` reports every defect at once, each with its file, line and column: a misspelt
    key, an `extends` naming no profile, a cycle, a name that differs from its file name, a profile
    the validator rejects under `policy.json` (a capability such as SYS_ADMIN, root when the policy
    requires a non-root user), a profile that needs a newer harden than yours (`"requires"`).

    ## The policy

    `policy.json` is read by every harden that has this repository first on its search path. It
    requires a non-root user, no-new-privileges, a read-only root, memory, process and CPU limits,
    minimal capabilities, a bounded restart policy and no literal secrets in the environment, and
    refuses host ports below 1024. An exception lets one image or profile break one rule until a
    date, with a reason:

    ```json
    "exceptions": [
      { "rule": "host-namespace", "image": "prom/node-exporter", "reason": "reads the host's metrics", "expires": "2026-06-30" }
    ]
    ```

    `harden rules` lists the rules, `harden explain RULE` explains one; harden's docs/validator.md
    describes every key.

    ## CI and review

    `ci/validate.sh` runs `harden validate` (`ci/validate.sh sarif` for code scanning);
    `ci/review.sh origin/main` prints, for every profile, what the branch changed and whether each
    change loosens or tightens the container (`FAIL_ON_LOOSEN=1` makes loosening fail the job).
    `.github/workflows/harden.yml` runs both on GitHub Actions; set `HARDEN_GIT` and `HARDEN_REF`
    there to where your team gets harden. `.pre-commit-config.yaml` runs `harden validate` before
    each commit once `pre-commit install` has been run.

    This repository was made by `harden init`.

    """
}
