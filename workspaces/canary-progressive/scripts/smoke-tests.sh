#!/bin/sh
# Simulated ./scripts/smoke-tests.sh of seed 001 ("Run smoke tests" after a rollback, "Run quick smoke
# tests" after a deploy), for this workspace's rehearsals: it reaches nothing. It reports the image each
# service runs in the terminal's region (bin/kubectl's state), so a rollback's smoke test names the version
# it went back to.
#   ./scripts/smoke-tests.sh --target production
TOOL=smoke-tests.sh
CLUSTER_LIB=$(CDPATH= cd -- "$(dirname -- "$0")/../bin/lib" && pwd)
. "$CLUSTER_LIB/cluster.sh"

[ $# -eq 2 ] && [ "$1" = --target ] || die 2 "usage: ./scripts/smoke-tests.sh --target production"
[ "$2" = production ] || die 2 "smoke-tests.sh: unknown target '$2' (known: production)"
context=${RELEASE_CONSOLE_REGION:-}
need_context "$context"

printf '%s==>%s Smoke tests against production in %s\n' "$DIM" "$RESET" "$context"
for service in $(deployments); do
  case "$service" in *-canary) continue ;; esac
  pause 0.2
  printf '    %s✔%s %s %s: GET /healthz 200, GET /api/v1/status 200\n' "$GREEN" "$RESET" "$service" "$(version_of "$(image_of "$context" "$service")")"
done
should_fail "smoke-tests" "$context" && die 1 "smoke-tests.sh: GET /api/v1/status returned 503 in $context"
printf '%s✔ Smoke tests passed in %s%s\n' "$GREEN$BOLD" "$context" "$RESET"
