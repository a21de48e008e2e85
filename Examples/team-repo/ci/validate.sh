#!/bin/sh
# Validates every profile and the policy of this repository, and exits 1 when one is broken or
# rejected. Any CI can run it. An argument picks the report format:
#   ci/validate.sh                       text, for people
#   ci/validate.sh sarif > harden.sarif  SARIF 2.1.0, for code-scanning services
#   ci/validate.sh json                  for scripts
set -eu
cd "$(dirname "$0")/.."
exec harden validate --format "${1:-text}" .
