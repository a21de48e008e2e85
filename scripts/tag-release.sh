#!/usr/bin/env bash
# Tags a release: an annotated tag vVERSION on HEAD, VERSION being HardenVersion.current, which
# is what `harden --version` prints, what profiles' `requires` compare with, and the `rev:` the
# pre-commit configuration of `harden init` pins. Run it on the commit to release, then push the
# tag (git push origin vVERSION). It refuses a dirty tree, a tag that exists, and a HEAD whose
# build or tests fail: a tag that pre-commit or CI fetch must build.
#   scripts/tag-release.sh           check, build, test, then tag
#   scripts/tag-release.sh --dry-run print the tag it would make and stop
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "tag-release: $*" >&2; exit 1; }
version=$(sed -n 's/.*static let current = "\([0-9][0-9.]*\)".*/\1/p' Sources/HardenModel/Support/HardenVersion.swift)
[ -n "$version" ] || fail "no version in Sources/HardenModel/Support/HardenVersion.swift (static let current = \"X.Y.Z\")"
tag="v$version"
if [ "${1:-}" = "--dry-run" ]; then echo "$tag on $(git rev-parse --short HEAD)"; exit 0; fi
[ -z "$(git status --porcelain)" ] || fail "the working tree has changes; commit them first"
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "$tag exists (on $(git rev-parse --short "$tag^{commit}")); raise HardenVersion.current for a new release"
swift build -c release >/dev/null || fail "swift build -c release failed"
swift test 2>&1 | tail -n 1
swift test >/dev/null 2>&1 || fail "swift test failed"
built=$(.build/release/harden --version | awk '{print $2}')
[ "$built" = "$version" ] || fail "the built harden says $built, the source $version"
git tag -a "$tag" -m "harden $version"
echo "tagged $tag on $(git rev-parse --short HEAD); push it with: git push origin $tag"
