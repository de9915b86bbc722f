# Shared by seed 002's simulated tools (bin/kubectl, bin/pytest, scripts/*.sh). POSIX sh (dash), as the
# demo's tools: they reach no cluster, registry or database, so a rehearsal may run them. Sourced, not
# executed: the caller sets SIM_TOOL (its name) first.
#
# State: one line per change in the file the demo tools use (RELEASE_CONSOLE_DEMO_STATE, which the console
# points into its data folder), the last line for a key wins:
#   version ENVIRONMENT VERSION        what ./scripts/deploy.sh put in staging
#   image DEPLOYMENT VERSION           what `kubectl set image` put in deployment/app (blue) or app-green
#   rollout DEPLOYMENT VERSION         the version `kubectl rollout status` saw finish rolling out
#   selector SERVICE blue|green        which colour app-service sends production's traffic to

SIM_STATE="${RELEASE_CONSOLE_DEMO_STATE:-${HOME:-/tmp}/.release-console-demo/state}"
# A multiplier for the simulated work's duration: 1 feels like the real tools, 0 is for tests.
SIM_SPEED="${RELEASE_CONSOLE_DEMO_SPEED:-1}"
case "$SIM_SPEED" in
  '' | *[!0-9.]* | *.*.*) SIM_SPEED=1 ;;
esac
# Before any release of this rehearsal: v1.2.2 everywhere, blue serving production (releases.yaml, HO-1).
SIM_PREVIOUS=v1.2.2

if [ -n "${NO_COLOR:-}" ]; then
  RED='' GREEN='' BOLD='' DIM='' RESET=''
else
  RED=$(printf '\033[31m') GREEN=$(printf '\033[32m') BOLD=$(printf '\033[1m') DIM=$(printf '\033[2m') RESET=$(printf '\033[0m')
fi

# Exit codes: 1 the operation failed, 2 the request was wrong (a usage line says what is expected).
die() {
  code=$1
  shift
  printf '%s%s: error: %s%s\n' "$RED" "$SIM_TOOL" "$*" "$RESET" >&2
  exit "$code"
}

sim_pause() {
  [ "$SIM_SPEED" = 0 ] && return 0
  sleep "$(awk -v s="$1" -v f="$SIM_SPEED" 'BEGIN { printf "%.2f", s * f }')"
}

# RELEASE_CONSOLE_DEMO_FAIL="pytest:production-green,deploy.sh:staging" makes those runs fail on purpose,
# as the demo's rule list does (ACTION or ACTION:TARGET, comma-separated).
should_fail() {
  [ -n "${RELEASE_CONSOLE_DEMO_FAIL:-}" ] || return 1
  rest="$RELEASE_CONSOLE_DEMO_FAIL,"
  while [ -n "$rest" ]; do
    rule=${rest%%,*}
    rest=${rest#*,}
    if [ "$rule" = "$1" ] || [ "$rule" = "$1:$2" ]; then return 0; fi
  done
  return 1
}

need_version() {
  case "$1" in
    v[0-9]*.[0-9]*.[0-9]* | hotfix-v[0-9]*.[0-9]*.[0-9]*) ;;
    *) die 2 "'$1' is not a version (v1.2.3 or hotfix-v1.2.3)" ;;
  esac
  case "$1" in *[!0-9A-Za-z.-]*) die 2 "'$1' is not a version (v1.2.3 or hotfix-v1.2.3)" ;; esac
}

# state_of KIND KEY: the value of the last "KIND KEY VALUE" line, or DEFAULT.
state_of() {
  value=$3
  if [ -f "$SIM_STATE" ]; then
    while read -r kind key state; do
      [ "$kind" = "$1" ] && [ "$key" = "$2" ] && value=$state
    done <"$SIM_STATE"
  fi
  printf '%s\n' "$value"
}

# Appends a line under a lock: state lines are a log, the last one for a key wins.
state_append() {
  dir=$(dirname -- "$SIM_STATE")
  mkdir -p -- "$dir" || die 1 "cannot create $dir"
  tries=0
  until mkdir -- "$SIM_STATE.lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && die 1 "the state file $SIM_STATE is locked (remove $SIM_STATE.lock if no tool is running)"
    sleep 0.1
  done
  printf '%s\n' "$*" >>"$SIM_STATE"
  rmdir -- "$SIM_STATE.lock"
}

# The version production's users get: the image of the colour app-service selects.
serving_version() {
  if [ "$(state_of selector app-service blue)" = green ]; then
    state_of image app-green "$SIM_PREVIOUS"
  else
    state_of image app "$SIM_PREVIOUS"
  fi
}
