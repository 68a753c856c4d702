#!/usr/bin/env bash
# Auto-coding throughput against ripgrep searching the same literal terms.
#
#   bench/coding.sh [CORPUS_DIR] [PROJECT_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus/laws. PROJECT_DIR (default: a
# temporary folder) is created and the corpus imported into it when it holds
# no project yet; the import is not timed. Then, with warm caches, it times
#   policyscope code run --codebook builtin:study --force   (one pass per document:
#       read text and passages from SQLite, Aho–Corasick over all terms,
#       units, exclusions, diff against stored codings, write)
#   rg -F -f terms.txt --count-matches CORPUS_DIR   (the same literal terms)
#   rg -j1 …                                        (ripgrep on one thread,
#       as policyscope codes on one)
# and prints the best of RUNS runs of each and the ratios.
# POLICYSCOPE (default target/release/policyscope, else target/debug) picks
# the binary; say which one you measured when you record the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpus/laws}"
if [[ -n "${2:-}" ]]; then
  project="$2"
else
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  project="$scratch/bench-project"
fi
runs="${RUNS:-5}"
bin="${POLICYSCOPE:-}"
if [[ -z "$bin" ]]; then
  if [[ -x "$here/target/release/policyscope" ]]; then bin="$here/target/release/policyscope"; else bin="$here/target/debug/policyscope"; fi
fi
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install -y ripgrep" >&2; exit 1; }
[[ -x "$bin" ]] || { echo "no policyscope binary at $bin (cargo build -p policyscope-cli)" >&2; exit 1; }

if [[ ! -f "$project/policyscope.db" ]]; then
  "$bin" -q init "$project" >/dev/null
  "$bin" --project "$project" -q import "$corpus" >/dev/null
fi
terms="$(mktemp)"
"$bin" code terms builtin:study > "$terms"

best() { # best wall time in seconds of "$@" over $runs runs
  local b=""
  for _ in $(seq "$runs"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [[ -z "$b" ]] || (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  printf '%.3f' "$b"
}

find "$corpus" -type f -exec cat {} + >/dev/null   # warm the page cache
ps=$(best "$bin" --project "$project" -q code run --codebook builtin:study --force)
rg_mt=$(best rg -F -f "$terms" --count-matches "$corpus")
rg_1=$(best rg -j1 -F -f "$terms" --count-matches "$corpus")
docs=$("$bin" --project "$project" docs list --json | grep -c '"id"')
mb=$(du -sm "$corpus" | cut -f1)
echo "corpus: $corpus ($docs documents, ${mb} MB); terms: $(wc -l < "$terms"); binary: $bin"
echo "policyscope code run --force: ${ps}s"
echo "rg -F -f terms.txt:           ${rg_mt}s"
echo "rg -j1 -F -f terms.txt:       ${rg_1}s"
echo "ratio policyscope / rg:       $(echo "scale=2; $ps / $rg_mt" | bc -l)"
echo "ratio policyscope / rg -j1:   $(echo "scale=2; $ps / $rg_1" | bc -l)"
rm -f "$terms"
