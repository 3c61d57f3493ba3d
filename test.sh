#!/usr/bin/env bash
# Runs Samspil's whole test suite: unit, integration on SQLite and PostgreSQL, and browser tests.
# On a fresh Debian machine with only the .NET SDK it installs PostgreSQL and Chromium with apt-get,
# starts a throwaway PostgreSQL cluster on a free local port, and removes it again on exit.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

need_packages=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
  log "Installing ${need_packages[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DIR=$(mktemp -d /tmp/samspil-pg.XXXXXX)
RESULTS=$(mktemp -d /tmp/samspil-results.XXXXXX)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

# A free port: ask the kernel for one.
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || true)
if [ -z "${PG_PORT}" ]; then
  PG_PORT=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
fi

log "Starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
[ "$(id -u)" -ne 0 ] || chown postgres "$PG_DIR"
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -l "$PG_DIR/log" -w start >/dev/null
export SAMSPIL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "Building"
dotnet build Samspil.slnx -c Release -nologo -clp:ErrorsOnly

log "Running the tests (unit, integration on SQLite and PostgreSQL, browser)"
set +e
dotnet test Samspil.slnx -c Release --no-build --results-directory "$RESULTS" 2>&1 | tee "$RESULTS/output.txt"
status=${PIPESTATUS[0]}
set -e

# One closing line with the totals of every test assembly.
awk '
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
    n++
  }
  END {
    printf "\nTest assemblies: %d\n", n
    printf "%d passed, %d failed, %d skipped\n", p, f, s
  }' "$RESULTS/output.txt"
if [ "$(grep -cE '^(Passed|Failed)!' "$RESULTS/output.txt")" -lt 3 ]; then
  echo "Expected three test assemblies to report; some did not run." >&2
  status=1
fi
exit "$status"
