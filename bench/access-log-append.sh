#!/usr/bin/env bash
# pgbench of the access-log append alone: each transaction is one call of the PostgreSQL function
# samspil_append_access_log for a random citizen, as a read's log entry is appended. Compares git revisions in one
# run, on one throwaway durable PostgreSQL (default settings: fsync and synchronous_commit on), rounds interleaved.
# The schema of each revision (the access-log tables and the hand-written function block) is read from that
# revision's PostgreSQL InitialCreate migration by bench/access-log-schema.py; nothing is built.
#   bench/access-log-append.sh [--revs "main HEAD"] [--clients "1 16 64"] [--seconds 30] [--rounds 2] [--citizens 50000]
set -euo pipefail
cd "$(dirname "$0")/.."

REVS="main HEAD"; CLIENTS="1 16 64"; SECONDS_PER_RUN=30; ROUNDS=2; CITIZENS=50000
while [ $# -gt 0 ]; do
  case "$1" in
    --revs) REVS="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --citizens) CITIZENS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "${SAMSPIL_PG_CONNECTION:-}" ]; then
  exec scripts/with-postgres.sh "$0" --revs "$REVS" --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" --rounds "$ROUNDS" --citizens "$CITIZENS"
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$SAMSPIL_PG_CONNECTION")
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
WORK=$(mktemp -d /tmp/access-log-append.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/append.sql" <<SQL
\set c random(1, $CITIZENS)
SELECT samspil_append_access_log(date_trunc('milliseconds', now()), (extract(epoch FROM date_trunc('milliseconds', now())) * 10000000)::bigint + 621355968000000000,
  '11111111-1111-1111-1111-111111111111', 'Bench Fagperson', '22222222-2222-2222-2222-222222222222',
  ('00000000-0000-0000-0000-' || lpad(:c::text, 12, '0'))::uuid, 'StatusAndAppointments', 1, 'Read', 1,
  'Course', '33333333-3333-3333-3333-333333333333', 'Consent', 4, '44444444-4444-4444-4444-444444444444', 1, NULL, 'Coordination', 0, 'bench');
SQL

echo "== $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
echo "== fsync=$(psql -XAtc 'SHOW fsync') synchronous_commit=$(psql -XAtc 'SHOW synchronous_commit'); $CITIZENS citizens, ${SECONDS_PER_RUN}s per run, $ROUNDS round(s)"
i=0
for rev in $REVS; do
  i=$((i + 1))
  file=$(git ls-tree -r --name-only "$rev" src/Samspil/Infrastructure/Persistence/Migrations/Postgres | grep '_InitialCreate\.cs$')
  psql -Xq -c "CREATE DATABASE bench_$i"
  git show "$rev:$file" | python3 bench/access-log-schema.py | psql -Xq -v ON_ERROR_STOP=1 -d "bench_$i" >/dev/null
  echo "== database bench_$i: $rev ($(git rev-parse --short "$rev"))"
done

printf '%-8s %-12s %8s %12s %12s\n' round revision clients tps "latency ms"
for round in $(seq 1 "$ROUNDS"); do
  for clients in $CLIENTS; do
    i=0
    for rev in $REVS; do
      i=$((i + 1))
      out=$("$PG_BIN/pgbench" -n -M prepared -f "$WORK/append.sql" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" -d "bench_$i" 2>&1)
      tps=$(grep -E '^tps' <<<"$out" | head -n1 | awk '{print $3}')
      lat=$(grep -E '^latency average' <<<"$out" | awk '{print $4}')
      printf '%-8s %-12s %8s %12.0f %12s   (load %s)\n' "$round" "$rev" "$clients" "$tps" "$lat" "$(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done

i=0
for rev in $REVS; do
  i=$((i + 1))
  echo "== bench_$i ($rev): $(psql -XAt -d "bench_$i" -c 'SELECT count(*) FROM "AccessLog"') entries appended"
  if [ "$(psql -XAt -d "bench_$i" -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'AccessLog' AND column_name = 'ChainPosition'")" = 1 ]; then
    # Per-citizen chains: every chain gapless from 1 and its head at its newest entry (the full hash check is verify-access-log's).
    echo "   chains: $(psql -XAt -d "bench_$i" -c 'SELECT count(*) FROM "AccessLogChainHeads"'), with a gap or a head off its newest entry: $(psql -XAt -d "bench_$i" -c 'SELECT count(*) FROM (SELECT "CitizenId", count(*) AS n, max("ChainPosition") AS m, max("Sequence") AS s FROM "AccessLog" WHERE "ChainPosition" > 0 GROUP BY 1) c JOIN "AccessLogChainHeads" h USING ("CitizenId") LEFT JOIN "AccessLog" e ON e."CitizenId" = h."CitizenId" AND e."ChainPosition" = h."Position" WHERE c.n <> c.m OR h."Position" <> c.m OR e."Hash" IS DISTINCT FROM h."Hash"')"
  fi
done
