#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL server: `scripts/with-postgres.sh CMD ARGS...`
# (make test-postgres runs the suite this way; bench/workers.py too).
# Starts postgres in a temporary folder on a free port of 127.0.0.1 (as the `postgres`
# user when run as root: PostgreSQL refuses to run as root), runs the command with
# ARCHIVE_TEST_DATABASE_URL pointing at the server's maintenance database, then always
# stops it and removes the folder. Exits with the command's status.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

pg_bindir() {
  local initdb
  initdb=$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb" ] && dirname "$initdb"
}

if ! PG_BIN=$(pg_bindir); then
  echo "initdb not found: installing Debian's postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(pg_bindir)
fi

as_server_user=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  as_server_user=(runuser -u postgres --)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-pg.XXXXXX")
PGDATA="$WORK/data"
cleanup() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
chmod 700 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK"

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_server_user[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U archive --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" \
  || { cat "$WORK/initdb.log" >&2; exit 1; }
# Durability is pointless for a throwaway server; turning it off makes the suite faster.
"${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$WORK/server.log" -w -t 60 start \
  -o "-h 127.0.0.1 -p $PORT -k $WORK -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

status=0
ARCHIVE_TEST_DATABASE_URL="postgresql+psycopg://archive@127.0.0.1:$PORT/postgres" "$@" || status=$?
exit "$status"
