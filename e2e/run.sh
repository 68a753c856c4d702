#!/bin/sh
# Browser end-to-end tests: builds the policyscope binary, installs
# playwright-core (driver only; the browser is the system's Chromium) and runs
# the specs with node's built-in test runner, one file after another.
# Screenshots go to e2e/artifacts/.
#
# Needs: Node.js 18.19 or newer (Debian 12's nodejs 18.20 works) with npm, and
# Chromium (Debian: apt-get install -y chromium); scripts/setup.sh installs
# them. A missing one fails the run with a message saying what to install.
# Environment: CHROMIUM (default /usr/bin/chromium), POLICYSCOPE_BIN (default:
# the debug build of this checkout), POLICYSCOPE_E2E_SITE (a report to
# open, e.g. the whole shared corpus's; required — scripts/test.sh sets it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

fail() { echo "e2e: $*" >&2; exit 1; }
command -v node >/dev/null 2>&1 || fail "node is missing: run scripts/setup.sh (Debian: apt-get install -y nodejs npm)"
command -v npm >/dev/null 2>&1 || fail "npm is missing: run scripts/setup.sh (Debian: apt-get install -y npm)"
# 18.19 is the first Node 18 whose test runner has --test-concurrency.
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)' \
    || fail "Node.js $(node --version) is too old: Node 18.19 or newer is needed (Debian 12: apt-get install -y nodejs)"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "Chromium is missing at $chromium: run scripts/setup.sh (Debian: apt-get install -y chromium) or set CHROMIUM"
export CHROMIUM="$chromium"

if [ -z "${POLICYSCOPE_BIN:-}" ]; then
    cargo build -q -p policyscope-cli
    POLICYSCOPE_BIN="$root/target/debug/policyscope"
fi
[ -x "$POLICYSCOPE_BIN" ] || fail "no policyscope binary at $POLICYSCOPE_BIN"
export POLICYSCOPE_BIN
cd "$here"
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund
fi
mkdir -p artifacts
# One spec file at a time: two specs never share the machine's cores or a browser.
exec node --test --test-concurrency=1 --test-reporter=spec ./*.spec.mjs
