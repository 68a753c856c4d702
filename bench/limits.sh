#!/usr/bin/env bash
# Hostile and large inputs, measured: the figures behind the input limits.
#   - import of HTML nested 1k, 10k, 30k, 100k elements deep (refused past 256)
#   - peak memory of importing one large text file, as a multiple of its size
#   - `code check` of a codebook with 100k terms, and of a 10k-deep parent chain
# Each line prints wall time and peak RSS (from /usr/bin/time -v).
#
#   bench/limits.sh                 release build, a 200 MB text file
#   PROFILE=debug MB=50 bench/limits.sh
#   PS=/path/to/older/policyscope bench/limits.sh   (the same inputs through another build)
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install -y time)" >&2; exit 1; }
mb=${MB:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure LABEL CMD...: wall seconds and peak RSS in MB; the command may fail (refusals are expected).
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
  printf '%-44s %10s %8s MB  %s\n' "$label" "$wall" "$rss" "$(tail -c 120 "$work/err" | tr '\n' ' ')"
}

echo "profile: $profile"
printf '%-44s %10s %11s  %s\n' "input" "wall" "peak RSS" "last message"
for depth in 1000 10000 30000 100000; do
  mkdir -p "$work/html$depth"
  python3 -c "import sys; d=int(sys.argv[1]); print('<html><body>' + '<div>' * d + '正文' + '</div>' * d + '</body></html>')" \
    "$depth" > "$work/html$depth/deep.html"
  measure "import HTML nested $depth deep" "$ps" --project "$work/p-html$depth" --quiet import --init "$work/html$depth"
done

mkdir -p "$work/big"
python3 - "$mb" "$work/big/big.txt" <<'PY'
import sys
mb, path = int(sys.argv[1]), sys.argv[2]
line = "第一条 为了规范人工智能标准化工作，促进数据安全和个人信息保护，制定本办法。\n"
with open(path, "w", encoding="utf-8") as f:
    f.write("关于大文件的测试办法\n")
    for _ in range(mb * 1024 * 1024 // len(line.encode("utf-8"))):
        f.write(line)
PY
measure "import one ${mb} MB text file" "$ps" --project "$work/p-big" --quiet import --init \
  --max-file-size $((mb + 16)) "$work/big"
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
python3 -c "import sys; print(f'  peak RSS / file size: {int(sys.argv[1]) / 1024 / int(sys.argv[2]):.1f}x')" "$rss" "$mb"

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
head = '[codebook]\nname = "t"\nversion = 1\n'
terms = ", ".join(f'"词{i:06d}"' for i in range(100_000))
open(f"{work}/terms.toml", "w").write(
    head + f'\n[[code]]\nname = "A"\ndescription = "d"\n[[code.rule]]\nterms = [{terms}]\n')
chain = [head]
for i in range(10_000):
    chain.append(f'\n[[code]]\nname = "c{i}"\ndescription = "d"\n' + (f'parent = "c{i-1}"\n' if i else ""))
open(f"{work}/chain.toml", "w").write("".join(chain))
PY
measure "code check: 100k terms" "$ps" --project "$work/p-big" --quiet code check --codebook "$work/terms.toml"
measure "code check: 10k-deep parent chain (refused)" "$ps" --project "$work/p-big" --quiet code check --codebook "$work/chain.toml"
