#!/usr/bin/env bash
# Runs the whole policyscope pipeline on the bundled example corpus:
# import → search → citations and snowball → auto-coding → queries → report.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p policyscope-cli
ps=target/release/policyscope
out=${1:-demo-project}
rm -rf "$out"
run() { echo "+ policyscope $*" >&2; "$ps" --project "$out" "$@"; }
run init
run import examples/corpus --catalog examples/catalog.tsv
run docs list
run search '"团体标准"'
if run cite list >/dev/null 2>&1; then
  run cite list
  seed=$("$ps" --project "$out" docs list --json | python3 -c 'import json,sys; print(next(d["id"] for d in json.load(sys.stdin) if d["title"].startswith("关于印发")))' 2>/dev/null || echo 1)
  run snowball --seed "$seed"
  run graph --format svg -o "$out/graph.svg"
fi
if run code run --codebook study; then
  run query table
fi
if run report --out "$out/report"; then
  echo
  echo "Report: $out/report/index.html"
  echo "Browse and review: $ps --project $out serve"
fi
