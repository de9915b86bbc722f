# Shared by the demo's simulated tools (rmht, maintenance, deploy). POSIX sh (dash): a packaged app has
# no Node to lend them (the RunAsNode fuse is off), and every machine that runs the console has a sh.
# Sourced, not executed: the caller sets DEMO_TOOL (its name) first.

DEMO_LIB=$(CDPATH= cd -- "$(dirname -- "$0")/lib" && pwd)
DEMO_FACTS="$DEMO_LIB/facts"
DEMO_STATE="${RELEASE_CONSOLE_DEMO_STATE:-${HOME:-/tmp}/.release-console-demo/state}"
# A multiplier for the simulated work's duration: 1 feels like the real tools, 0 is for tests.
DEMO_SPEED="${RELEASE_CONSOLE_DEMO_SPEED:-1}"
case "$DEMO_SPEED" in
  '' | *[!0-9.]* | *.*.*) DEMO_SPEED=1 ;;
esac

if [ -n "${NO_COLOR:-}" ]; then
  RED='' GREEN='' YELLOW='' BOLD='' DIM='' RESET=''
else
  RED=$(printf '\033[31m') GREEN=$(printf '\033[32m') YELLOW=$(printf '\033[33m')
  BOLD=$(printf '\033[1m') DIM=$(printf '\033[2m') RESET=$(printf '\033[0m')
fi

# Exit codes: 1 the operation failed, 2 the request was wrong (unknown region, package or handover).
die() {
  code=$1
  shift
  printf '%s%s: error: %s%s\n' "$RED" "$DEMO_TOOL" "$*" "$RESET" >&2
  exit "$code"
}

demo_pause() {
  [ "$DEMO_SPEED" = 0 ] && return 0
  sleep "$(awk -v s="$1" -v f="$DEMO_SPEED" 'BEGIN { printf "%.2f", s * f }')"
}

step() {
  printf '%s==>%s %s\n' "$DIM" "$RESET" "$*"
}

# RELEASE_CONSOLE_DEMO_FAIL="deploy rollback:USE2,maintenance enable" makes those runs fail on purpose,
# for rehearsing a failed rollback. A rule without ":REGION" matches every region. A rule ending "@once"
# ("deploy rollback:USE2@once") fails only the first matching run, remembered in the state file, so a
# rehearsal can see a retry succeed.
should_fail() {
  action=$1
  region=$2
  [ -n "${RELEASE_CONSOLE_DEMO_FAIL:-}" ] || return 1
  rest="$RELEASE_CONSOLE_DEMO_FAIL,"
  while [ -n "$rest" ]; do
    rule=${rest%%,*}
    rest=${rest#*,}
    once=no
    case "$rule" in *@once) once=yes rule=${rule%@once} ;; esac
    if [ "$rule" = "$action" ] || [ "$rule" = "$action:$region" ]; then
      [ "$once" = no ] && return 0
      done_once failed-once "$rule" && return 1
      state_append "failed-once $rule"
      return 0
    fi
  done
  return 1
}

# RELEASE_CONSOLE_DEMO_HANG="maintenance enable:S01" makes those runs hang deaf to SIGINT and SIGTERM, as a
# tool stuck on a lock does, for rehearsing Stop: only its SIGKILL ends them. Rules as for DEMO_FAIL, without @once.
# A rule ending "@Ns" ("deploy rollback:LON@6s") only holds that run N seconds, still hearing signals, then lets
# it go on: time to press Abort while a rollback command runs. "@Ns@once" ("deploy rollback:LON@3s@once") holds
# only the first matching run, remembered in the state file as @once failures are: the runs after it, a back-out's
# or a retry's, go on at once.
hang_if_asked() {
  [ -n "${RELEASE_CONSOLE_DEMO_HANG:-}" ] || return 0
  hang_rest="$RELEASE_CONSOLE_DEMO_HANG,"
  while [ -n "$hang_rest" ]; do
    hang_rule=${hang_rest%%,*}
    hang_rest=${hang_rest#*,}
    hang_for=
    hang_once=no
    case "$hang_rule" in *@*s@once) hang_once=yes hang_rule=${hang_rule%@once} ;; esac
    case "$hang_rule" in *@*s) hang_for=${hang_rule##*@} hang_for=${hang_for%s} hang_rule=${hang_rule%@*} ;; esac
    if [ -n "$hang_for" ] && { [ "$hang_rule" = "$1" ] || [ "$hang_rule" = "$1:$2" ]; }; then
      if [ "$hang_once" = yes ]; then
        done_once held-once "$hang_rule" && return 0
        state_append "held-once $hang_rule"
      fi
      step "waiting ${hang_for}s for the change lock on $2…"
      sleep "$hang_for"
      return 0
    fi
    if [ "$hang_rule" = "$1" ] || [ "$hang_rule" = "$1:$2" ]; then
      # Ignored signals stay ignored in the sleeps it starts, so the whole process group is deaf.
      trap '' INT TERM
      step "waiting for the change lock on $2…"
      while :; do sleep 1; done
    fi
  done
}

# True when a once-only rule already had its run: "failed-once RULE" (a failure) or "held-once RULE" (a hold)
# lines in the state file. Its own variable names: sh functions share their caller's variables.
done_once() {
  [ -f "$DEMO_STATE" ] || return 1
  while read -r once_kind once_rule; do
    [ "$once_kind" = "$1" ] && [ "$once_rule" = "$2" ] && return 0
  done <"$DEMO_STATE"
  return 1
}

# --- facts ---------------------------------------------------------------------------------------

region_sibling() {
  while read -r kind id sibling; do
    if [ "$kind" = region ] && [ "$id" = "$1" ]; then
      printf '%s\n' "$sibling"
      return 0
    fi
  done <"$DEMO_FACTS"
  return 1
}

regions() {
  while read -r kind id _; do
    [ "$kind" = region ] && printf '%s\n' "$id"
  done <"$DEMO_FACTS"
}

package_needs_maintenance() {
  while read -r kind name needs; do
    if [ "$kind" = package ] && [ "$name" = "$1" ]; then
      [ "$needs" = yes ]
      return
    fi
  done <"$DEMO_FACTS"
  return 2
}

is_package() {
  package_needs_maintenance "$1"
  [ $? -ne 2 ]
}

# fact KIND PACKAGE: the version of a `current` or `qa` fact, or nothing.
fact() {
  while read -r kind name version; do
    if [ "$kind" = "$1" ] && [ "$name" = "$2" ]; then
      printf '%s\n' "$version"
      return 0
    fi
  done <"$DEMO_FACTS"
}

need_region() {
  [ -n "$1" ] || die 2 "--region is required"
  region_sibling "$1" >/dev/null || die 2 "unknown region '$1' (known: $(echo $(regions)))"
}

need_package() {
  [ -n "$1" ] || die 2 "a package name is required"
  is_package "$1" || die 2 "unknown package '$1'"
}

# --- state: "maintenance REGION on|off" and "version REGION PACKAGE VERSION|-" lines -------------

maintenance_of() {
  value=off
  if [ -f "$DEMO_STATE" ]; then
    while read -r kind region state; do
      [ "$kind" = maintenance ] && [ "$region" = "$1" ] && value=$state
    done <"$DEMO_STATE"
  fi
  printf '%s\n' "$value"
}

# The version running in a region: what the tools deployed there, else what ran before the demo.
version_in() {
  value=$(fact current "$2")
  if [ -f "$DEMO_STATE" ]; then
    while read -r kind region name version; do
      [ "$kind" = version ] && [ "$region" = "$1" ] && [ "$name" = "$2" ] && value=$version
    done <"$DEMO_STATE"
  fi
  [ "$value" = - ] && value=
  printf '%s\n' "$value"
}

# Appends a line under a lock: state lines are a log, the last one for a key wins.
state_append() {
  dir=$(dirname -- "$DEMO_STATE")
  mkdir -p -- "$dir" || die 1 "cannot create $dir"
  tries=0
  until mkdir -- "$DEMO_STATE.lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && die 1 "the state file $DEMO_STATE is locked (remove $DEMO_STATE.lock if no tool is running)"
    sleep 0.1
  done
  printf '%s\n' "$*" >>"$DEMO_STATE"
  rmdir -- "$DEMO_STATE.lock"
}

# --- JSON output (--json): what the console's probes read ----------------------------------------

# A JSON string. State lines can be edited by hand, so quotes and backslashes are escaped and control
# characters dropped rather than trusted.
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# A JSON string, or null for an empty value.
json_string_or_null() {
  if [ -n "$1" ]; then json_string "$1"; else printf 'null'; fi
}
