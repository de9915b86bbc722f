#!/bin/sh
# Simulated ./scripts/verify-deployment.sh of seed 001's "Step 4: Complete Rollout", for this workspace's
# rehearsals: it reaches nothing. A command step runs in the workspace folder (main/console.ts), so the
# runbook's ./scripts/ resolve here. It checks the simulated cluster of the terminal's region
# (bin/kubectl's state): each service whose canary ran a new image runs that image on every pod, and its
# canary is scaled down to 0.
#   ./scripts/verify-deployment.sh --full
TOOL=verify-deployment.sh
CLUSTER_LIB=$(CDPATH= cd -- "$(dirname -- "$0")/../bin/lib" && pwd)
. "$CLUSTER_LIB/cluster.sh"

[ $# -eq 1 ] && [ "$1" = --full ] || die 2 "usage: ./scripts/verify-deployment.sh --full"
context=${RELEASE_CONSOLE_REGION:-}
need_context "$context"

printf '%s==>%s Verifying the deployment in %s (namespace production)\n' "$DIM" "$RESET" "$context"
failed=0
verified=
for canary in $(deployments); do
  case "$canary" in *-canary) ;; *) continue ;; esac
  service=${canary%-canary}
  image=$(image_of "$context" "$service")
  before=$(deployment_fact "$service" image)
  # A service this release did not touch has nothing to verify.
  [ "$(image_of "$context" "$canary")" = "$before" ] && [ "$image" = "$before" ] && continue
  pause 0.3
  if [ "$image" = "$(image_of "$context" "$canary")" ] || [ "$(replicas_of "$context" "$canary")" = 0 ]; then
    printf '    %s✔%s deployment/%s: %s/%s pods ready on %s\n' "$GREEN" "$RESET" "$service" "$(replicas_of "$context" "$service")" "$(replicas_of "$context" "$service")" "$image"
  else
    printf '    %s✘%s deployment/%s runs %s, its canary %s\n' "$RED" "$RESET" "$service" "$image" "$(image_of "$context" "$canary")"
    failed=1
  fi
  if [ "$(replicas_of "$context" "$canary")" = 0 ]; then
    printf '    %s✔%s deployment/%s: scaled down to 0\n' "$GREEN" "$RESET" "$canary"
  else
    printf '    %s✘%s deployment/%s still runs %s pods: scale it to 0 to complete the rollout\n' "$RED" "$RESET" "$canary" "$(replicas_of "$context" "$canary")"
    failed=1
  fi
  pause 0.3
  printf '    %s✔%s %s health check /healthz: 200 OK\n' "$GREEN" "$RESET" "$service"
  printf '    %s✔%s %s functional suite (--full): 128 passed, 0 failed\n' "$GREEN" "$RESET" "$service"
  verified="${verified:+$verified, }$service $(version_of "$image")"
done
should_fail "verify-deployment" "$context" && die 1 "verify-deployment.sh: the functional suite failed in $context: 3 of 128 checks failed (checkout-flow, webhooks, agent-run)"
[ "$failed" = 0 ] || die 1 "verify-deployment.sh: the deployment in $context is not complete"
[ -n "$verified" ] || die 1 "verify-deployment.sh: nothing was deployed in $context: no canary runs a new image"
printf '%s✔ Deployment verified in %s: %s%s\n' "$GREEN$BOLD" "$context" "$verified" "$RESET"
