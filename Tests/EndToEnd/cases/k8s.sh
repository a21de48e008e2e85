#!/usr/bin/env bash
# End-to-end: every built-in's Kubernetes Pod and Deployment is a valid object for the Kubernetes
# API (kubernetes-validate --strict), reads the same through a YAML 1.1 reader as harden's own JSON,
# and passes checkov's Kubernetes checks except the ones listed below with their reasons.
#
# Needs: HARDEN (path to the harden binary) and python3 with venv. kubernetes-validate and checkov
# come from PyPI into a venv under $HARDEN_E2E_DIR (default /var/tmp/harden-e2e), made on first use.
# No cluster is needed: these are static checks.
#
# Three passes. "as printed": `harden k8s PROFILE --name NAME IMAGE`, what a user gets with nothing
# else said. "completed": with what only the user can supply — a namespace, an image pinned by
# digest, --pull always and a health command. "localhost": completed, with --seccomp localhost.
# A failed check not expected for that pass fails the run; an expected one that passes is reported.
# Exit status: 0 when every check holds, 1 otherwise.
set -u

HARDEN=${HARDEN:?set HARDEN to the harden binary}
# Absolute, because the objects are written from the scratch directory (below).
case "$HARDEN" in */*) HARDEN=$(cd "$(dirname "$HARDEN")" && pwd)/$(basename "$HARDEN") ;; esac
E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
VENV=$E2E_DIR/venv
PACKAGES=${HARDEN_E2E_K8S_PACKAGES:-kubernetes-validate==1.37.0 checkov==3.3.30}
IMAGE=harden-e2e/busybox:1
DIGEST=harden-e2e/busybox@sha256:0d6f0ea8c2e2b0e6e8a1f0c5a9d3b7e4f1a2c3d4e5f60718293a4b5c6d7e8f90
SCRATCH=$(mktemp -d)
PROFILES=(web worker db)
KINDS=(pod deployment)
failures=0
checked=0

trap 'rm -rf "$SCRATCH"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../tally.sh"
pass() { checked=$((checked + 1)); echo "ok   $*"; tally pass; }
fail() { checked=$((checked + 1)); failures=$((failures + 1)); echo "FAIL $*"; tally fail; }

# Checks that stay failing, and why. Keys: "all", or a profile name.
declare -A EXPECTED_AS_PRINTED=(
    # Probes run the application's own health command, which only the user knows.
    [all]="CKV_K8S_8 CKV_K8S_9 CKV_K8S_15 CKV_K8S_21 CKV_K8S_43 CKV2_K8S_6"
    # CKV_K8S_15: docker pulls only a missing image; --pull always gives imagePullPolicy: Always.
    # CKV_K8S_21: the namespace is the user's (--namespace).  CKV_K8S_43: so is the digest.
    # CKV2_K8S_6: a NetworkPolicy is a separate object, written for the cluster's other workloads.
    [db]="CKV_K8S_40"   # db runs as 999:999, the uid the official postgres and redis images own their files with
)
# checkov credits only RuntimeDefault (or docker/default) for CKV_K8S_31, not a Localhost profile,
# stricter as that is; without the seccomp generator, --seccomp localhost keeps RuntimeDefault.
declare -A EXPECTED_LOCALHOST=(
    [all]="CKV_K8S_8 CKV2_K8S_6 CKV_K8S_31"
    [db]="CKV_K8S_40"
)
declare -A EXPECTED_COMPLETED=(
    # harden turns a health check into a readinessProbe (docker does not restart an unhealthy
    # container either); a livenessProbe is the user's decision.
    [all]="CKV_K8S_8 CKV2_K8S_6"
    [db]="CKV_K8S_40"
)

if [ ! -x "$VENV/bin/checkov" ] || [ ! -x "$VENV/bin/kubernetes-validate" ]; then
    echo "installing $PACKAGES into $VENV"
    mkdir -p "$E2E_DIR"
    # shellcheck disable=SC2086  # PACKAGES is a list of words
    if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q $PACKAGES; } >"$E2E_DIR/k8s-pip.log" 2>&1; then
        tail -n 20 "$E2E_DIR/k8s-pip.log"
        echo "FAIL could not install $PACKAGES (log: $E2E_DIR/k8s-pip.log)"
        exit 1
    fi
fi
echo "using kubernetes-validate $("$VENV/bin/kubernetes-validate" --version) and checkov $("$VENV/bin/checkov" --version)"

# pass name | extra harden k8s options (word-split) | image
passes=(
    "as-printed||$IMAGE"
    "completed|--namespace apps --pull always --health-cmd true|$DIGEST"
    "localhost|--namespace apps --pull always --health-cmd true --seccomp localhost|$DIGEST"
)
# --seccomp localhost writes the generated profiles to ./seccomp, so everything runs in the scratch directory.
cd "$SCRATCH" || exit 1

for entry in "${passes[@]}"; do
    IFS='|' read -r pass_name extra image <<<"$entry"
    dir="$SCRATCH/$pass_name"
    mkdir -p "$dir"
    echo "---- pass $pass_name: harden k8s PROFILE --name PROFILE --kind KIND $extra $image"
    for profile in "${PROFILES[@]}"; do
        for kind in "${KINDS[@]}"; do
            file="$dir/$profile-$kind.yaml"
            # shellcheck disable=SC2086  # the options are words on purpose
            if ! "$HARDEN" k8s "$profile" --name "$profile" --kind "$kind" $extra "$image" >"$file" 2>"$file.notes"; then
                fail "$pass_name $profile $kind: harden k8s failed: $(cat "$file.notes")"
                rm -f "$file"
                continue
            fi
            [ "$kind" = pod ] && [ "$pass_name" = as-printed ] && sed 's/^/     stderr: /' "$file.notes"
            # shellcheck disable=SC2086
            "$HARDEN" k8s "$profile" --name "$profile" --kind "$kind" $extra --format json "$image" >"$file.json" 2>/dev/null
            if "$VENV/bin/python" -c 'import json, sys, yaml; sys.exit(yaml.safe_load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$file" "$file.json"; then
                pass "$pass_name $profile $kind: PyYAML reads the YAML as the same object as harden's JSON"
            else
                fail "$pass_name $profile $kind: the YAML and the JSON differ when read back"
            fi
            if out=$("$VENV/bin/kubernetes-validate" --strict "$file" 2>&1); then
                pass "$pass_name $profile $kind: kubernetes-validate --strict: ${out#* passed for resource } is valid"
            else
                fail "$pass_name $profile $kind: kubernetes-validate: $out"
            fi
        done
    done

    "$VENV/bin/checkov" -d "$dir" --framework kubernetes -o json >"$dir/checkov.json" 2>"$dir/checkov.err"
    # One line per file: NAME<TAB>failed ids<TAB>passed ids.
    if ! report=$("$VENV/bin/python" - "$dir/checkov.json" <<'PY'
import json, os, sys
data = json.load(open(sys.argv[1]))
reports = data if isinstance(data, list) else [data]
files = {}
for report in reports:
    results = report.get("results", {})
    for outcome in ("failed_checks", "passed_checks"):
        for check in results.get(outcome, []):
            name = os.path.basename(check["file_path"]).removesuffix(".yaml")
            files.setdefault(name, ({}, {}))[outcome == "passed_checks"][check["check_id"]] = check["check_name"]
for name, (failed, passed) in sorted(files.items()):
    print(name, " ".join(sorted(failed)), " ".join(sorted(passed)), sep="\t")
PY
    ); then
        fail "$pass_name: checkov gave no readable report: $(head -c 400 "$dir/checkov.err")"
        continue
    fi
    for profile in "${PROFILES[@]}"; do
        for kind in "${KINDS[@]}"; do
            line=$(printf '%s\n' "$report" | grep "^$profile-$kind"$'\t')
            failed=$(printf '%s' "$line" | cut -f2)
            passed_count=$(printf '%s' "$line" | cut -f3 | wc -w)
            case "$pass_name" in
                as-printed) expected="${EXPECTED_AS_PRINTED[all]} ${EXPECTED_AS_PRINTED[$profile]-}" ;;
                localhost) expected="${EXPECTED_LOCALHOST[all]} ${EXPECTED_LOCALHOST[$profile]-}" ;;
                *) expected="${EXPECTED_COMPLETED[all]} ${EXPECTED_COMPLETED[$profile]-}" ;;
            esac
            unexpected=""
            for id in $failed; do
                case " $expected " in *" $id "*) ;; *) unexpected="$unexpected $id" ;; esac
            done
            now_passing=""
            for id in $expected; do
                case " $failed " in *" $id "*) ;; *) now_passing="$now_passing $id" ;; esac
            done
            if [ -z "$line" ]; then
                fail "$pass_name $profile $kind: checkov reported nothing for the file"
            elif [ -z "$unexpected" ]; then
                pass "$pass_name $profile $kind: checkov: $passed_count checks passed; failing only the expected ${failed:-(none)}${now_passing:+; expected but passing:$now_passing}"
            else
                fail "$pass_name $profile $kind: checkov failed unexpected checks:$unexpected (all failed: $failed)"
            fi
        done
    done
done

# A compose project (Examples/compose-project) as Deployments, Services and NetworkPolicies:
# `harden k8s --from`. Each object valid for the API, and checkov's CKV2_K8S_6 (every Pod selected
# by a NetworkPolicy) passing for each service, where a lone `harden k8s` leaves it failing.
echo "---- harden k8s --from Examples/compose-project/compose.yaml"
from="$SCRATCH/from"
mkdir -p "$from/objects"
cp -a "$ROOT/Examples/compose-project/." "$from/"
if (cd "$from" && "$HARDEN" k8s --from compose.yaml --profile proxy=web --profile db=db --profile redis=db \
        --default-profile worker --namespace shop -o objects.yaml 2>notes.txt); then
    pass "from: harden k8s --from wrote $(grep -c '^kind:' "$from/objects.yaml") objects"
    "$VENV/bin/python" - "$from/objects.yaml" "$from/objects" <<'PY'
import sys, yaml
for index, document in enumerate(yaml.safe_load_all(open(sys.argv[1]))):
    name = "%02d-%s-%s.yaml" % (index, document["kind"].lower(), document["metadata"]["name"])
    yaml.safe_dump(document, open(sys.argv[2] + "/" + name, "w"))
PY
    for file in "$from"/objects/*.yaml; do
        if out=$("$VENV/bin/kubernetes-validate" --strict "$file" 2>&1); then
            pass "from $(basename "$file" .yaml): kubernetes-validate --strict: valid"
        else
            fail "from $(basename "$file" .yaml): kubernetes-validate: $out"
        fi
    done
    "$VENV/bin/checkov" -f "$from/objects.yaml" --framework kubernetes -o json >"$from/checkov.json" 2>"$from/checkov.err"
    for service in proxy app db redis; do
        verdict=$("$VENV/bin/python" - "$from/checkov.json" "$service" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
reports = data if isinstance(data, list) else [data]
outcomes = [outcome for report in reports for outcome in ("failed_checks", "passed_checks")
            for check in report.get("results", {}).get(outcome, [])
            if check["check_id"] == "CKV2_K8S_6" and ".%s." % sys.argv[2] in check["resource"]]
print(outcomes[0] if outcomes else "none")
PY
        )
        if [ "$verdict" = passed_checks ]; then
            pass "from $service: checkov CKV2_K8S_6 (selected by a NetworkPolicy) passes"
        else
            fail "from $service: checkov CKV2_K8S_6: $verdict"
        fi
    done
else
    fail "from: harden k8s --from failed: $(cat "$from/notes.txt")"
fi

echo "k8s e2e: $checked checks, $failures failed"
[ "$failures" -eq 0 ]
