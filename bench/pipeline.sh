#!/usr/bin/env bash
# The later stages over the laws + study corpus, each against a reference run
# on the same files in the same run:
#   citations  vs  rg -o extracting every 《…》 (a naive extractor, no resolution)
#   export qdpx vs  python3 zipfile deflating the same texts into one archive
#   report, snowball, graph  vs  one ripgrep scan of the corpus (`rg -c 的`)
#
#   bench/pipeline.sh                # release build
#   PROFILE=debug bench/pipeline.sh  # the dev build
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
catalog=../shared/domain/catalog.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
P() { "$ps" --quiet --project "$work/p" "$@"; }
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); python3 -c "print($e - $s)"; }
ratio() { python3 -c "print(f'{$1:8.2f} s = {$1 / $2:6.1f} x the reference ({$2:.2f} s)')"; }

P import --init "$corpus/laws" "$corpus/study" --catalog "$catalog" >/dev/null
P code run --codebook builtin:study >/dev/null

scan=$(t rg -c --no-messages '的' "$corpus/laws" "$corpus/study")
naive=$(t rg -o --no-messages '《[^《》\n]{1,120}》' "$corpus/laws" "$corpus/study")
cold=$(t P cite list --catalog "$catalog" --json)
warm=$(t P cite list --catalog "$catalog" --json)
seed=$(P docs list --json | python3 -c 'import json,sys; print(next(d["id"] for d in json.load(sys.stdin) if d.get("catalog_no") == "08" and d["language"] == "zh"))')
snow=$(t P snowball --seed "$seed" --rules crates/cite/rules/study.toml --catalog "$catalog" --no-save)
graph=$(t P graph --format graphml -o "$work/g.graphml" --catalog "$catalog")
report=$(t P report --out "$work/report")
export_t=$(t P export qdpx "$work/p.qdpx")
zip_ref=$(t python3 - "$work/p" <<'PY'
import sqlite3, sys, zipfile, io
db = sqlite3.connect(sys.argv[1] + "/policyscope.db")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for i, text in db.execute("SELECT id, text FROM documents WHERE superseded = 0"):
        z.writestr(f"sources/{i}.txt", text)
PY
)
"$ps" --quiet --project "$work/q" init >/dev/null
import_t=$(t "$ps" --quiet --project "$work/q" import "$work/p.qdpx")

refs=$(P cite list --catalog "$catalog" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), sum(x["status"]=="resolved" for x in r))')
echo "profile $profile; $(P docs list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') documents; references, resolved: $refs"
echo "cite list (extract + resolve, cold): $(ratio "$cold" "$naive")  [ref: rg -o 《…》]"
echo "cite list (stored):                  $(ratio "$warm" "$naive")"
echo "snowball from study 08:              $(ratio "$snow" "$scan")  [ref: rg scan]"
echo "graph → GraphML:                     $(ratio "$graph" "$scan")"
echo "report (static site):                $(ratio "$report" "$scan")"
echo "export qdpx:                         $(ratio "$export_t" "$zip_ref")  [ref: python zipfile of the texts]"
echo "import qdpx into a new project:      $(ratio "$import_t" "$scan")  [ref: rg scan]"
