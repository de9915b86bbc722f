#!/bin/sh
# Simulated ./scripts/deploy.sh for seed 002 (blue-green-governed, "Option C: Custom deployment script").
# The console runs a command step from the workspace's folder, so ./scripts/ is this folder. It reaches
# nothing: the version it deploys to an environment is a line in the state file (bin/lib/common.sh).
# Production is blue-green (bin/kubectl); this script deploys staging, and redeploys staging's previous
# version for a staging rollback.
#   ./scripts/deploy.sh staging VERSION
SIM_TOOL=deploy.sh
. "$(dirname -- "$0")/../bin/lib/common.sh"

usage() {
  die 2 "usage: ./scripts/deploy.sh staging VERSION"
}

[ $# -eq 2 ] || usage
environment=$1
version=$2
case "$environment" in
  staging) ;;
  production) die 2 "production is blue-green: deploy green with kubectl set image deployment/app-green (seed 002)" ;;
  *) die 2 "unknown environment '$environment' (staging)" ;;
esac
need_version "$version"
running=$(state_of version staging "$SIM_PREVIOUS")
[ "$running" = "$version" ] && die 1 "registry/app:$version is already running in staging"
printf '%s==>%s Deploying registry/app:%s to staging (was %s)\n' "$DIM" "$RESET" "$version" "$running"
for stage in 'Pulling image registry/app:'"$version" 'Running database migrations (0 pending)' 'Replacing 2 instances' 'Waiting for health checks'; do
  sim_pause 0.3
  printf '    %s\n' "$stage"
done
should_fail deploy.sh staging && die 1 "instance i-0staging2 failed its health check after 120s"
state_append "version staging $version"
printf '%s✔ registry/app:%s deployed to staging%s (was %s)\n' "$GREEN$BOLD" "$version" "$RESET" "$running"
