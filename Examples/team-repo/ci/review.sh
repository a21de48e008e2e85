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
