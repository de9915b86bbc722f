#!/bin/sh
# Simulated ./scripts/verify_backup.sh for seed 002 (blue-green-governed). The console runs a command step
# from the workspace's folder, so ./scripts/ is this folder. It reaches no database: the latest backup is
# always 3 hours 12 minutes old, unless a rehearsal asks it to fail (RELEASE_CONSOLE_DEMO_FAIL=verify_backup.sh).
#   ./scripts/verify_backup.sh production --max-age=DURATION   (DURATION in hours or minutes: 24h, 90m)
SIM_TOOL=verify_backup.sh
. "$(dirname -- "$0")/../bin/lib/common.sh"

usage() {
  die 2 "usage: ./scripts/verify_backup.sh production --max-age=DURATION (e.g. --max-age=24h)"
}

[ $# -eq 2 ] || usage
[ "$1" = production ] || die 2 "unknown environment '$1' (production)"
max=${2#--max-age=}
[ "$max" != "$2" ] || usage
case "$max" in
  '' | h | m | *[!0-9hm]* | *[hm]*[hm]* | *[hm][0-9]*) usage ;;
  *h) limit=$((${max%h} * 60)) ;;
  *m) limit=${max%m} ;;
  *) usage ;;
esac
age=192
should_fail verify_backup.sh production && age=1810
printf '%s==>%s Latest backup of production: app-db snapshot rds:app-db-nightly, %dh %02dm old\n' "$DIM" "$RESET" $((age / 60)) $((age % 60))
sim_pause 0.3
printf '    restore test: checksum verified, 412 tables\n'
[ "$age" -le "$limit" ] || die 1 "the latest backup is $((age / 60))h $((age % 60))m old, older than --max-age=$max"
printf '%s✔ backup verified, under %s old%s\n' "$GREEN$BOLD" "$max" "$RESET"
