#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust, when it is missing, and fails
# with a clear message when it cannot:
#   - Debian packages: xmllint (REFI-QDA schema checks), Chromium and a CJK
#     font (browser end-to-end tests), Node.js >= 18.19 with npm (their runner),
#     python3-venv (when the venv module is missing); poppler-utils,
#     libreoffice-writer-nogui, fonts-wqy-zenhei, tesseract-ocr and
#     tesseract-ocr-chi-sim (PDF, Word and OFD import and their fixtures);
#     postgresql (a throw-away server for the team-mode tests);
#   - a project virtual environment `.venv` with the pinned Python packages of
#     scripts/requirements.txt (networkx, numpy, scipy: the GraphML and
#     PageRank checks). The system interpreter is never given packages.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "setup: $*" >&2; exit 1; }

command -v cargo >/dev/null 2>&1 || fail "cargo is missing: install Rust 1.89 or newer (https://rustup.rs)"
for component in rustfmt clippy; do
  sub=${component/rustfmt/fmt}
  if ! cargo "$sub" --version >/dev/null 2>&1; then
    command -v rustup >/dev/null 2>&1 || fail "cargo $sub is missing: install the Rust component $component"
    rustup component add "$component" || fail "could not add the Rust component $component"
  fi
done
command -v python3 >/dev/null 2>&1 || need_python=1

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# Published formats: PDF reader, LibreOffice for .doc and the format fixtures,
# a CJK font to embed, OCR with Simplified Chinese.
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v fc-list >/dev/null 2>&1 || need_apt+=(fontconfig)
fc-list : family 2>/dev/null | grep -i "wenquanyi zen hei" >/dev/null || need_apt+=(fonts-wqy-zenhei)
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
compgen -G "/usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata" >/dev/null || need_apt+=(tesseract-ocr-chi-sim)
# PostgreSQL for the team-mode tests (scripts/pg-test-server.sh): Debian keeps
# initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off PATH.
{ command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; } \
  || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need_apt+=(postgresql)
if [ -n "${need_python:-}" ]; then
  need_apt+=(python3 python3-venv)
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need_apt+=(python3-venv)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    fail "please install these Debian packages (as root): ${need_apt[*]}"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "no apt-get: install by hand: ${need_apt[*]}"
  echo "setup: installing ${need_apt[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || fail "apt-get could not install: ${need_apt[*]}"
fi

# Node 18.19 is the oldest whose test runner e2e/run.sh can use (Debian 12 ships 18.20).
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)' \
  || fail "Node.js $(node --version) is too old: the end-to-end tests need Node 18.19 or newer"

# The project's Python: .venv from scripts/requirements.txt (pinned versions).
# A venv left half-made (an interrupted run) has no pip: make it again.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  echo "setup: creating .venv" >&2
  rm -rf .venv
  python3 -m venv .venv || fail "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
.venv/bin/python -m pip install --disable-pip-version-check -q -r scripts/requirements.txt \
  || fail "could not install scripts/requirements.txt into .venv"
.venv/bin/python -c 'import networkx, numpy, scipy' \
  || fail ".venv lacks networkx, numpy or scipy after installing scripts/requirements.txt"
