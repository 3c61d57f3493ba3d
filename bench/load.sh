#!/usr/bin/env bash
# Load benchmark (issue 16 point 4; not part of the test command). On one throwaway durable PostgreSQL (default settings:
# fsync and synchronous_commit on):
#   1. builds Samspil and the bench project (Release) and seeds a synthetic population through the application's own
#      DbContext and domain factories (bench/Samspil.Benchmarks load-seed), with the application stopped;
#   2. starts the application (Kestrel on a free port, Production, PostgreSQL) and records its cold start: process start
#      to the first 200 from /health;
#   3. captures the SQL the application sends for one course, plan, meetings and messages read (log_statement = all around
#      one request each) and turns it into pgbench scripts (bench/load-sql.py);
#   4. drives a closed-loop load (bench/Samspil.Benchmarks load-run), every client a different clinician on the networks of
#      the citizens it reads: plan reads only, then the mixed load (reads of course, plan, meetings, messages; new actions
#      and messages), at each client count for a warm-up plus the duration;
#   5. runs pgbench with the captured SQL at the same client counts and durations (plan alone; the mixed load's reads with
#      their weights — pgbench cannot replay the writes, whose new ids and plan versions differ every time);
#   6. measures the access-log append's added latency: pgbench of the plan read's SQL with and without the append, medians
#      of the transaction latencies at 1 and 16 clients;
#   7. prints a Markdown table and writes it to --out; the cluster, the application and the work folder are removed on exit.
#   bench/load.sh [--citizens 50000] [--organisations 200] [--staff 2000] [--levels "1 4 16 64"] [--duration 20]
#                 [--warmup 5] [--out FILE (default /tmp/samspil-load-<time>.md)] [--skip-build]
#                 [--app-pool N]
#   --app-pool N caps the application's Npgsql pool at N connections (Maximum Pool Size; Npgsql's default is 100), so that at
#   many clients requests wait for a connection in the application instead of running as more PostgreSQL backends on the
#   same cores. SAMSPIL_LOAD_KEEP_SQL=DIR keeps the generated pgbench scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

CITIZENS=50000; ORGANISATIONS=200; STAFF=2000; LEVELS="1 4 16 64"; DURATION=20; WARMUP=5; SKIP_BUILD=0; APP_POOL=""
OUT="/tmp/samspil-load-$(date -u +%Y%m%dT%H%M%SZ).md"
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --citizens) CITIZENS="$2"; shift 2 ;;
    --organisations) ORGANISATIONS="$2"; shift 2 ;;
    --staff) STAFF="$2"; shift 2 ;;
    --levels) LEVELS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --out) OUT="$(realpath -m "$2")"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --app-pool) APP_POOL="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
MAX_CLIENTS=$(tr ' ' '\n' <<<"$LEVELS" | sort -n | tail -n1)

# Everything at the lowest CPU priority (the machine is shared): the cluster, the application, the driver and pgbench
# inherit it, so they compete with each other as they would alone.
if [ "$(nice)" -lt 19 ]; then exec nice -n 19 "$0" "${ARGS[@]}"; fi

# A cluster whose log this script can read (for the SQL capture), started by scripts/with-postgres.sh.
if [ -z "${SAMSPIL_PG_CONNECTION:-}" ]; then
  PG_LOG_DIR=$(mktemp -d /tmp/samspil-load-pglog.XXXXXX)
  chmod 777 "$PG_LOG_DIR"
  trap 'rm -rf "$PG_LOG_DIR"' EXIT
  export SAMSPIL_LOAD_PG_LOG="$PG_LOG_DIR/postgresql.log"
  SAMSPIL_PG_OPTIONS="-c logging_collector=on -c log_directory=$PG_LOG_DIR -c log_filename=postgresql.log -c log_file_mode=0644" \
    scripts/with-postgres.sh "$0" "${ARGS[@]}"
  exit $?
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$SAMSPIL_PG_CONNECTION")
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=samspil
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=samspil"
WORK=$(mktemp -d /tmp/samspil-load.XXXXXX)
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BENCH_DLL=bench/Samspil.Benchmarks/bin/Release/net10.0/Samspil.Benchmarks.dll
APP_DIR=src/Samspil
APP_DLL=bin/Release/net10.0/Samspil.dll
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== $(date -u +%FT%TZ) load benchmark: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GiB; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
echo "== fsync=$(psql -XAtc 'SHOW fsync' -d postgres) synchronous_commit=$(psql -XAtc 'SHOW synchronous_commit' -d postgres); $CITIZENS citizens, $ORGANISATIONS organisations, $STAFF staff; clients $LEVELS; ${WARMUP}s warm-up + ${DURATION}s per level; load average $(load)"

if [ "$SKIP_BUILD" = 0 ]; then
  echo "== Building (Release)"
  dotnet build bench/Samspil.Benchmarks -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
fi

echo "== Seeding (application stopped)"
SEED_START=$(date +%s)
dotnet "$BENCH_DLL" load-seed --connection "$CONNECTION" --citizens "$CITIZENS" --organisations "$ORGANISATIONS" --staff "$STAFF" \
  --clients "$MAX_CLIENTS" --manifest "$WORK/manifest.json"
SEED_SECONDS=$(( $(date +%s) - SEED_START ))
psql -Xq -c 'VACUUM ANALYZE'
echo "   database $(psql -XAtc "SELECT pg_size_pretty(pg_database_size('samspil'))"), seeding took ${SEED_SECONDS}s"

APP_PORT=$(free_port)
BASE_URL="http://127.0.0.1:$APP_PORT"
echo "== Starting Samspil on $BASE_URL"
START_NS=$(date +%s%N)
(
  cd "$APP_DIR"
  export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE_URL" Samspil__PublicBaseUrl="$BASE_URL" \
    Database__Provider=Postgres Database__ConnectionString="$CONNECTION${APP_POOL:+;Maximum Pool Size=$APP_POOL}" Demo__Seed=false \
    Authentication__RequireTwoFactorForStaff=false Mail__Mode=Pickup Mail__PickupDirectory="$WORK/mail" \
    Notifications__Reminders__Enabled=false DataProtection__KeysDirectory="$WORK/keys"
  exec dotnet "$APP_DLL" >"$WORK/app.log" 2>&1
) &
APP_PID=$!
COLD_MS=""
for _ in $(seq 1 3000); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/health" 2>/dev/null || true)" = 200 ]; then
    COLD_MS=$(( ($(date +%s%N) - START_NS) / 1000000 )); break
  fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "Samspil exited:"; tail -n 40 "$WORK/app.log"; exit 1; }
  sleep 0.02
done
[ -n "$COLD_MS" ] || { echo "Samspil did not answer /health within a minute"; tail -n 40 "$WORK/app.log"; exit 1; }
echo "   cold start (process start → first 200 from /health): ${COLD_MS} ms (load average $(load))"

echo "== Capturing the SQL of one request of each read kind"
ROWS=$(psql -XAtc 'SELECT count(*) FROM bench_course')
# name<TAB>value of every id column of the captured course (bench_course row 1).
psql -XAt -F $'\t' -c "SELECT key, value FROM bench_course, jsonb_each_text(to_jsonb(bench_course) - 'n') WHERE n = 1" >"$WORK/ids.tsv"
for kind in course plan meetings messages; do
  dotnet "$BENCH_DLL" load-run --base-url "$BASE_URL" --manifest "$WORK/manifest.json" --once "$kind" --connection "$CONNECTION"
  python3 bench/load-sql.py --log "$SAMSPIL_LOAD_PG_LOG" --kind "$kind" --ids "$WORK/ids.tsv" --rows "$ROWS" >"$WORK/$kind.sql"
done
if [ -n "${SAMSPIL_LOAD_KEEP_SQL:-}" ]; then mkdir -p "$SAMSPIL_LOAD_KEEP_SQL" && cp "$WORK"/*.sql "$SAMSPIL_LOAD_KEEP_SQL"/; fi

echo "== Samspil: plan reads only, then the mixed load"
: >"$WORK/samspil.tsv"
dotnet "$BENCH_DLL" load-run --base-url "$BASE_URL" --manifest "$WORK/manifest.json" --mode plan --app-pid "$APP_PID" --levels "$LEVELS" --duration "$DURATION" --warmup "$WARMUP" --out "$WORK/samspil.tsv"
dotnet "$BENCH_DLL" load-run --base-url "$BASE_URL" --manifest "$WORK/manifest.json" --mode mixed --app-pid "$APP_PID" --levels "$LEVELS" --duration "$DURATION" --warmup "$WARMUP" --out "$WORK/samspil.tsv"
APP_ERRORS=$(grep -c -E '"@l":"(Error|Fatal)"| (ERR|FTL)\] ' "$WORK/app.log" || true)
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

echo "== pgbench with the captured SQL (-M extended, the application's protocol; a warm-up of ${WARMUP}s before each level)"
: >"$WORK/pgbench.tsv"
for mode in plan mixed; do
  if [ "$mode" = plan ]; then files=(-f "$WORK/plan.sql"); else files=(-f "$WORK/course.sql@20" -f "$WORK/plan.sql@30" -f "$WORK/meetings.sql@15" -f "$WORK/messages.sql@15"); fi
  for clients in $LEVELS; do
    threads=$(( clients < 2 ? 1 : 2 ))
    "$PG_BIN/pgbench" -n -M extended "${files[@]}" -c "$clients" -j "$threads" -T "$WARMUP" >/dev/null 2>&1 || true
    result=$("$PG_BIN/pgbench" -n -M extended "${files[@]}" -c "$clients" -j "$threads" -T "$DURATION" 2>&1) || { echo "$result" | tail -n 20; exit 1; }
    tps=$(grep -E '^tps' <<<"$result" | head -n1 | awk '{print $3}')
    failed=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' <<<"$result"); failed=${failed:-0}
    printf '%s\t%s\t%s\t%s\n' "$mode" "$clients" "$tps" "$failed" >>"$WORK/pgbench.tsv"
    echo "   $mode $clients clients: $tps tps, $failed failed (load average $(load))"
  done
done

echo "== The access-log append's added latency: pgbench of the plan read's SQL with and without the append, at 1 and 16 clients"
grep -v samspil_append_access_log "$WORK/plan.sql" >"$WORK/plan-without-append.sql"
APPEND_ADDED=""
for clients in 1 16; do
  threads=$(( clients < 2 ? 1 : 2 ))
  for script in plan plan-without-append; do
    "$PG_BIN/pgbench" -n -M extended -f "$WORK/$script.sql" -c "$clients" -j "$threads" -T "$WARMUP" >/dev/null 2>&1 || true
    (cd "$WORK" && "$PG_BIN/pgbench" -n -M extended -f "$WORK/$script.sql" -c "$clients" -j "$threads" -T "$DURATION" -l --log-prefix "lat-$script-$clients" >/dev/null 2>&1)
  done
  # Each log line: client, transaction, latency in µs, … — the medians of both, and their difference.
  added=$(python3 - "$WORK" "$clients" <<'PY2'
import glob, statistics, sys
work, clients = sys.argv[1], sys.argv[2]
def median(script):
    return statistics.median(int(line.split()[2]) for f in glob.glob(f"{work}/lat-{script}-{clients}.*") for line in open(f)) / 1000
with_append, without = median("plan"), median("plan-without-append")
print(f"{clients} client{'s' if clients != '1' else ''}: median {with_append:.2f} ms with the append, {without:.2f} ms without, added {with_append - without:.2f} ms")
PY2
)
  echo "   $added"
  APPEND_ADDED="${APPEND_ADDED:+$APPEND_ADDED; }$added"
done

python3 - "$WORK/samspil.tsv" "$WORK/pgbench.tsv" "$OUT" <<PY
import sys
samspil = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
pgbench = {(m, c): (float(t), f) for m, c, t, f in (l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip())}
lines = [
    "Load benchmark, $(date -u +%F) at $(git rev-parse --short HEAD): $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $CITIZENS citizens, "
    "$ORGANISATIONS organisations, $STAFF staff; ${WARMUP} s warm-up + ${DURATION} s per level; application pool ${APP_POOL:-100 (default)}; cold start ${COLD_MS} ms; "
    "seeding ${SEED_SECONDS} s; application log errors: ${APP_ERRORS}; load average at the end $(load).",
    "",
    "The access-log append's added latency (pgbench, the plan read's SQL with and without it): ${APPEND_ADDED}.",
    "",
    "| clients | kind | req/s | p50 ms | p99 ms | errors | pgbench tps | ratio | CPU ms/req: app | PostgreSQL | driver | machine busy |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for mode, clients, kind, n, rps, p50, p99, errors, app_ms, pg_ms, driver_ms, busy in samspil:
    label = "plan (plan reads only)" if mode == "plan" else ("mixed, all" if kind == "all" else f"mixed: {kind}")
    tps, ratio = "", ""
    if (mode == "plan" or kind == "all") and (mode, clients) in pgbench:
        t, failed = pgbench[(mode, clients)]
        tps = f"{t:,.0f}" + (f" ({failed} failed)" if failed != "0" else "")
        ratio = f"{float(rps) / t:.2f}" if t else ""
    cpu = f"| {app_ms} | {pg_ms} | {driver_ms} | {busy} % |" if (mode == "plan" or kind == "all") and busy else "| | | | |"
    lines.append(f"| {clients} | {label} | {float(rps):,.1f} | {p50} | {p99} | {errors} | {tps} | {ratio} {cpu}")
lines += ["", "pgbench runs the SQL the application sent for one request of each kind (captured with log_statement = all), "
          "ids drawn per transaction from the same courses; for the mixed load only its reads (course 20, plan 30, meetings 15, "
          "messages 15), so its ratio compares the whole mix with the mix's reads.",
          "", "CPU ms/req: CPU time (from /proc) of the application's process, of every postgres process and of the load driver "
          "in the measured window, divided by the requests of the level; machine busy: the share of both cores in use. With the "
          "machine busy near 100 %, 2,000 ms ÷ (app + PostgreSQL + driver) is the throughput the CPU allows."]
text = "\n".join(lines) + "\n"
open(sys.argv[3], "w").write(text)
print(text)
PY
echo "== Written to $OUT"
