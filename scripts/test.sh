#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests
# (including those over ../shared/corpus, and those of team mode against a
# throw-away PostgreSQL server), the report of the whole shared
# corpus (every link checked), and the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
for need in ../shared/corpus/laws ../shared/corpus/study ../shared/domain/catalog.tsv; do
  [ -e "$need" ] || { echo "test: $need is missing (the shared corpus must sit beside the repository)" >&2; exit 1; }
done
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

# A throw-away PostgreSQL server for the team-mode tests, stopped (and its
# cluster deleted) when this script ends, whether the tests pass or not.
work=""
cleanup() {
  scripts/pg-test-server.sh stop || true
  [ -z "$work" ] || rm -rf "$work"
}
trap cleanup EXIT
POLICYSCOPE_TEST_POSTGRES=$(scripts/pg-test-server.sh start)
export POLICYSCOPE_TEST_POSTGRES
cargo test --workspace --locked

# The static report of the laws and study corpus, coded with the study
# codebook: it builds, every internal link resolves, and (below) Chromium opens
# it without console errors.
work=$(mktemp -d)
ps="target/debug/policyscope --project $work/laws --quiet"
$ps import --init ../shared/corpus/laws ../shared/corpus/study --catalog ../shared/domain/catalog.tsv
$ps code run --codebook builtin:study
$ps report --out "$work/laws/report"
POLICYSCOPE_CHECK_SITE="$work/laws/report" cargo test --locked -p policyscope-report --test site -- --ignored

POLICYSCOPE_E2E_SITE="$work/laws/report" e2e/run.sh
