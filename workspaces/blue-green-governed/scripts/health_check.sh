#!/bin/sh
# Simulated ./scripts/health_check.sh for seed 002 (blue-green-governed). The console runs a command step
# from the workspace's folder, so ./scripts/ is this folder. It reaches nothing: it reports the version
# the state file says the environment serves (bin/lib/common.sh).
#   ./scripts/health_check.sh staging|production
SIM_TOOL=health_check.sh
. "$(dirname -- "$0")/../bin/lib/common.sh"

usage() {
  die 2 "usage: ./scripts/health_check.sh staging|production"
}

[ $# -eq 1 ] || usage
case "$1" in
  staging) version=$(state_of version staging "$SIM_PREVIOUS") colour= ;;
  production) version=$(serving_version) colour=" ($(state_of selector app-service blue))" ;;
  *) die 2 "unknown environment '$1' (staging or production)" ;;
esac
printf '%s==>%s Health of %s%s, serving registry/app:%s\n' "$DIM" "$RESET" "$1" "$colour" "$version"
for check in 'GET /health            200  41ms' 'database connections   18/200' 'queue depth            3' 'disk free              71%'; do
  sim_pause 0.2
  printf '    %s\n' "$check"
done
should_fail health_check.sh "$1" && die 1 "$1 is unhealthy: GET /health 503"
printf '%s✔ %s healthy%s\n' "$GREEN$BOLD" "$1" "$RESET"
