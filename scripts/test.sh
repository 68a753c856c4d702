#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests
# (including those over ../shared/corpus), and the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
if [ -x e2e/run.sh ]; then
  e2e/run.sh
fi
