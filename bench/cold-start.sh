#!/usr/bin/env bash
# Cold start: wall time from starting the process to the first HTTP 200 from /health, for the Release build
# (`dotnet src/Samspil/bin/Release/net10.0/Samspil.dll`, Production environment, demo data on), in three cases:
#   sqlite-warm   a SQLite file already migrated and seeded (a restart: the case an operator meets)
#   sqlite-fresh  a new SQLite file each run (first start: migrations and demo data)
#   postgres-warm a PostgreSQL database already migrated and seeded (a throwaway cluster, scripts/with-postgres.sh)
# Each case runs --runs times (default 5) and prints every run and the median in milliseconds: wall time, and the
# app's own CPU time (user + system) up to that answer, which a busy machine disturbs less. Runs under nice;
# every process, file and cluster it starts is removed on exit. Build first: dotnet build -c Release.
#   bench/cold-start.sh [--runs 5] [--cases "sqlite-warm sqlite-fresh postgres-warm"] [--dll path]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=5; CASES="sqlite-warm sqlite-fresh postgres-warm"; DLL=src/Samspil/bin/Release/net10.0/Samspil.dll
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --dll) DLL="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$DLL" ] || { echo "$DLL is missing: run dotnet build -c Release first" >&2; exit 1; }

# PostgreSQL: re-run this script inside a throwaway cluster (only when a PostgreSQL case is asked for).
if [[ " $CASES " == *" postgres-warm "* ]] && [ -z "${SAMSPIL_PG_CONNECTION:-}" ]; then
  exec scripts/with-postgres.sh "$0" --runs "$RUNS" --cases "$CASES" --dll "$DLL"
fi

WORK=$(mktemp -d /tmp/samspil-cold-start.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# One start, timed by a small Python driver: spawn the app, poll /health every 5 ms, print the milliseconds to the
# first 200, then stop the app (SIGTERM, then SIGKILL) and wait for it. The app's output goes to $WORK/app.log.
start_once() { # <connection-provider> <connection-string> <log>
  nice -n 10 python3 - "$1" "$2" "$3" "$DLL" "$WORK/keys" <<'PY'
import os, signal, socket, subprocess, sys, time, urllib.request
provider, connection, log, dll, keys = sys.argv[1:6]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", DOTNET_NOLOGO="1",
           Database__Provider=provider, Database__ConnectionString=connection,
           Demo__Seed="true", DataProtection__KeysDirectory=keys)
url = f"http://127.0.0.1:{port}/health"
with open(log, "ab") as out:
    started = time.monotonic()
    # From the build folder, as an installed app runs: the content root (appsettings.json, wwwroot) is the working directory.
    app = subprocess.Popen(["dotnet", os.path.basename(dll), "--urls", f"http://127.0.0.1:{port}"], cwd=os.path.dirname(os.path.abspath(dll)),
                           env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while True:
            if app.poll() is not None:
                sys.exit(f"the app exited with {app.returncode} before /health answered (see {log})")
            if time.monotonic() - started > 120:
                sys.exit("no 200 from /health within 120 s")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except Exception:
                pass
            time.sleep(0.005)
        ms = round((time.monotonic() - started) * 1000)
        with open(f"/proc/{app.pid}/stat") as f:  # the app's own CPU time (user + system) up to that answer
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = round((int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK"))
        print(ms, cpu)
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill(); app.wait()
PY
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for case in $CASES; do
  times=()
  case "$case" in
    sqlite-warm)
      db="$WORK/warm.db"
      start_once Sqlite "Data Source=$db" "$WORK/$case.log" >/dev/null # migrate and seed once, not counted
      for _ in $(seq "$RUNS"); do times+=("$(start_once Sqlite "Data Source=$db" "$WORK/$case.log")"); done ;;
    sqlite-fresh)
      for i in $(seq "$RUNS"); do times+=("$(start_once Sqlite "Data Source=$WORK/fresh-$i.db" "$WORK/$case.log")"); done ;;
    postgres-warm)
      pg="$SAMSPIL_PG_CONNECTION"; pg="${pg/Database=postgres/Database=samspil_cold_start}"
      start_once Postgres "$pg" "$WORK/$case.log" >/dev/null
      for _ in $(seq "$RUNS"); do times+=("$(start_once Postgres "$pg" "$WORK/$case.log")"); done ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
  wall=$(printf '%s\n' "${times[@]}" | cut -d' ' -f1 | median)
  cpu=$(printf '%s\n' "${times[@]}" | cut -d' ' -f2 | median)
  printf '%-14s median %5s ms wall, %5s ms CPU   runs (wall/CPU): %s\n' "$case" "$wall" "$cpu" "$(printf '%s\n' "${times[@]}" | tr ' ' / | paste -sd' ')"
done
