#!/bin/sh
# Browser end-to-end tests: builds the policyscope binary, installs
# playwright-core (driver only; the browser is the system's Chromium) and runs
# the specs with node's built-in test runner. Screenshots go to e2e/artifacts/.
#
# Needs: node >= 20, npm, chromium (Debian: apt-get install -y chromium).
# Environment: CHROMIUM (default /usr/bin/chromium), POLICYSCOPE_BIN (default:
# the debug build of this checkout).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
if [ -z "${POLICYSCOPE_BIN:-}" ]; then
    cargo build -q -p policyscope-cli
    POLICYSCOPE_BIN="$root/target/debug/policyscope"
fi
export POLICYSCOPE_BIN
cd "$here"
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund
fi
mkdir -p artifacts
exec node --test --test-concurrency=1 --test-reporter=spec ./*.spec.mjs
