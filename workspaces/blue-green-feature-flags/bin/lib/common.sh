# Shared by seed 004's simulated tools (npm, gh). POSIX sh (dash), as the demo's tools: a packaged app has
# no Node to lend them. Sourced, not executed: the caller sets SIM_TOOL (its name) first.
# They reach nothing: the production "world" is a state file, so a rehearsal may run them (rehearsalSafe).

# The same state variable the demo's tools read: the console points it into its data folder.
SIM_STATE="${RELEASE_CONSOLE_DEMO_STATE:-${HOME:-/tmp}/.release-console-demo/blue-green-feature-flags.state}"
# A multiplier for the simulated work's duration: 1 feels like the real tools, 0 is for tests.
SIM_SPEED="${RELEASE_CONSOLE_DEMO_SPEED:-1}"
case "$SIM_SPEED" in
  '' | *[!0-9.]* | *.*.*) SIM_SPEED=1 ;;
esac

# What ran before the release (releases.yaml: api-service currentVersion v1.2.2; staging auto-deployed
# v1.2.3 when the release branch was merged to main).
BLUE_AT_START=v1.2.2
STAGING_AT_START=v1.2.3

if [ -n "${NO_COLOR:-}" ]; then
  RED='' GREEN='' BOLD='' DIM='' RESET=''
else
  RED=$(printf '\033[31m') GREEN=$(printf '\033[32m')
  BOLD=$(printf '\033[1m') DIM=$(printf '\033[2m') RESET=$(printf '\033[0m')
fi

# Exit codes: 1 the operation failed, 2 the request was wrong: each tool's usage() says why and how it is called.
die() {
  code=$1
  shift
  printf '%s%s: error: %s%s\n' "$RED" "$SIM_TOOL" "$*" "$RESET" >&2
  exit "$code"
}

pause() {
  [ "$SIM_SPEED" = 0 ] && return 0
  sleep "$(awk -v s="$1" -v f="$SIM_SPEED" 'BEGIN { printf "%.2f", s * f }')"
}

step() {
  printf '%s==>%s %s\n' "$DIM" "$RESET" "$*"
}

ok() {
  printf '%s✔ %s%s\n' "$GREEN$BOLD" "$*" "$RESET"
}

need_version() {
  case "$1" in
    v[0-9]*.[0-9]*.[0-9]*) ;;
    *) usage "'$1' is not a version (like v1.2.3)" ;;
  esac
  case "$1" in *[!0-9A-Za-z.-]*) usage "'$1' is not a version (like v1.2.3)" ;; esac
}

# --- state: "KEY VALUE" lines, a log where the last line for a key wins ---------------------------
# Keys: blue (the version serving production), green (the version beside it), traffic (green's share
# of production traffic, %), flag:NAME (CITY:PERCENT, or off).

state_get() {
  value=$2
  if [ -f "$SIM_STATE" ]; then
    while read -r key rest; do
      [ "$key" = "$1" ] && value=$rest
    done <"$SIM_STATE"
  fi
  printf '%s\n' "$value"
}

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

blue() { state_get blue "$BLUE_AT_START"; }
green() { state_get green -; }
traffic() { state_get traffic 0; }

# The flags set so far, one "NAME VALUE" line each (last value wins).
flags() {
  [ -f "$SIM_STATE" ] || return 0
  grep '^flag:' "$SIM_STATE" | sed 's/^flag://' | awk '{ last[$1] = $2; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } } END { for (i = 1; i <= n; i++) print order[i], last[order[i]] }'
}
