#!/usr/bin/env bash
# `npm test`: everything CI runs. Installs Debian's Chromium when it is missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

# Chromium is needed only by the end-to-end tests: on a fresh machine it installs (about 30 s, mostly download and
# dpkg, little CPU) while the build, the static checks and Vitest run, and the run waits for it before the browser.
CHROMIUM_INSTALL_PID=""
CHROMIUM_INSTALL_LOG="$(mktemp -t release-console-chromium-install-XXXXXX.log)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "npm test: installing Debian's chromium (needed by the end-to-end tests) beside the build and the unit tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >"$CHROMIUM_INSTALL_LOG" 2>&1 &
    CHROMIUM_INSTALL_PID=$!
  else
    echo "npm test: /usr/bin/chromium is missing. Install Debian's chromium (sudo apt-get install chromium) and run again." >&2
    exit 1
  fi
fi
if ! command -v moto_server >/dev/null; then
  echo "npm test: moto_server (Python moto 5 with Flask) is not on PATH; the CloudWatch integration tests need it." >&2
  exit 1
fi

mkdir -p test-results
rm -f test-results/*.json

# The shells the tests open start as the operator's would, reading ~/.bashrc, and a machine's rc files are
# not the suite's: one here runs `pyenv rehash`, whose lock, left behind by a shell killed while starting
# (as the pty-host and SIGKILL tests do), made every later shell wait 60 s for it. The run gets a home of
# its own; pyenv keeps its root, so moto_server is still found.
export PYENV_ROOT="${PYENV_ROOT:-$HOME/.pyenv}"
TEST_HOME="$(mktemp -d -t release-console-test-home-XXXXXX)"
trap 'rm -rf "$TEST_HOME" "$CHROMIUM_INSTALL_LOG"' EXIT
export HOME="$TEST_HOME"
# A desk shows recorded times in its own zone, named ("expires 10:56 UTC"), and the specs read them so: the
# suite runs in UTC whatever zone the machine is set to.
export TZ=UTC

echo "== build"
node scripts/build.mjs
# The static checks read the code and nothing else, each on one core: side by side they take 37 s of a run
# instead of 54. Each one's output is shown whole, under its name, in this order; the run stops after all of
# them if any failed.
CHECKS_DIR="$(mktemp -d -t release-console-checks-XXXXXX)"
CHECK_NAMES=(typecheck-node typecheck-web typecheck-test lint electronegativity)
declare -A CHECKS=(
  [typecheck-node]="npx tsc -p tsconfig.node.json"
  [typecheck-web]="npx tsc -p tsconfig.web.json"
  [typecheck-test]="npx tsc -p tsconfig.test.json"
  [lint]="npx eslint --max-warnings 0 ."
  [electronegativity]="node scripts/electronegativity.mjs"
)
declare -A CHECK_PIDS=()
for name in "${CHECK_NAMES[@]}"; do
  bash -c "${CHECKS[$name]}" >"$CHECKS_DIR/$name.log" 2>&1 &
  CHECK_PIDS[$name]=$!
done
CHECKS_FAILED=()
for name in "${CHECK_NAMES[@]}"; do
  if wait "${CHECK_PIDS[$name]}"; then echo "== $name: passed"; else echo "== $name: FAILED"; CHECKS_FAILED+=("$name"); fi
  cat "$CHECKS_DIR/$name.log"
done
rm -rf "$CHECKS_DIR"
if [ "${#CHECKS_FAILED[@]}" -gt 0 ]; then
  echo "npm test: ${CHECKS_FAILED[*]} failed (above)." >&2
  exit 1
fi
echo "== unit and integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
if [ -n "$CHROMIUM_INSTALL_PID" ]; then
  if ! wait "$CHROMIUM_INSTALL_PID" || [ ! -x /usr/bin/chromium ]; then
    cat "$CHROMIUM_INSTALL_LOG" >&2
    echo "npm test: installing Debian's chromium failed (its output is above); the end-to-end tests need /usr/bin/chromium." >&2
    exit 1
  fi
  echo "npm test: chromium installed."
fi
rm -f "$CHROMIUM_INSTALL_LOG"
echo "== end to end in Chromium (browser mode)"
npx playwright test -c test/e2e/playwright.config.ts
echo "== end to end in Electron"
npx playwright test -c test/electron/playwright.config.ts
node scripts/test-summary.mjs
