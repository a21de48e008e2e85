import HardenFormats
import HardenModel
/// The CI examples `harden init` writes: a GitHub Actions workflow, the two shell scripts it runs
/// (usable from any CI), and a pre-commit configuration. Where harden itself comes from is the one
/// thing the scaffold cannot know; the files say so where it has to be filled in.
enum ScaffoldCI {
    static let workflow = """
    # Validates the profiles on every push and pull request, uploads the findings to code scanning,
    # and shows the reviewer of a pull request what it loosens or tightens in each profile.
    name: harden
    on:
      push:
        branches: [main]
      pull_request:
    permissions:
      contents: read
      security-events: write
    jobs:
      profiles:
        runs-on: ubuntu-latest
        container: swift:6.0
        env:
          # Where the team gets harden, and which version. Pin it: profiles may require a version.
          HARDEN_GIT: https://github.com/YOUR-ORG/harden.git
          HARDEN_REF: v\(HardenVersion.current)
        steps:
          - uses: actions/checkout@v4
            with:
              fetch-depth: 0
          - name: Install harden
            run: |
              git clone --depth 1 --branch "$HARDEN_REF" "$HARDEN_GIT" /opt/harden
              swift build -c release --package-path /opt/harden
              echo /opt/harden/.build/release >> "$GITHUB_PATH"
          - name: Validate
            run: |
              git config --global --add safe.directory "$GITHUB_WORKSPACE"
              ci/validate.sh sarif > harden.sarif || true
              ci/validate.sh
          - name: Upload the findings to code scanning
            if: always()
            uses: github/codeql-action/upload-sarif@v3
            with:
              sarif_file: harden.sarif
              category: harden
          - name: What this change loosens
            if: github.event_name == 'pull_request'
            run: ci/review.sh "origin/$GITHUB_BASE_REF"

    """

    static let validate = """
    #!/bin/sh
    # Validates every profile and the policy of this repository, and exits 1 when one is broken or
    # rejected. Any CI can run it. An argument picks the report format:
    #   ci/validate.sh                       text, for people
    #   ci/validate.sh sarif > harden.sarif  SARIF 2.1.0, for code-scanning services
    #   ci/validate.sh json                  for scripts
    set -eu
    cd "$(dirname "$0")/.."
    exec harden validate --format "${1:-text}" .

    """

    static let review = """
    #!/bin/sh
    # What a branch changes in each profile, for the reviewer of a pull request: every effective
    # setting that changed since BASE, and whether it loosens or tightens the container. Every
    # profile is compared, not only the files the branch touched, because a change to a parent
    # (base.json) changes every profile built on it.
    #   ci/review.sh origin/main
    #   FAIL_ON_LOOSEN=1 ci/review.sh origin/main   exit 1 when anything loosens
    set -eu
    base=${1:?usage: ci/review.sh BASE, for example origin/main}
    cd "$(dirname "$0")/.."
    if ! git rev-parse --quiet --verify "$base^{commit}" >/dev/null; then
        echo "ci/review.sh: $base is not a revision of this repository; fetch it, or name a branch that exists" >&2
        exit 2
    fi
    flag=""
    if [ "${FAIL_ON_LOOSEN:-0}" = 1 ]; then flag=--fail-on-loosen; fi
    status=0
    for file in *.json; do
        [ "$file" = policy.json ] && continue
        name=${file%.json}
        if git cat-file -e "$base:./$file" 2>/dev/null; then
            harden diff $flag --profiles . "$name@$base" "$name" || status=1
        else
            echo "new profile $name:"
            harden show --profiles . "$name" || status=1
        fi
        echo
    done
    if ! git diff --quiet "$base" -- policy.json; then
        echo "policy.json changed:"
        git diff "$base" -- policy.json
    fi
    exit $status

    """

    /// Works as written: the active hook is local and runs the harden on PATH, so there is no
    /// placeholder to fill in and no build on the first commit. The hook that builds harden from
    /// source is there to switch to, pinned to the release tag of the harden that wrote it
    /// (scripts/tag-release.sh makes those tags), never a branch pre-commit warns about.
    static let preCommit = """
    # Runs `harden validate` before every commit: `pip install pre-commit && pre-commit install`.
    # The hook runs the harden on PATH (see harden's README, Install), so a commit waits a second.
    repos:
      - repo: local
        hooks:
          - id: harden-validate-system
            name: harden validate (installed harden)
            entry: harden validate
            language: system
            files: \\.json$
            pass_filenames: false
    # To have pre-commit build harden itself instead (it needs Swift 6, and the first commit then
    # compiles harden for several minutes with no output), replace the block above with harden's
    # own hook, at the release this repository was made with, from where your team gets harden:
    #  - repo: https://github.com/YOUR-ORG/harden
    #    rev: v\(HardenVersion.current)
    #    hooks:
    #      - id: harden-validate

    """
}
