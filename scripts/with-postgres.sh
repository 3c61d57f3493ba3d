#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on a free local port, then removes the cluster.
# Installs PostgreSQL with apt-get if it is missing. The command sees SAMSPIL_PG_CONNECTION
# (Host=127.0.0.1;Port=...;Username=postgres;Database=postgres).
#   scripts/with-postgres.sh <command> [args...]
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== Installing postgresql with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DIR=$(mktemp -d /tmp/samspil-pg.XXXXXX)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

# A free port: ask the kernel for one, or probe upwards from 55432.
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || true)
if [ -z "${PG_PORT}" ]; then
  PG_PORT=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
fi

echo "== Starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
[ "$(id -u)" -ne 0 ] || chown postgres "$PG_DIR"
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
# max_connections 300: every test class has a database (and so a connection pool, up to Npgsql's 100) of its
# own, and a burst test opens a connection per request for the session check; the default of 100 refuses some.
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${SAMSPIL_PG_OPTIONS:-}" -l "$PG_DIR/log" -w start >/dev/null
export SAMSPIL_PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

"$@"
