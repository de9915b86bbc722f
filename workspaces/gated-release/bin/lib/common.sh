# Shared by this workspace's simulated tools (seed 003 names no tool of its own; see commands.yaml).
# POSIX sh, as the demo's (workspaces/demo/bin/lib/common.sh): not sourced from there, because the demo's
# library reads the demo's facts. Sourced, not executed: the caller sets TOOL (its name) first.

TOOL_LIB=$(CDPATH= cd -- "$(dirname -- "$0")/lib" && pwd)
TOOL_FACTS="$TOOL_LIB/facts"
# The console sets RELEASE_CONSOLE_DEMO_STATE to a file in the rehearsal's (or the demo's) data folder.
TOOL_STATE="${RELEASE_CONSOLE_DEMO_STATE:-${HOME:-/tmp}/.release-console-gated-release/state}"
# A multiplier for the simulated work's duration: 1 feels like the real tool, 0 is for tests.
TOOL_SPEED="${RELEASE_CONSOLE_DEMO_SPEED:-1}"
case "$TOOL_SPEED" in
  '' | *[!0-9.]* | *.*.*) TOOL_SPEED=1 ;;
esac

if [ -n "${NO_COLOR:-}" ]; then
  RED='' GREEN='' DIM='' BOLD='' RESET=''
else
  RED=$(printf '\033[31m') GREEN=$(printf '\033[32m') DIM=$(printf '\033[2m')
  BOLD=$(printf '\033[1m') RESET=$(printf '\033[0m')
fi

# Exit codes: 1 the operation failed, 2 the request was wrong (unknown region or package, bad version).
die() {
  code=$1
  shift
  printf '%s%s: error: %s%s\n' "$RED" "$TOOL" "$*" "$RESET" >&2
  exit "$code"
}

pause() {
  [ "$TOOL_SPEED" = 0 ] && return 0
  sleep "$(awk -v s="$1" -v f="$TOOL_SPEED" 'BEGIN { printf "%.2f", s * f }')"
}

step() {
  printf '%s==>%s %s\n' "$DIM" "$RESET" "$*"
}

# --- facts ---------------------------------------------------------------------------------------

regions() {
  while read -r kind id _; do
    [ "$kind" = region ] && printf '%s\n' "$id"
  done <"$TOOL_FACTS"
}

packages() {
  while read -r kind name _; do
    [ "$kind" = package ] && printf '%s\n' "$name"
  done <"$TOOL_FACTS"
}

# package_fact NAME FIELD: the package's kind (2) or the version it ran before the release (3).
package_fact() {
  while read -r kind name pkind before; do
    if [ "$kind" = package ] && [ "$name" = "$1" ]; then
      if [ "$2" = 2 ]; then printf '%s\n' "$pkind"; else printf '%s\n' "$before"; fi
      return 0
    fi
  done <"$TOOL_FACTS"
  return 1
}

need_region() {
  [ -n "$1" ] || die 2 "--region is required"
  for known in $(regions); do [ "$known" = "$1" ] && return 0; done
  die 2 "unknown region '$1' (known: $(echo $(regions)))"
}

need_package() {
  [ -n "$1" ] || die 2 "a package name is required"
  package_fact "$1" 2 >/dev/null || die 2 "unknown package '$1' (known: $(echo $(packages)))"
}

need_version() {
  case "$1" in
    '' | -* | *[!0-9A-Za-z.+_-]*) die 2 "'$1' is not a version" ;;
  esac
}

# --- state: "version REGION PACKAGE VERSION" lines, a log where the last line for a key wins --------

version_in() {
  value=$(package_fact "$2" 3)
  if [ -f "$TOOL_STATE" ]; then
    while read -r kind region name version; do
      [ "$kind" = version ] && [ "$region" = "$1" ] && [ "$name" = "$2" ] && value=$version
    done <"$TOOL_STATE"
  fi
  printf '%s\n' "$value"
}

state_append() {
  dir=$(dirname -- "$TOOL_STATE")
  mkdir -p -- "$dir" || die 1 "cannot create $dir"
  tries=0
  until mkdir -- "$TOOL_STATE.lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && die 1 "the state file $TOOL_STATE is locked (remove $TOOL_STATE.lock if no tool is running)"
    sleep 0.1
  done
  printf '%s\n' "$*" >>"$TOOL_STATE"
  rmdir -- "$TOOL_STATE.lock"
}
