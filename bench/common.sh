# Sourced by the bench scripts: builds policyscope for $PROFILE (release by
# default) and sets `profile`, `ps` (the binary) and `corpus`; checks that
# ripgrep, the reference tool, is there. PS=<binary> measures that binary
# instead, without building.
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
if [ -n "${PS:-}" ]; then
  ps=$PS
  profile="$profile (PS=$PS)"
else
  if [ "$profile" = release ]; then cargo build --release -q -p policyscope-cli; else cargo build -q -p policyscope-cli; fi
  ps="target/$profile/policyscope"
fi
corpus=../shared/corpus
command -v rg >/dev/null || { echo "ripgrep (rg) is needed as the reference" >&2; exit 1; }
