#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust, when it is missing:
# xmllint (REFI-QDA schema checks), Chromium, Node and its packages
# (browser end-to-end tests), networkx (GraphML check). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium fonts-wqy-zenhei)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install: ${need_apt[*]}" >&2
  fi
fi
if ! python3 -c 'import networkx' >/dev/null 2>&1; then
  python3 -m pip install -q networkx || echo "setup: could not install networkx" >&2
fi
