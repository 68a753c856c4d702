#!/usr/bin/env bash
# Runs the whole policyscope pipeline on the bundled example corpus:
# import → search → citations and snowball → auto-coding → queries → frame → report.
#
#   scripts/demo.sh [PROJECT_DIR]      (default: demo-project)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p policyscope-cli
ps=target/release/policyscope
out=${1:-demo-project}
catalog=examples/catalog.tsv
rm -rf "$out"
run() { echo "+ policyscope $*" >&2; "$ps" --project "$out" "$@"; }
run init
run import examples/corpus --catalog "$catalog"
run docs list
run search '"团体标准"'
run cite list --catalog "$catalog"
# The action-plan notice (catalog number 02) is the seed of the snowball.
run snowball --seed no:02 --catalog "$catalog"
run graph --format svg -o "$out/graph.svg" --catalog "$catalog"
run code run --codebook builtin:study
run query table
# The analytical frame: actors, standards and roles found in the documents.
run mentions run
run mentions list --kind standard
run query roles
run query nis
run report --out "$out/report"
echo
echo "Report: $out/report/index.html"
echo "Browse and review: $ps --project $out serve"
