#!/bin/sh
# Learning from the coders over the laws corpus: a project of
# ../shared/corpus/laws + study auto-coded with the study codebook, the judged
# fixture (crates/coding/tests/judged/sentences.tsv) stored as coder `judge`,
# then timed: `code evaluate` of the study codebook against it, `code learn`
# on the judged sentences only and on every sentence of the judged documents,
# and `code suggest` over every document. Reference: `rg -c 的` over the same
# folders in the same run. PROFILE=debug measures the debug build.
set -eu
. "$(dirname "$0")/common.sh"
proj=target/bench-learn
rm -rf "$proj"
"$ps" init "$proj" >/dev/null
"$ps" --project "$proj" --quiet import "$corpus/laws" "$corpus/study" >/dev/null 2>&1 || true
"$ps" --project "$proj" --quiet code run --codebook builtin:study >/dev/null
"$ps" --project "$proj" --quiet code import-judgements crates/coding/tests/judged/sentences.tsv --coder judge
docs=$("$ps" --project "$proj" --json docs list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

secs() { python3 -c 'import sys,time; print(f"{time.time()-float(sys.argv[1]):.2f}")' "$1"; }
now() { python3 -c 'import time; print(time.time())'; }
t=$(now); rg -c 的 "$corpus/laws" "$corpus/study" >/dev/null; ref=$(secs "$t")
t=$(now); "$ps" --project "$proj" --quiet code evaluate --against judge --decided-only >/dev/null; ev=$(secs "$t")
t=$(now); "$ps" --project "$proj" --quiet code learn --decided-only --seed 1 >"$proj/learn-decided.txt" 2>&1 || true; ld=$(secs "$t")
t=$(now); "$ps" --project "$proj" --quiet code learn --seed 1 >"$proj/learn-all.txt" 2>&1 || true; la=$(secs "$t")
t=$(now); "$ps" --project "$proj" --json code suggest > "$proj/suggest.json"; sg=$(secs "$t")
echo "profile: $profile; $docs documents"
echo "rg -c 的 (reference): ${ref} s"
echo "code evaluate --against judge --decided-only: ${ev} s"
echo "code learn --decided-only (last run: judged sentences): ${ld} s"
echo "code learn (every sentence of the judged documents): ${la} s"
echo "code suggest (latest models, every document): ${sg} s"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("suggest:", s)' "$proj/suggest.json"
echo "--- learn --decided-only (cross-validated, 5 folds)"; cat "$proj/learn-decided.txt"
echo "--- learn (every sentence of the judged documents)"; cat "$proj/learn-all.txt"
