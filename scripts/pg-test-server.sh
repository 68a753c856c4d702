#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests of team mode.
#
#   scripts/pg-test-server.sh start   make (or reuse) the server; print its URL
#   scripts/pg-test-server.sh url     print the URL of the running server
#   scripts/pg-test-server.sh stop    stop it and delete its cluster
#   scripts/pg-test-server.sh pause   stop its server, keeping the cluster
#   scripts/pg-test-server.sh resume  start a paused server again, on its port
#
# POLICYSCOPE_PG_TEST_DIR names another folder for the cluster (default
# target/pg-test), so a test can run a server of its own and pause it
# without disturbing the shared one. It must be reachable by the cluster's
# owner (under target/, not a private temporary folder).
#
# `start` runs `initdb` in a new folder under target/pg-test/ (no locale,
# UTF-8, trust authentication, superuser `policyscope`), picks a free loopback
# port and starts the server with `pg_ctl`, listening on 127.0.0.1 only with
# its socket inside that folder, so it never meets another server on the
# machine. Durability is switched off (fsync, synchronous_commit): the data is
# thrown away, and tests create many databases. A running server is reused; a
# cluster whose server died is deleted and made again. PostgreSQL refuses to
# run as root: as root the cluster belongs to the system user `policyscope-pg`
# (created when missing; `nobody` when it cannot be). Calls are serialised by a
# lock, so parallel test binaries share one server.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "pg-test-server: $*" >&2; exit 1; }

base="${POLICYSCOPE_PG_TEST_DIR:-$PWD/target/pg-test}"
current="$base/current" # holds the path of the live cluster folder
mkdir -p "$base"

# initdb and pg_ctl: on PATH, else in Debian's versioned folder (newest first).
pg_bin() {
  local tool=$1 found
  if found=$(command -v "$tool" 2>/dev/null); then
    echo "$found"
    return
  fi
  found=$(ls -d /usr/lib/postgresql/*/bin/"$tool" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || fail "$tool is missing: run scripts/setup.sh (Debian package postgresql)"
  echo "$found"
}

# Runs a PostgreSQL program as the cluster's owner (not root), without the
# lock's descriptor: the server would otherwise hold the lock for its lifetime.
as_owner() {
  if [ -n "$owner" ]; then
    runuser -u "$owner" -- "$@" 9>&-
  else
    "$@" 9>&-
  fi
}

owner=""
if [ "$(id -u)" = 0 ]; then
  owner=policyscope-pg
  if ! id "$owner" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$owner" >/dev/null 2>&1 || owner=nobody
  fi
fi

url_of() { echo "postgres://policyscope@127.0.0.1:$(cat "$1/port")/postgres"; }

# The live cluster folder, if its server answers.
running() {
  [ -f "$current" ] || return 1
  local dir
  dir=$(cat "$current")
  [ -f "$dir/port" ] && [ -f "$dir/data/postmaster.pid" ] || return 1
  as_owner "$(pg_bin pg_ctl)" -D "$dir/data" status >/dev/null 2>&1 || return 1
  "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$(cat "$dir/port")" -t 5 >/dev/null 2>&1 || return 1
  echo "$dir"
}

# Stops the recorded cluster (if any) and deletes it.
remove() {
  [ -f "$current" ] || return 0
  local dir
  dir=$(cat "$current")
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  case "$dir" in "$base"/cluster.*) rm -rf "$dir" ;; esac
  rm -f "$current"
}

# A loopback port nobody listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "found no free loopback port"
}

# The server's options: loopback only, its socket in its folder, no durability.
server_options() {
  echo "-c listen_addresses=127.0.0.1 -p $1 -k $2/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
}

pause() {
  [ -f "$current" ] || fail "no test server to pause"
  local dir
  dir=$(cat "$current")
  as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || fail "pg_ctl could not stop the server in $dir"
}

resume() {
  [ -f "$current" ] || fail "no test server to resume"
  local dir port
  dir=$(cat "$current")
  port=$(cat "$dir/port")
  as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(server_options "$port" "$dir")" start \
    >/dev/null 2>&1 || fail "pg_ctl could not start the server again (see $dir/server.log)"
  "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$port" -t 30 || fail "the server on port $port does not answer"
}

start() {
  local dir
  if dir=$(running); then
    url_of "$dir"
    return
  fi
  remove # a stale cluster: its server is gone
  local initdb pg_ctl
  initdb=$(pg_bin initdb)
  pg_ctl=$(pg_bin pg_ctl)
  dir=$(mktemp -d "$base/cluster.XXXXXX")
  mkdir -p "$dir/data" "$dir/sock"
  [ -z "$owner" ] || chown -R "$owner" "$dir"
  chmod 700 "$dir/data"
  echo "$dir" >"$current"
  as_owner "$initdb" -D "$dir/data" --no-locale -E UTF8 --auth=trust -U policyscope >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed (see $dir/initdb.log): $(tail -n 3 "$dir/initdb.log")"
  # A port can be taken between the check and the start: try a few.
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "$(server_options "$port" "$dir")" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      if "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$port" -t 30; then
        url_of "$dir"
        return
      fi
      fail "the server on port $port does not answer (see $dir/server.log)"
    fi
  done
  fail "pg_ctl could not start the server (see $dir/server.log): $(tail -n 3 "$dir/server.log" 2>/dev/null)"
}

command=${1:-}
case "$command" in
  start | stop | url | pause | resume) ;;
  *) fail "usage: $0 start|stop|url|pause|resume" ;;
esac

exec 9>"$base/lock"
flock -w 120 9 || fail "another start or stop holds $base/lock"
case "$command" in
  start) start ;;
  stop) remove ;;
  pause) pause ;;
  resume) resume ;;
  url)
    dir=$(running) || fail "no test server is running (scripts/pg-test-server.sh start)"
    url_of "$dir"
    ;;
esac
