# Shared by seed 001's simulated tools (kubectl, scripts/*.sh). POSIX sh (dash), like the demo's
# (workspaces/demo/bin/lib/common.sh, whose conventions it keeps: the same state and speed variables, exit
# 2 for a wrong request, DEMO_FAIL rules). A workspace folder stands alone, so it carries its own.
# Sourced, not executed: the caller sets TOOL (its name) and CLUSTER_LIB (this folder) first.

CLUSTER_FACTS="$CLUSTER_LIB/facts"
# The console sets the state file under its data folder (main/console.ts); a run outside it keeps its own.
CLUSTER_STATE="${RELEASE_CONSOLE_DEMO_STATE:-${HOME:-/tmp}/.release-console-canary/state}"
SPEED="${RELEASE_CONSOLE_DEMO_SPEED:-1}"
case "$SPEED" in
  '' | *[!0-9.]* | *.*.*) SPEED=1 ;;
esac

if [ -n "${NO_COLOR:-}" ]; then
  RED='' GREEN='' YELLOW='' BOLD='' DIM='' RESET=''
else
  RED=$(printf '\033[31m') GREEN=$(printf '\033[32m') YELLOW=$(printf '\033[33m')
  BOLD=$(printf '\033[1m') DIM=$(printf '\033[2m') RESET=$(printf '\033[0m')
fi

# Exit codes: 1 the operation failed, 2 the request was wrong (usage, unknown context or deployment).
die() {
  code=$1
  shift
  printf '%s%s%s\n' "$RED" "$*" "$RESET" >&2
  exit "$code"
}

pause() {
  [ "$SPEED" = 0 ] && return 0
  sleep "$(awk -v s="$1" -v f="$SPEED" 'BEGIN { printf "%.2f", s * f }')"
}

# RELEASE_CONSOLE_DEMO_FAIL="kubectl rollout undo:prod-euw1,kubectl rollout status" fails those runs on
# purpose (a rule without ":REGION" matches every region), for rehearsing a failed step or rollback.
should_fail() {
  [ -n "${RELEASE_CONSOLE_DEMO_FAIL:-}" ] || return 1
  fail_rest="$RELEASE_CONSOLE_DEMO_FAIL,"
  while [ -n "$fail_rest" ]; do
    fail_rule=${fail_rest%%,*}
    fail_rest=${fail_rest#*,}
    [ "$fail_rule" = "$1" ] || [ "$fail_rule" = "$1:$2" ] && return 0
  done
  return 1
}

# The kube context: the region's terminal says which cluster (RELEASE_CONSOLE_REGION); --context overrides.
need_context() {
  [ -n "$1" ] || die 2 "error: no context is set: run from a region's terminal (RELEASE_CONSOLE_REGION) or pass --context"
  while read -r kind id _; do
    [ "$kind" = context ] && [ "$id" = "$1" ] && return 0
  done <"$CLUSTER_FACTS"
  die 2 "error: context \"$1\" does not exist (known: $(contexts))"
}

contexts() {
  known=
  while read -r kind id _; do
    [ "$kind" = context ] && known="${known:+$known }$id"
  done <"$CLUSTER_FACTS"
  printf '%s\n' "$known"
}

# deployment_fact NAME FIELD (container, replicas, image): what ran before the rehearsal, or nothing.
deployment_fact() {
  while read -r kind name container replicas image; do
    [ "$kind" = deployment ] && [ "$name" = "$1" ] || continue
    case "$2" in
      container) printf '%s\n' "$container" ;;
      replicas) printf '%s\n' "$replicas" ;;
      image) printf '%s\n' "$image" ;;
    esac
    return 0
  done <"$CLUSTER_FACTS"
  return 1
}

deployments() {
  while read -r kind name _; do
    [ "$kind" = deployment ] && printf '%s\n' "$name"
  done <"$CLUSTER_FACTS"
}

# --- state: "image CONTEXT DEPLOYMENT IMAGE" (one line per revision) and "replicas CONTEXT DEPLOYMENT N" ---

# The deployment's revisions in a context, oldest first: the image it ran before, then each image set.
revisions() {
  deployment_fact "$2" image
  if [ -f "$CLUSTER_STATE" ]; then
    while read -r kind context name image; do
      [ "$kind" = image ] && [ "$context" = "$1" ] && [ "$name" = "$2" ] && printf '%s\n' "$image"
    done <"$CLUSTER_STATE"
  fi
}

image_of() {
  revisions "$1" "$2" | tail -n 1
}

replicas_of() {
  value=$(deployment_fact "$2" replicas)
  if [ -f "$CLUSTER_STATE" ]; then
    while read -r kind context name count; do
      [ "$kind" = replicas ] && [ "$context" = "$1" ] && [ "$name" = "$2" ] && value=$count
    done <"$CLUSTER_STATE"
  fi
  printf '%s\n' "$value"
}

# Appends a line under a lock: state lines are a log, the last one for a key wins.
state_append() {
  dir=$(dirname -- "$CLUSTER_STATE")
  mkdir -p -- "$dir" || die 1 "$TOOL: cannot create $dir"
  tries=0
  until mkdir -- "$CLUSTER_STATE.lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 100 ] && die 1 "$TOOL: the state file $CLUSTER_STATE is locked (remove $CLUSTER_STATE.lock if no tool is running)"
    sleep 0.1
  done
  printf '%s\n' "$*" >>"$CLUSTER_STATE"
  rmdir -- "$CLUSTER_STATE.lock"
}

# The tag of an image (registry.example.com/api-server:v1.2.3 → v1.2.3).
version_of() {
  printf '%s\n' "${1##*:}"
}
