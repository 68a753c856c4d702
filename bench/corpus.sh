#!/usr/bin/env bash
# Import and search over the laws corpus, as ratios against ripgrep reading and
# searching the same files in the same run (the machine is noisy: the ratios
# mean more than the seconds).
#
#   bench/corpus.sh                # release build
#   PROFILE=debug bench/corpus.sh  # the dev build
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

t0=$(now); rg -c --no-messages '的' "$corpus/laws" "$corpus/study" >/dev/null; t1=$(now)
ref_scan=$(secs "$t0" "$t1")
t0=$(now); "$ps" --quiet --project "$work/p" import --init "$corpus/laws" "$corpus/study" >/dev/null; t1=$(now)
import=$(secs "$t0" "$t1")
t0=$(now); "$ps" --quiet --project "$work/p" import "$corpus/laws" "$corpus/study" >/dev/null; t1=$(now)
reimport=$(secs "$t0" "$t1")
docs=$("$ps" --quiet --project "$work/p" docs list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

queries=('"个人信息保护"' '人工智能' '数据 AND 安全' '"标准化"' '知识产权 OR 专利')
rg_patterns=('个人信息保护' '人工智能' '数据.*安全' '标准化' '知识产权|专利')
runs=5
took="$work/took"
: > "$took"
t0=$(now)
for _ in $(seq $runs); do for q in "${queries[@]}"; do
  "$ps" --quiet --project "$work/p" search "$q" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["took_ms"])' >> "$took"
done; done
t1=$(now)
search=$(secs "$t0" "$t1")
in_process=$(python3 -c 'import sys; v=[float(x) for x in open(sys.argv[1])]; print(sum(v)/len(v))' "$took")
t0=$(now)
for _ in $(seq $runs); do for q in "${rg_patterns[@]}"; do rg -l --no-messages "$q" "$corpus/laws" "$corpus/study" >/dev/null; done; done
t1=$(now)
ref_search=$(secs "$t0" "$t1")
n=$((runs * ${#queries[@]}))
printf 'documents: %s (profile %s)\n' "$docs" "$profile"
printf 'import:      %6.2f s   = %5.1f x  rg scanning the same files (%.2f s)\n' "$import" "$(echo "$import / $ref_scan" | bc -l)" "$ref_scan"
printf 're-import:   %6.2f s   = %5.1f x  rg scan\n' "$reimport" "$(echo "$reimport / $ref_scan" | bc -l)"
printf 'search:      %6.1f ms per query (process start included) = %5.2f x  rg -l per query (%.1f ms)\n' \
  "$(echo "$search * 1000 / $n" | bc -l)" "$(echo "$search / $ref_search" | bc -l)" "$(echo "$ref_search * 1000 / $n" | bc -l)"
printf 'search:      %6.1f ms per query inside the process (took_ms) = %5.2f x  rg -l per query\n' \
  "$in_process" "$(echo "$in_process / ($ref_search * 1000 / $n)" | bc -l)"
